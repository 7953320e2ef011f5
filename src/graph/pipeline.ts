import { pipelineRuns, type AtlasPipeline, type AtlasPipelineRun } from '../atlas/pipelines.ts';
import { UpstreamError } from '../atlas/errors.ts';
import { builder } from './builder.ts';
import { connectionArgs, connectionType, resolveConnection } from './connection.ts';
import { collectionSource } from './connection-sources.ts';
import { NodeRef, registerRefetch } from './node.ts';
import { DatasetRetentionPolicyRef } from './dataset-retention-policy.ts';
import { PipelineRunConnection, PipelineRunRef, loadRun, runShape } from './pipeline-run.ts';
import { PIPELINES_DEPRECATION } from './deprecations.ts';
import { ProjectRef } from './project.ts';
import { projectShape, type PipelineShape } from './shapes.ts';
import { upstreamEnum } from './upstream-enum.ts';

export const pipelineShape = (groupId: string, raw: AtlasPipeline): PipelineShape => {
  if (typeof raw.name !== 'string') throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Atlas returned a pipeline without a name.');
  return { kind: 'Pipeline', groupId, name: raw.name, raw };
};

const PipelineState = upstreamEnum('PipelineState', ['ACTIVE', 'PAUSED'], 'Whether a pipeline ingests its scheduled snapshots.');
const IngestionSourceType = upstreamEnum('IngestionSourceType', ['PERIODIC_CPS', 'ON_DEMAND_CPS'], 'Where a pipeline takes its snapshots from.');
const IngestionSinkType = upstreamEnum('IngestionSinkType', ['DLS'], 'Where a pipeline writes: DLS is Atlas Data Lake Storage.');
const DlsMetadataProvider = upstreamEnum('DlsIngestionSinkMetadataProvider', ['AWS'], 'Cloud provider holding the sink metadata.');
const FieldTransformationType = upstreamEnum('FieldTransformationType', ['EXCLUDE'], 'What a transformation does to its field.');

type Source = NonNullable<AtlasPipeline['source']>;
type Sink = NonNullable<AtlasPipeline['sink']>;
const text = (value: unknown) => (typeof value === 'string' ? value : null);

const IngestionSourceRef = builder.interfaceRef<Source>('IngestionSource').implement({
  description: 'The snapshots a pipeline ingests.',
  resolveType: (source) => (source.type === 'PERIODIC_CPS' ? 'PeriodicCpsSnapshotSource' : 'OnDemandCpsSnapshotSource'),
  fields: (t) => ({
    type: t.field({ type: IngestionSourceType.ref, resolve: (s, _, c) => IngestionSourceType.known(s.type, c.logger) }),
    clusterName: t.string({ resolve: (s) => text(s.clusterName) }),
    databaseName: t.string({ resolve: (s) => text(s.databaseName) }),
    collectionName: t.string({ resolve: (s) => text(s.collectionName) }),
    projectId: t.field({ type: 'ObjectId', description: 'Atlas `groupId` of the source cluster.', resolve: (s) => text(s.groupId) }),
  }),
});

builder.objectRef<Source>('PeriodicCpsSnapshotSource').implement({
  description: 'Scheduled Cloud Backup snapshots of a cluster, per one backup policy item.',
  interfaces: [IngestionSourceRef],
  fields: (t) => ({
    policyItemId: t.field({ type: 'ObjectId', resolve: (s) => text(s.policyItemId) }),
  }),
});

builder.objectRef<Source>('OnDemandCpsSnapshotSource').implement({
  description: 'On-demand Cloud Backup snapshots of a cluster, ingested by `triggerPipelineRun`.',
  interfaces: [IngestionSourceRef],
  fields: () => ({}),
});

const PartitionFieldRef = builder.objectRef<{ fieldName?: string; order?: number }>('PartitionField').implement({
  fields: (t) => ({
    fieldName: t.string({ nullable: false, resolve: (f) => f.fieldName ?? '' }),
    order: t.int({ nullable: false, resolve: (f) => f.order ?? 0 }),
  }),
});

const DlsIngestionSinkRef = builder.objectRef<Sink>('DlsIngestionSink').implement({
  description: 'Atlas Data Lake Storage, where a pipeline writes its datasets.',
  fields: (t) => ({
    type: t.field({ type: IngestionSinkType.ref, resolve: (s, _, c) => IngestionSinkType.known(s.type, c.logger) }),
    metadataProvider: t.field({
      type: DlsMetadataProvider.ref,
      resolve: (s, _, c) => DlsMetadataProvider.known(s.metadataProvider, c.logger),
    }),
    metadataRegion: t.string({ resolve: (s) => text(s.metadataRegion) }),
    partitionFields: t.field({
      type: [PartitionFieldRef],
      nullable: { list: true, items: false },
      resolve: (s) => (Array.isArray(s.partitionFields) ? s.partitionFields : null),
    }),
  }),
});

const FieldTransformationRef = builder.objectRef<{ field?: string; type?: string }>('FieldTransformation').implement({
  fields: (t) => ({
    field: t.string({ resolve: (f) => f.field ?? null }),
    type: t.field({ type: FieldTransformationType.ref, resolve: (f, _, c) => FieldTransformationType.known(f.type, c.logger) }),
  }),
});

export const PipelineRef = builder.objectRef<PipelineShape>('Pipeline');

PipelineRef.implement({
  description: `An Atlas Data Lake Pipeline. Its global ID holds its name: renaming a pipeline changes the IDs of the pipeline and its runs. ${PIPELINES_DEPRECATION}`,
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as PipelineShape).kind === 'Pipeline',
  fields: (t) => ({
    atlasId: t.field({
      type: 'ObjectId',
      nullable: false,
      resolve: (p) => {
        if (!p.raw._id) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Atlas returned a pipeline without an id.');
        return p.raw._id;
      },
    }),
    name: t.string({ nullable: false, resolve: (p) => p.name }),
    state: t.field({ type: PipelineState.ref, resolve: (p, _, c) => PipelineState.known(p.raw.state, c.logger) }),
    createdDate: t.field({ type: 'DateTime', resolve: (p) => p.raw.createdDate ?? null }),
    lastUpdatedDate: t.field({ type: 'DateTime', resolve: (p) => p.raw.lastUpdatedDate ?? null }),
    source: t.field({ type: IngestionSourceRef, resolve: (p) => p.raw.source ?? null }),
    sink: t.field({ type: DlsIngestionSinkRef, resolve: (p) => p.raw.sink ?? null }),
    transformations: t.field({
      type: [FieldTransformationRef],
      nullable: { list: true, items: false },
      resolve: (p) => p.raw.transformations ?? null,
    }),
    datasetRetentionPolicy: t.field({ type: DatasetRetentionPolicyRef, resolve: (p) => p.raw.datasetRetentionPolicy ?? null }),
    runs: t.field({
      type: PipelineRunConnection,
      nullable: false,
      description: 'Runs of this pipeline, newest first.',
      args: {
        ...connectionArgs(t.arg),
        createdBefore: t.arg({ type: 'DateTime', description: 'Only runs created before this instant.' }),
      },
      resolve: (pipeline, args, context, info) => {
        const collection = pipelineRuns(pipeline.groupId, pipeline.name, args.createdBefore ?? undefined);
        return resolveConnection(args, info, collectionSource<AtlasPipelineRun>(collection, context), (raw) =>
          runShape(pipeline.groupId, pipeline.name, raw),
        );
      },
    }),
    run: t.field({
      type: PipelineRunRef,
      description: 'One run by its Atlas id; null when it does not exist.',
      args: { id: t.arg({ type: 'ObjectId', required: true }) },
      resolve: (pipeline, { id }, context) => loadRun(context, pipeline.groupId, pipeline.name, id),
    }),
    project: t.field({ type: ProjectRef, nullable: false, resolve: (p) => projectShape(p.groupId) }),
  }),
});

export const PipelineConnection = connectionType('Pipeline', PipelineRef);

registerRefetch('Pipeline', async (id, context) => {
  const raw = await context.loaders.pipelines.load(id.groupId, id.keys[0]!);
  return raw && pipelineShape(id.groupId, raw);
});
