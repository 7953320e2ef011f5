import { upstreamEnum } from '../lib/upstream-enum.ts';
import { loadFlexRestoreJob } from '../loaders/lookups.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { FlexClusterRef, FlexRestoreJobRef, RestoreJobRef } from './refs.ts';
import { flexClusterShape, type RestoreJobShape } from './shapes.ts';

const FlexRestoreJobDeliveryType = upstreamEnum(
  'FlexRestoreJobDeliveryType',
  ['RESTORE', 'DOWNLOAD'],
  'Flex delivery types as Atlas names them.',
);
export const FlexRestoreJobStatus = upstreamEnum(
  'FlexRestoreJobStatus',
  ['PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED'],
  'Flex restore job statuses as Atlas names them.',
);

FlexRestoreJobRef.implement({
  description: 'A restore job of a Flex cluster.',
  interfaces: [NodeRef, RestoreJobRef],
  isTypeOf: (value) => (value as RestoreJobShape).kind === 'FlexRestoreJob',
  fields: (t) => ({
    upstreamStatus: t.field({
      type: FlexRestoreJobStatus.ref,
      resolve: (job, _, c) => FlexRestoreJobStatus.known(job.raw.status, c),
    }),
    upstreamDeliveryType: t.field({
      type: FlexRestoreJobDeliveryType.ref,
      resolve: (job, _, c) => FlexRestoreJobDeliveryType.known(job.raw.deliveryType, c),
    }),
    projectId: t.field({ type: 'ObjectId', resolve: (job) => job.raw.projectId ?? null }),
    instanceName: t.string({ resolve: (job) => job.raw.instanceName ?? null }),
    targetDeploymentItemName: t.string({
      resolve: (job) => job.raw.targetDeploymentItemName ?? null,
    }),
    restoreScheduledDate: t.field({
      type: 'DateTime',
      resolve: (job) => job.raw.restoreScheduledDate ?? null,
    }),
    restoreFinishedDate: t.field({
      type: 'DateTime',
      resolve: (job) => job.raw.restoreFinishedDate ?? null,
    }),
    snapshotFinishedDate: t.field({
      type: 'DateTime',
      resolve: (job) => job.raw.snapshotFinishedDate ?? null,
    }),
    expirationDate: t.field({
      type: 'DateTime',
      resolve: (job) => job.raw.expirationDate ?? null,
    }),
    snapshotUrl: t.string({
      description: 'Signed download link of the snapshot. Never logged or cached in shared stores.',
      resolve: (job) => job.raw.snapshotUrl ?? null,
    }),
    flexCluster: t.field({
      type: FlexClusterRef,
      nullable: false,
      resolve: (job) => flexClusterShape(job.groupId, job.clusterName),
    }),
  }),
});

registerRefetch('FlexRestoreJob', (id, context) =>
  loadFlexRestoreJob(context, id.groupId, id.keys[0]!, id.keys[1]!),
);
