import { AtlasCallError } from '../../atlas/errors.ts';
import type { AtlasPipelineRun } from '../../atlas/pipelines.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { upstreamId } from '../lib/upstream-id.ts';
import { loadPipeline, loadRun } from '../loaders/lookups.ts';
import { connectionType } from '../relay/connection.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { DatasetRetentionPolicyRef } from './dataset-retention-policy.ts';
import { ClusterSnapshotRef, PipelineRef, PipelineRunRef } from './refs.ts';
import { clusterSnapshotShape, type PipelineRunShape } from './shapes.ts';

const PipelineRunState = upstreamEnum(
  'PipelineRunState',
  ['PENDING', 'IN_PROGRESS', 'DONE', 'FAILED', 'DATASET_DELETED'],
  'Where a pipeline run stands.',
);
const PipelinePhase = upstreamEnum(
  'PipelinePhase',
  ['SNAPSHOT', 'EXPORT', 'INGESTION'],
  'The step a pipeline run is in.',
);
const BackupFrequencyType = upstreamEnum(
  'BackupFrequencyType',
  ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'],
  'How often the snapshot a run ingests is taken.',
);

const PipelineRunStatsRef = builder
  .objectRef<NonNullable<AtlasPipelineRun['stats']>>('PipelineRunStats')
  .implement({
    fields: (t) => ({
      bytesExported: t.expose('bytesExported', { type: 'Long' }),
      numDocs: t.expose('numDocs', { type: 'Long' }),
    }),
  });

PipelineRunRef.implement({
  description: 'One ingestion of a snapshot by a pipeline.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as PipelineRunShape).kind === 'PipelineRun',
  fields: (t) => ({
    atlasId: t.field({
      type: 'ObjectId',
      nullable: false,
      resolve: (run) => upstreamId(run.raw._id, 'a run'),
    }),
    pipelineAtlasId: t.field({ type: 'ObjectId', resolve: (run) => run.raw.pipelineId ?? null }),
    state: t.field({
      type: PipelineRunState.ref,
      resolve: (run, _, c) => PipelineRunState.known(run.raw.state, c),
    }),
    phase: t.field({
      type: PipelinePhase.ref,
      resolve: (run, _, c) => PipelinePhase.known(run.raw.phase, c),
    }),
    backupFrequencyType: t.field({
      type: BackupFrequencyType.ref,
      resolve: (run, _, c) => BackupFrequencyType.known(run.raw.backupFrequencyType, c),
    }),
    datasetName: t.string({ resolve: (run) => run.raw.datasetName ?? null }),
    snapshotId: t.field({ type: 'ObjectId', resolve: (run) => run.raw.snapshotId ?? null }),
    createdDate: t.field({ type: 'DateTime', resolve: (run) => run.raw.createdDate ?? null }),
    lastUpdatedDate: t.field({
      type: 'DateTime',
      resolve: (run) => run.raw.lastUpdatedDate ?? null,
    }),
    scheduledDeletionDate: t.field({
      type: 'DateTime',
      resolve: (run) => run.raw.scheduledDeletionDate ?? null,
    }),
    datasetRetentionPolicy: t.field({
      type: DatasetRetentionPolicyRef,
      resolve: (run) => run.raw.datasetRetentionPolicy ?? null,
    }),
    stats: t.field({ type: PipelineRunStatsRef, resolve: (run) => run.raw.stats ?? null }),
    pipeline: t.field({
      type: PipelineRef,
      nullable: false,
      resolve: async (run, _, context) => {
        const pipeline = await loadPipeline(context, run.groupId, run.pipelineName);
        if (!pipeline)
          throw new AtlasCallError('NOT_FOUND', `Pipeline "${run.pipelineName}" no longer exists.`);
        return pipeline;
      },
    }),
    snapshot: t.field({
      type: ClusterSnapshotRef,
      description:
        "The snapshot this run ingests, of the pipeline's source cluster; null once it has expired.",
      resolve: async (run, _, context) => {
        const snapshotId = run.raw.snapshotId;
        if (!snapshotId) return null;
        const clusterName = (await context.loaders.pipelines.load(run.groupId, run.pipelineName))
          ?.source?.clusterName;
        if (typeof clusterName !== 'string') return null;
        const raw = await context.loaders.snapshots.load(run.groupId, clusterName, snapshotId);
        return raw && clusterSnapshotShape(run.groupId, clusterName, raw);
      },
    }),
  }),
});

export const PipelineRunConnection = connectionType('PipelineRun', PipelineRunRef);

registerRefetch('PipelineRun', (id, context) =>
  loadRun(context, id.groupId, id.keys[0]!, id.keys[1]!),
);
