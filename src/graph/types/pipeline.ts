import { AtlasCallError } from '../../atlas/errors.ts';
import {
  type AtlasPipelineRun,
  type AtlasPolicyItem,
  pipelineAvailableSchedules,
  pipelineAvailableSnapshots,
  pipelineRuns,
} from '../../atlas/pipelines.ts';
import type { AtlasClusterSnapshot } from '../../atlas/snapshots.ts';
import { PIPELINES_DEPRECATION } from '../lib/deprecations.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { upstreamId } from '../lib/upstream-id.ts';
import { loadPipeline, loadRun } from '../loaders/lookups.ts';
import { connectionType } from '../relay/connection.ts';
import { connectionField } from '../relay/connection-field.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { DatasetRetentionPolicyRef } from './dataset-retention-policy.ts';
import { DlsIngestionSinkRef } from './dls-ingestion-sink.ts';
import { FieldTransformationRef } from './field-transformation.ts';
import { IngestionSourceRef } from './ingestion-source.ts';
import { PipelineRunConnection } from './pipeline-run.ts';
import { PolicyItemRef } from './policy-item.ts';
import { PipelineRef, PipelineRunRef, ProjectRef } from './refs.ts';
import { clusterSnapshotShape, type PipelineShape, projectShape, runShape } from './shapes.ts';
import { ClusterSnapshotConnection } from './snapshot.ts';

const PipelineState = upstreamEnum(
  'PipelineState',
  ['ACTIVE', 'PAUSED'],
  'Whether a pipeline ingests its scheduled snapshots.',
);

/** The cluster whose snapshots the pipeline ingests: its snapshots' global IDs name it. */
function sourceClusterName(pipeline: PipelineShape): string {
  const name = pipeline.raw.source?.clusterName;
  if (typeof name !== 'string')
    throw new AtlasCallError(
      'UPSTREAM_BAD_RESPONSE',
      `Atlas returned pipeline "${pipeline.name}" without a source cluster.`,
    );
  return name;
}

PipelineRef.implement({
  description: `An Atlas Data Lake Pipeline. Its global ID holds its name: renaming a pipeline changes the IDs of the pipeline and its runs. ${PIPELINES_DEPRECATION}`,
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as PipelineShape).kind === 'Pipeline',
  fields: (t) => ({
    atlasId: t.field({
      type: 'ObjectId',
      nullable: false,
      resolve: (p) => upstreamId(p.raw._id, 'a pipeline'),
    }),
    name: t.exposeString('name', { nullable: false }),
    state: t.field({
      type: PipelineState.ref,
      resolve: (p, _, c) => PipelineState.known(p.raw.state, c),
    }),
    createdDate: t.field({ type: 'DateTime', resolve: (p) => p.raw.createdDate ?? null }),
    lastUpdatedDate: t.field({ type: 'DateTime', resolve: (p) => p.raw.lastUpdatedDate ?? null }),
    source: t.field({ type: IngestionSourceRef, resolve: (p) => p.raw.source ?? null }),
    sink: t.field({ type: DlsIngestionSinkRef, resolve: (p) => p.raw.sink ?? null }),
    transformations: t.field({
      type: [FieldTransformationRef],
      nullable: { list: true, items: false },
      resolve: (p) => p.raw.transformations ?? null,
    }),
    datasetRetentionPolicy: t.field({
      type: DatasetRetentionPolicyRef,
      resolve: (p) => p.raw.datasetRetentionPolicy ?? null,
    }),
    runs: connectionField(t, {
      type: PipelineRunConnection,
      description: 'Runs of this pipeline, newest first.',
      args: {
        createdBefore: t.arg({
          type: 'DateTime',
          description: 'Only runs created before this instant.',
        }),
      },
      list: (pipeline, args) =>
        pipelineRuns(pipeline.groupId, pipeline.name, args.createdBefore ?? undefined),
      node: (raw: AtlasPipelineRun, pipeline) => runShape(pipeline.groupId, pipeline.name, raw),
    }),
    run: t.field({
      type: PipelineRunRef,
      description: 'One run by its Atlas id; null when it does not exist.',
      args: { id: t.arg({ type: 'ObjectId', required: true }) },
      resolve: (pipeline, { id }, context) => loadRun(context, pipeline.groupId, pipeline.name, id),
    }),
    availableSchedules: t.field({
      type: [PolicyItemRef],
      nullable: false,
      description:
        'The backup policy items of the source cluster: the schedules a periodic source can name (`policyItemId`).',
      resolve: async (pipeline, _, context) => {
        const items = await context.loaders.requests.load<unknown>(
          pipelineAvailableSchedules(pipeline.groupId, pipeline.name),
        );
        if (!Array.isArray(items)) {
          throw new AtlasCallError(
            'UPSTREAM_BAD_RESPONSE',
            'Atlas answered getGroupPipelineAvailableSchedules without an array.',
          );
        }
        return items as AtlasPolicyItem[];
      },
    }),
    availableSnapshots: connectionField(t, {
      type: ClusterSnapshotConnection,
      description:
        'Completed snapshots of the source cluster a run can ingest (`triggerPipelineRun`), newest first.',
      args: {
        completedAfter: t.arg({
          type: 'DateTime',
          description: 'Only snapshots completed after this instant.',
        }),
      },
      list: (pipeline, args) =>
        pipelineAvailableSnapshots(
          pipeline.groupId,
          pipeline.name,
          args.completedAfter ?? undefined,
        ),
      node: (raw: AtlasClusterSnapshot, pipeline) =>
        clusterSnapshotShape(pipeline.groupId, sourceClusterName(pipeline), raw),
    }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (p) => projectShape(p.groupId),
    }),
  }),
});

export const PipelineConnection = connectionType('Pipeline', PipelineRef);

registerRefetch('Pipeline', (id, context) => loadPipeline(context, id.groupId, id.keys[0]!));
