import type { GraphContext } from '../context.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { upstreamId } from '../lib/upstream-id.ts';
import { connectionType } from '../relay/connection.ts';
import { NodeRef } from '../relay/node.ts';
import { FlexRestoreJobStatus } from './flex-restore-job.ts';
import { RestoreJobRef } from './refs.ts';
import type { RestoreJobShape } from './shapes.ts';

const RestoreJobStatus = upstreamEnum(
  'RestoreJobStatus',
  ['PENDING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'],
  'One status for every kind of restore job.',
);
export const RestoreDeliveryType = upstreamEnum(
  'RestoreDeliveryType',
  ['RESTORE', 'DOWNLOAD', 'POINT_IN_TIME'],
  'How a restore is delivered, for every kind of restore job.',
);

const DELIVERY_TYPES: Record<string, string> = {
  automated: 'RESTORE',
  RESTORE: 'RESTORE',
  download: 'DOWNLOAD',
  DOWNLOAD: 'DOWNLOAD',
  pointInTime: 'POINT_IN_TIME',
};

/** docs/graph.md: serverless and cluster status from their flags, in this order; Flex status as is, RUNNING when unknown. */
function normalisedStatus(job: RestoreJobShape, _args: object, context: GraphContext): string {
  if (job.kind === 'FlexRestoreJob')
    return FlexRestoreJobStatus.known(job.raw.status, context) ?? 'RUNNING';
  const raw = job.raw;
  if (raw.failed) return 'FAILED';
  if (raw.cancelled) return 'CANCELLED';
  if (raw.expired) return 'EXPIRED';
  return raw.finishedAt ? 'COMPLETED' : 'RUNNING';
}

const rawId = (job: RestoreJobShape) => upstreamId(job.raw.id, 'a restore job');

RestoreJobRef.implement({
  description:
    'A restore job of a dedicated cluster, a Flex cluster or a serverless instance, in one shape for all.',
  interfaces: [NodeRef],
  resolveType: (job) => job.kind,
  fields: (t) => ({
    atlasId: t.field({ type: 'ObjectId', nullable: false, resolve: rawId }),
    snapshotId: t.field({ type: 'ObjectId', resolve: (job) => job.raw.snapshotId ?? null }),
    status: t.field({
      type: RestoreJobStatus.ref,
      nullable: false,
      description:
        'Normalised from Flex `status`, or from the `failed`/`cancelled`/`expired`/`finishedAt` of the others.',
      resolve: normalisedStatus,
    }),
    deliveryType: t.field({
      type: RestoreDeliveryType.ref,
      resolve: (job, _, context) => {
        const raw = job.raw.deliveryType;
        const mapped = raw === undefined ? undefined : (DELIVERY_TYPES[raw] ?? raw);
        return RestoreDeliveryType.known(mapped, context);
      },
    }),
    targetProjectId: t.field({
      type: 'ObjectId',
      resolve: (job) =>
        (job.kind === 'FlexRestoreJob' ? job.raw.targetProjectId : job.raw.targetGroupId) ?? null,
    }),
    targetName: t.string({
      description: 'The cluster or deployment restored into.',
      resolve: (job) =>
        (job.kind === 'FlexRestoreJob'
          ? job.raw.targetDeploymentItemName
          : job.raw.targetClusterName) ?? null,
    }),
    finishedAt: t.field({
      type: 'DateTime',
      resolve: (job) =>
        (job.kind === 'FlexRestoreJob' ? job.raw.restoreFinishedDate : job.raw.finishedAt) ?? null,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      resolve: (job) =>
        (job.kind === 'FlexRestoreJob' ? job.raw.expirationDate : job.raw.expiresAt) ?? null,
    }),
  }),
});

export const RestoreJobConnection = connectionType('RestoreJob', RestoreJobRef);
