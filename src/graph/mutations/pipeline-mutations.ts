import {
  type AtlasPipeline,
  createPipeline,
  deletePipeline,
  getPipeline,
  listPipelines,
  pausePipeline,
  pipelinePath,
  resumePipeline,
  updatePipeline,
} from '../../atlas/pipelines.ts';
import { builder } from '../builder.ts';
import { encodeGlobalId } from '../relay/global-id.ts';
import { PipelineRef, ProjectRef } from '../types/refs.ts';
import { type PipelineShape, pipelineShape, projectShape } from '../types/shapes.ts';
import { checkInput, pipelineNameCheck } from './input-checks.ts';
import { cachedEntity, type MutationEffects, mutate, pathAndBelow } from './mutation-effects.ts';
import { mutationErrors } from './mutation-errors.ts';
import {
  CreatePipelineInput,
  PipelineActionInput,
  pipelineBody,
  pipelineFieldChecks,
  UpdatePipelineInput,
} from './pipeline-inputs.ts';

/** A pipeline changed in place or created: its list and its lookup by name now answer the new state. */
const pipelineChanged =
  (groupId: string, ...oldNames: string[]) =>
  (raw: AtlasPipeline): MutationEffects => {
    const pipeline = pipelineShape(groupId, raw);
    return {
      stale: [
        `${listPipelines(groupId).path}?`,
        ...oldNames.flatMap((name) => pathAndBelow(pipelinePath(groupId, name))),
      ],
      fresh: [[getPipeline(groupId, pipeline.name), raw]],
      entities: [
        ...oldNames.map((name) => cachedEntity('Pipeline', groupId, name)),
        cachedEntity('Pipeline', groupId, pipeline.name),
        cachedEntity('Project', groupId),
      ],
    };
  };

const CreatePipelineSuccess = builder
  .objectRef<{ pipeline: PipelineShape }>('CreatePipelineSuccess')
  .implement({
    fields: (t) => ({
      pipeline: t.expose('pipeline', { type: PipelineRef, nullable: false }),
      project: t.field({
        type: ProjectRef,
        nullable: false,
        description: 'Its list of pipelines holds the new one.',
        resolve: (payload) => projectShape(payload.pipeline.groupId),
      }),
    }),
  });

/** The payload of the mutations that change one pipeline in place. */
const pipelinePayload = (name: string) =>
  builder.objectRef<{ pipeline: PipelineShape }>(name).implement({
    fields: (t) => ({
      pipeline: t.expose('pipeline', { type: PipelineRef, nullable: false }),
    }),
  });

const DeletePipelineSuccess = builder
  .objectRef<{ groupId: string; name: string }>('DeletePipelineSuccess')
  .implement({
    fields: (t) => ({
      deletedPipelineId: t.id({
        nullable: false,
        resolve: (deleted) => encodeGlobalId('Pipeline', deleted.groupId, deleted.name),
      }),
      project: t.field({
        type: ProjectRef,
        nullable: false,
        resolve: (deleted) => projectShape(deleted.groupId),
      }),
    }),
  });

builder.mutationFields((t) => {
  /** Pause and resume differ only in their route and words. */
  const pipelineAction = (name: string, request: typeof pausePipeline, description: string) =>
    t.field({
      type: pipelinePayload(`${name}Success`),
      nullable: false,
      description,
      errors: mutationErrors(name),
      args: { input: t.arg({ type: PipelineActionInput, required: true }) },
      resolve: async (_, { input }, context) => {
        checkInput([pipelineNameCheck(input.pipelineName, 'pipelineName')]);
        const raw = await mutate(
          context,
          request(input.projectId, input.pipelineName),
          pipelineChanged(input.projectId, input.pipelineName),
        );
        return { pipeline: pipelineShape(input.projectId, raw) };
      },
    });

  return {
    createPipeline: t.field({
      type: CreatePipelineSuccess,
      nullable: false,
      description: 'Creates a Data Lake Pipeline.',
      errors: mutationErrors('CreatePipeline'),
      args: { input: t.arg({ type: CreatePipelineInput, required: true }) },
      resolve: async (_, { input }, context) => {
        checkInput(pipelineFieldChecks(input));
        const raw = await mutate(
          context,
          createPipeline(input.projectId, pipelineBody(input)),
          pipelineChanged(input.projectId),
        );
        return { pipeline: pipelineShape(input.projectId, raw) };
      },
    }),
    updatePipeline: t.field({
      type: pipelinePayload('UpdatePipelineSuccess'),
      nullable: false,
      description: 'Changes the fields given (a PATCH holding only those).',
      errors: mutationErrors('UpdatePipeline'),
      args: { input: t.arg({ type: UpdatePipelineInput, required: true }) },
      resolve: async (_, { input }, context) => {
        const body = pipelineBody(input);
        checkInput([
          pipelineNameCheck(input.pipelineName, 'pipelineName'),
          ...pipelineFieldChecks(input),
          [Object.keys(body).length > 0, [], 'Give at least one field to change.'],
        ]);
        const raw = await mutate(
          context,
          updatePipeline(input.projectId, input.pipelineName, body),
          pipelineChanged(input.projectId, input.pipelineName),
        );
        return { pipeline: pipelineShape(input.projectId, raw) };
      },
    }),
    deletePipeline: t.field({
      type: DeletePipelineSuccess,
      nullable: false,
      description: 'Deletes a pipeline and its runs.',
      errors: mutationErrors('DeletePipeline'),
      args: { input: t.arg({ type: PipelineActionInput, required: true }) },
      resolve: async (_, { input }, context) => {
        checkInput([pipelineNameCheck(input.pipelineName, 'pipelineName')]);
        const { projectId, pipelineName } = input;
        await mutate(context, deletePipeline(projectId, pipelineName), () => ({
          stale: [
            `${listPipelines(projectId).path}?`,
            ...pathAndBelow(pipelinePath(projectId, pipelineName)),
          ],
          entities: [
            cachedEntity('Pipeline', projectId, pipelineName),
            cachedEntity('Project', projectId),
          ],
        }));
        return { groupId: projectId, name: pipelineName };
      },
    }),
    pausePipeline: pipelineAction(
      'PausePipeline',
      pausePipeline,
      'Stops scheduled ingestion; on-demand triggers are refused until resumed.',
    ),
    resumePipeline: pipelineAction(
      'ResumePipeline',
      resumePipeline,
      'Resumes scheduled ingestion.',
    ),
  };
});
