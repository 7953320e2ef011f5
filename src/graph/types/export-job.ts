import type { AtlasExportJob } from '../../atlas/export-jobs.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { upstreamId } from '../lib/upstream-id.ts';
import { loadExportJob } from '../loaders/lookups.ts';
import { connectionType } from '../relay/connection.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { ClusterRef, ClusterSnapshotRef, ExportJobRef } from './refs.ts';
import { clusterShape, clusterSnapshotShape, type ExportJobShape } from './shapes.ts';

const ExportJobState = upstreamEnum(
  'ExportJobState',
  ['Cancelled', 'Failed', 'InProgress', 'Queued', 'Successful'],
  'Where a snapshot export job stands.',
);

type Job = AtlasExportJob;

const BackupLabelRef = builder
  .objectRef<NonNullable<Job['customData']>[number]>('BackupLabel')
  .implement({
    description: 'A custom key-value pair written with the export.',
    fields: (t) => ({
      key: t.exposeString('key'),
      value: t.exposeString('value'),
    }),
  });

const ExportJobComponentRef = builder
  .objectRef<NonNullable<Job['components']>[number]>('ExportJobComponent')
  .implement({
    description: 'The export of one shard (replica set) of a sharded cluster.',
    fields: (t) => ({
      exportId: t.expose('exportId', { type: 'ObjectId' }),
      replicaSetName: t.exposeString('replicaSetName'),
    }),
  });

const ExportStatusRef = builder
  .objectRef<NonNullable<Job['exportStatus']>>('ExportStatus')
  .implement({
    fields: (t) => ({
      exportedCollections: t.exposeInt('exportedCollections'),
      totalCollections: t.exposeInt('totalCollections'),
    }),
  });

const StateReasonRef = builder.objectRef<NonNullable<Job['stateReason']>>('StateReason').implement({
  description: 'Why an export job is in its state (set when it failed).',
  fields: (t) => ({
    errorCode: t.exposeString('errorCode'),
    message: t.exposeString('message'),
  }),
});

ExportJobRef.implement({
  description: 'A Cloud Backup snapshot export of a cluster to an export bucket.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as ExportJobShape).kind === 'ExportJob',
  fields: (t) => ({
    atlasId: t.field({
      type: 'ObjectId',
      nullable: false,
      resolve: (job) => upstreamId(job.raw.id, 'an export job'),
    }),
    state: t.field({
      type: ExportJobState.ref,
      resolve: (job, _, c) => ExportJobState.known(job.raw.state, c),
    }),
    exportBucketId: t.field({ type: 'ObjectId', resolve: (job) => job.raw.exportBucketId ?? null }),
    snapshotId: t.field({ type: 'ObjectId', resolve: (job) => job.raw.snapshotId ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (job) => job.raw.createdAt ?? null }),
    finishedAt: t.field({ type: 'DateTime', resolve: (job) => job.raw.finishedAt ?? null }),
    prefix: t.string({
      description: 'Where in the bucket the export is written.',
      resolve: (job) => job.raw.prefix ?? null,
    }),
    customData: t.field({
      type: [BackupLabelRef],
      nullable: { list: true, items: false },
      resolve: (job) => job.raw.customData ?? null,
    }),
    components: t.field({
      type: [ExportJobComponentRef],
      nullable: { list: true, items: false },
      description: 'Per-shard exports, for a sharded cluster.',
      resolve: (job) => job.raw.components ?? null,
    }),
    exportStatus: t.field({
      type: ExportStatusRef,
      resolve: (job) => job.raw.exportStatus ?? null,
    }),
    stateReason: t.field({ type: StateReasonRef, resolve: (job) => job.raw.stateReason ?? null }),
    cluster: t.field({
      type: ClusterRef,
      nullable: false,
      resolve: (job) => clusterShape(job.groupId, job.clusterName),
    }),
    snapshot: t.field({
      type: ClusterSnapshotRef,
      description: 'The snapshot exported; null once it has expired.',
      resolve: async (job, _, context) => {
        if (!job.raw.snapshotId) return null;
        const raw = await context.loaders.snapshots.load(
          job.groupId,
          job.clusterName,
          job.raw.snapshotId,
        );
        return raw && clusterSnapshotShape(job.groupId, job.clusterName, raw);
      },
    }),
  }),
});

export const ExportJobConnection = connectionType('ExportJob', ExportJobRef);

registerRefetch('ExportJob', (id, context) =>
  loadExportJob(context, id.groupId, id.keys[0]!, id.keys[1]!),
);
