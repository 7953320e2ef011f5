import {
  type AtlasPipelineRun,
  deletePipelineRunDataset,
  getPipelineRun,
  pipelineRuns,
  triggerPipeline,
} from '../../atlas/pipelines.ts';
import { builder } from '../builder.ts';
import { loadPipeline, loadRun } from '../loaders/lookups.ts';
import { PipelineRef, PipelineRunRef } from '../types/refs.ts';
import { type PipelineRunShape, runShape } from '../types/shapes.ts';
import { checkInput, pipelineNameCheck } from './input-checks.ts';
import { cachedEntity, mutate } from './mutation-effects.ts';
import { mutationErrors } from './mutation-errors.ts';
import {
  DeletePipelineRunDatasetInput,
  TriggerPipelineRunInput,
  triggerBody,
  triggerChecks,
} from './pipeline-run-inputs.ts';

const TriggerPipelineRunSuccess = builder
  .objectRef<{ run: PipelineRunShape }>('TriggerPipelineRunSuccess')
  .implement({
    fields: (t) => ({
      run: t.expose('run', { type: PipelineRunRef, nullable: false }),
      pipeline: t.field({
        type: PipelineRef,
        resolve: ({ run }, _, context) => loadPipeline(context, run.groupId, run.pipelineName),
      }),
    }),
  });

const DeletePipelineRunDatasetSuccess = builder
  .objectRef<{ groupId: string; pipelineName: string; runId: string }>(
    'DeletePipelineRunDatasetSuccess',
  )
  .implement({
    description: 'Atlas accepted the deletion; it completes later.',
    fields: (t) => ({
      run: t.field({
        type: PipelineRunRef,
        description:
          'The run read again after the deletion was accepted: DATASET_DELETED, or still DONE while Atlas works.',
        resolve: (deleted, _, context) =>
          loadRun(context, deleted.groupId, deleted.pipelineName, deleted.runId),
      }),
    }),
  });

builder.mutationFields((t) => ({
  triggerPipelineRun: t.field({
    type: TriggerPipelineRunSuccess,
    nullable: false,
    description:
      'Starts an on-demand ingestion of a snapshot. Never retried: Atlas may have started the run.',
    errors: mutationErrors('TriggerPipelineRun'),
    args: { input: t.arg({ type: TriggerPipelineRunInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, pipelineName } = input;
      checkInput(triggerChecks(input));
      // Later reads of this operation see the new run: its lists are refetched, its lookup answers it.
      const runsPath = pipelineRuns(projectId, pipelineName, undefined).path;
      const raw = await mutate<AtlasPipelineRun>(
        context,
        triggerPipeline(projectId, pipelineName, triggerBody(input)),
        (run) => ({
          stale: [runsPath],
          fresh: run._id ? [[getPipelineRun(projectId, pipelineName, run._id), run]] : [],
          entities: run._id ? [cachedEntity('PipelineRun', projectId, pipelineName, run._id)] : [],
        }),
      );
      return { run: runShape(projectId, pipelineName, raw) };
    },
  }),
  deletePipelineRunDataset: t.field({
    type: DeletePipelineRunDatasetSuccess,
    nullable: false,
    description: 'Deletes the dataset a DONE run wrote. Atlas answers at once and deletes later.',
    errors: mutationErrors('DeletePipelineRunDataset'),
    args: { input: t.arg({ type: DeletePipelineRunDatasetInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, pipelineName, runId } = input;
      checkInput([pipelineNameCheck(pipelineName, 'pipelineName')]);
      await mutate(context, deletePipelineRunDataset(projectId, pipelineName, runId), () => ({
        stale: [pipelineRuns(projectId, pipelineName, undefined).path],
        entities: [cachedEntity('PipelineRun', projectId, pipelineName, runId)],
      }));
      return { groupId: projectId, pipelineName, runId };
    },
  }),
}));
