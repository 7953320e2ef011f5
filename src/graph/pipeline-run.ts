import { UpstreamError, isMissingObject } from '../atlas/errors.ts';
import { getPipelineRun, pipelineRuns, triggerPipeline, type AtlasPipelineRun } from '../atlas/pipelines.ts';
import { callUpstream } from './loaders/upstream-session.ts';
import { builder } from './builder.ts';
import { connectionType } from './connection.ts';
import type { GraphContext } from './context.ts';
import { DatasetRetentionPolicyInput, DatasetRetentionPolicyRef } from './dataset-retention-policy.ts';
import { MUTATION_ERRORS, ValidationFailure, asMutationFailure, type FieldError } from './mutation-errors.ts';
import { NodeRef, registerRefetch } from './node.ts';
import { isPipelineName } from './patterns.ts';
import { PipelineRef, pipelineShape } from './pipeline.ts';
import type { PipelineRunShape } from './shapes.ts';
import { upstreamEnum } from './upstream-enum.ts';

export const runShape = (groupId: string, pipelineName: string, raw: AtlasPipelineRun): PipelineRunShape => ({
  kind: 'PipelineRun',
  groupId,
  pipelineName,
  raw,
});

/** One run by id: one GET, or nothing when a list of this operation already held it; null when gone. */
export async function loadRun(context: GraphContext, groupId: string, pipelineName: string, runId: string) {
  try {
    const raw = await context.loaders.requests.load<AtlasPipelineRun>(getPipelineRun(groupId, pipelineName, runId));
    return runShape(groupId, pipelineName, raw);
  } catch (error) {
    if (isMissingObject(error)) return null;
    throw error;
  }
}

const PipelineRunState = upstreamEnum(
  'PipelineRunState',
  ['PENDING', 'IN_PROGRESS', 'DONE', 'FAILED', 'DATASET_DELETED'],
  'Where a pipeline run stands.',
);
const PipelinePhase = upstreamEnum('PipelinePhase', ['SNAPSHOT', 'EXPORT', 'INGESTION'], 'The step a pipeline run is in.');
const BackupFrequencyType = upstreamEnum(
  'BackupFrequencyType',
  ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'],
  'How often the snapshot a run ingests is taken.',
);

const PipelineRunStatsRef = builder
  .objectRef<NonNullable<AtlasPipelineRun['stats']>>('PipelineRunStats')
  .implement({
    fields: (t) => ({
      bytesExported: t.field({ type: 'Long', resolve: (s) => s.bytesExported ?? null }),
      numDocs: t.field({ type: 'Long', resolve: (s) => s.numDocs ?? null }),
    }),
  });

export const PipelineRunRef = builder.objectRef<PipelineRunShape>('PipelineRun');

PipelineRunRef.implement({
  description: 'One ingestion of a snapshot by a pipeline.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as PipelineRunShape).kind === 'PipelineRun',
  fields: (t) => ({
    atlasId: t.field({
      type: 'ObjectId',
      nullable: false,
      resolve: (run) => {
        if (!run.raw._id) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Atlas returned a run without an id.');
        return run.raw._id;
      },
    }),
    pipelineAtlasId: t.field({ type: 'ObjectId', resolve: (run) => run.raw.pipelineId ?? null }),
    state: t.field({ type: PipelineRunState.ref, resolve: (run, _, c) => PipelineRunState.known(run.raw.state, c.logger) }),
    phase: t.field({ type: PipelinePhase.ref, resolve: (run, _, c) => PipelinePhase.known(run.raw.phase, c.logger) }),
    backupFrequencyType: t.field({
      type: BackupFrequencyType.ref,
      resolve: (run, _, c) => BackupFrequencyType.known(run.raw.backupFrequencyType, c.logger),
    }),
    datasetName: t.string({ resolve: (run) => run.raw.datasetName ?? null }),
    snapshotId: t.field({ type: 'ObjectId', resolve: (run) => run.raw.snapshotId ?? null }),
    createdDate: t.field({ type: 'DateTime', resolve: (run) => run.raw.createdDate ?? null }),
    lastUpdatedDate: t.field({ type: 'DateTime', resolve: (run) => run.raw.lastUpdatedDate ?? null }),
    scheduledDeletionDate: t.field({ type: 'DateTime', resolve: (run) => run.raw.scheduledDeletionDate ?? null }),
    datasetRetentionPolicy: t.field({ type: DatasetRetentionPolicyRef, resolve: (run) => run.raw.datasetRetentionPolicy ?? null }),
    stats: t.field({ type: PipelineRunStatsRef, resolve: (run) => run.raw.stats ?? null }),
    pipeline: t.field({
      type: PipelineRef,
      nullable: false,
      resolve: async (run, _, context) => {
        const raw = await context.loaders.pipelines.load(run.groupId, run.pipelineName);
        if (!raw) throw new UpstreamError('NOT_FOUND', `Pipeline "${run.pipelineName}" no longer exists.`);
        return pipelineShape(run.groupId, raw);
      },
    }),
  }),
});

export const PipelineRunConnection = connectionType('PipelineRun', PipelineRunRef);

registerRefetch('PipelineRun', (id, context) => loadRun(context, id.groupId, id.keys[0]!, id.keys[1]!));

const TriggerPipelineRunInput = builder.inputType('TriggerPipelineRunInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true }),
    pipelineName: t.string({ required: true }),
    snapshotId: t.field({ type: 'ObjectId', required: true, description: 'One of the pipeline\'s available snapshots.' }),
    datasetRetentionPolicy: t.field({ type: DatasetRetentionPolicyInput }),
  }),
});

const TriggerPipelineRunSuccess = builder
  .objectRef<{ run: PipelineRunShape }>('TriggerPipelineRunSuccess')
  .implement({
    fields: (t) => ({
      run: t.field({ type: PipelineRunRef, nullable: false, resolve: (payload) => payload.run }),
      pipeline: t.field({
        type: PipelineRef,
        resolve: async ({ run }, _, context) => {
          const raw = await context.loaders.pipelines.load(run.groupId, run.pipelineName);
          return raw && pipelineShape(run.groupId, raw);
        },
      }),
    }),
  });

builder.mutationFields((t) => ({
  triggerPipelineRun: t.field({
    type: TriggerPipelineRunSuccess,
    nullable: false,
    description: 'Starts an on-demand ingestion of a snapshot. Never retried: Atlas may have started the run.',
    errors: { types: MUTATION_ERRORS, directResult: true, union: { name: 'TriggerPipelineRunResult' } },
    args: { input: t.arg({ type: TriggerPipelineRunInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const problems: FieldError[] = [];
      if (!isPipelineName(input.pipelineName)) {
        problems.push({ path: ['input', 'pipelineName'], message: 'A pipeline name is 1 to 64 characters without / \\ space " or $, and not . or ..' });
      }
      const policy = input.datasetRetentionPolicy;
      if (policy && policy.value < 1) {
        problems.push({ path: ['input', 'datasetRetentionPolicy', 'value'], message: 'Must be at least 1.' });
      }
      if (problems.length > 0) throw new ValidationFailure('The input is not valid.', problems);

      const body = {
        snapshotId: input.snapshotId,
        ...(policy ? { datasetRetentionPolicy: { units: policy.units, value: policy.value } } : {}),
      };
      const raw = await callUpstream<AtlasPipelineRun>(
        context.upstream,
        triggerPipeline(input.projectId, input.pipelineName, body),
      ).catch(asMutationFailure);
      const run = runShape(input.projectId, input.pipelineName, raw);
      // Later reads of this operation see the new run: its lists are refetched, its lookup answers it.
      const runsPath = pipelineRuns(input.projectId, input.pipelineName, undefined).path;
      context.loaders.requests.forget(runsPath);
      context.loaders.windows.forget(runsPath);
      if (raw._id) context.loaders.requests.replace(getPipelineRun(input.projectId, input.pipelineName, raw._id), raw);
      return { run };
    },
  }),
}));
