import { UpstreamError } from '../../atlas/errors.ts';
import { loadByKey } from '../loaders/load-by-key.ts';
import {
  createExportJob,
  exportsPath,
  getExportJob,
  type AtlasExportJob,
} from '../../atlas/export-jobs.ts';
import { builder } from '../builder.ts';
import { encodeGlobalId } from '../relay/global-id.ts';
import { checkInput, clusterNameCheck } from '../mutations/input-checks.ts';
import { mutate } from '../mutations/mutation-effects.ts';
import { mutationErrors } from '../mutations/mutation-errors.ts';
import { ClusterSnapshotRef } from './snapshot.ts';
import { ClusterRef } from './cluster.ts';
import { connectionType } from '../relay/connection.ts';
import type { GraphContext } from '../context.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import type { ExportJobShape } from './shapes.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

export const exportJobShape = (
  groupId: string,
  clusterName: string,
  raw: AtlasExportJob,
): ExportJobShape => ({
  kind: 'ExportJob',
  groupId,
  clusterName,
  raw,
});

export const loadExportJob = (
  context: GraphContext,
  groupId: string,
  clusterName: string,
  exportId: string,
) =>
  loadByKey(context, getExportJob(groupId, clusterName, exportId), (raw: AtlasExportJob) =>
    exportJobShape(groupId, clusterName, raw),
  );

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
      key: t.string({ resolve: (label) => label.key ?? null }),
      value: t.string({ resolve: (label) => label.value ?? null }),
    }),
  });

const ExportJobComponentRef = builder
  .objectRef<NonNullable<Job['components']>[number]>('ExportJobComponent')
  .implement({
    description: 'The export of one shard (replica set) of a sharded cluster.',
    fields: (t) => ({
      exportId: t.field({ type: 'ObjectId', resolve: (c) => c.exportId ?? null }),
      replicaSetName: t.string({ resolve: (c) => c.replicaSetName ?? null }),
    }),
  });

const ExportStatusRef = builder
  .objectRef<NonNullable<Job['exportStatus']>>('ExportStatus')
  .implement({
    fields: (t) => ({
      exportedCollections: t.int({ resolve: (s) => s.exportedCollections ?? null }),
      totalCollections: t.int({ resolve: (s) => s.totalCollections ?? null }),
    }),
  });

const StateReasonRef = builder.objectRef<NonNullable<Job['stateReason']>>('StateReason').implement({
  description: 'Why an export job is in its state (set when it failed).',
  fields: (t) => ({
    errorCode: t.string({ resolve: (r) => r.errorCode ?? null }),
    message: t.string({ resolve: (r) => r.message ?? null }),
  }),
});

export const ExportJobRef = builder.objectRef<ExportJobShape>('ExportJob');

ExportJobRef.implement({
  description: 'A Cloud Backup snapshot export of a cluster to an export bucket.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as ExportJobShape).kind === 'ExportJob',
  fields: (t) => ({
    atlasId: t.field({
      type: 'ObjectId',
      nullable: false,
      resolve: (job) => {
        if (!job.raw.id)
          throw new UpstreamError(
            'UPSTREAM_BAD_RESPONSE',
            'Atlas returned an export job without an id.',
          );
        return job.raw.id;
      },
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
      resolve: (job) => ({ kind: 'Cluster' as const, groupId: job.groupId, name: job.clusterName }),
    }),
    snapshot: t.field({
      type: ClusterSnapshotRef,
      description: 'The snapshot exported; null once it has expired.',
      resolve: (job, _, context) =>
        job.raw.snapshotId
          ? context.loaders.snapshots.load(job.groupId, job.clusterName, job.raw.snapshotId)
          : null,
    }),
  }),
});

export const ExportJobConnection = connectionType('ExportJob', ExportJobRef);

registerRefetch('ExportJob', (id, context) =>
  loadExportJob(context, id.groupId, id.keys[0]!, id.keys[1]!),
);

const BackupLabelInput = builder.inputType('BackupLabelInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.string({ required: true }),
  }),
});

const CreateExportJobInput = builder.inputType('CreateExportJobInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true }),
    clusterName: t.string({ required: true }),
    snapshotId: t.field({
      type: 'ObjectId',
      required: true,
      description: 'A snapshot of the cluster (`Cluster.snapshots`).',
    }),
    exportBucketId: t.field({
      type: 'ObjectId',
      required: true,
      description: 'One of `Project.exportBuckets`.',
    }),
    customData: t.field({
      type: [BackupLabelInput],
      description: 'Key-value pairs written with the export.',
    }),
  }),
});

const CreateExportJobSuccess = builder
  .objectRef<{ exportJob: ExportJobShape }>('CreateExportJobSuccess')
  .implement({
    fields: (t) => ({
      exportJob: t.field({
        type: ExportJobRef,
        nullable: false,
        resolve: (payload) => payload.exportJob,
      }),
      cluster: t.field({
        type: ClusterRef,
        nullable: false,
        description: 'Its list of export jobs holds the new one.',
        resolve: ({ exportJob }) => ({
          kind: 'Cluster' as const,
          groupId: exportJob.groupId,
          name: exportJob.clusterName,
        }),
      }),
    }),
  });

builder.mutationFields((t) => ({
  createExportJob: t.field({
    type: CreateExportJobSuccess,
    nullable: false,
    description: 'Exports a Cloud Backup snapshot of a cluster to an export bucket. Never retried.',
    errors: mutationErrors('CreateExportJob'),
    args: { input: t.arg({ type: CreateExportJobInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, clusterName } = input;
      checkInput([clusterNameCheck(clusterName, 'clusterName')]);
      const body = {
        snapshotId: input.snapshotId,
        exportBucketId: input.exportBucketId,
        ...(input.customData
          ? { customData: input.customData.map(({ key, value }) => ({ key, value })) }
          : {}),
      };
      const raw = await mutate<AtlasExportJob>(
        context,
        createExportJob(projectId, clusterName, body),
        (job) => ({
          stale: [`${exportsPath(projectId, clusterName)}?`],
          fresh: job.id ? [[getExportJob(projectId, clusterName, job.id), job]] : [],
          entities: job.id
            ? [
                {
                  typename: 'ExportJob',
                  id: encodeGlobalId('ExportJob', projectId, clusterName, job.id),
                },
              ]
            : [],
        }),
      );
      return { exportJob: exportJobShape(projectId, clusterName, raw) };
    },
  }),
}));
