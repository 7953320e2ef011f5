import { UpstreamError, isMissingObject } from '../atlas/errors.ts';
import type { AtlasRequest } from '../atlas/client.ts';
import {
  getFlexRestoreJob,
  getServerlessRestoreJob,
  type AtlasFlexRestoreJob,
  type AtlasServerlessRestoreJob,
} from '../atlas/restore-jobs.ts';
import { builder } from './builder.ts';
import { connectionType } from './connection.ts';
import type { GraphContext } from './context.ts';
import { FlexClusterRef } from './flex-cluster.ts';
import { NodeRef, registerRefetch } from './node.ts';
import { SERVERLESS_DEPRECATION } from './deprecations.ts';
import { ServerlessInstanceRef } from './serverless-instance.ts';
import type { FlexRestoreJobShape, RestoreJobShape, ServerlessRestoreJobShape } from './shapes.ts';
import { upstreamEnum } from './upstream-enum.ts';

const RestoreJobStatus = upstreamEnum(
  'RestoreJobStatus',
  ['PENDING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED'],
  'One status for restore jobs of both upstreams.',
);
const RestoreDeliveryType = upstreamEnum(
  'RestoreDeliveryType',
  ['RESTORE', 'DOWNLOAD', 'POINT_IN_TIME'],
  'How a restore is delivered, for restore jobs of both upstreams.',
);
const ServerlessRestoreJobDeliveryType = upstreamEnum(
  'ServerlessRestoreJobDeliveryType',
  ['automated', 'download', 'pointInTime'],
  'Serverless backup delivery types as Atlas names them.',
);
const FlexRestoreJobDeliveryType = upstreamEnum('FlexRestoreJobDeliveryType', ['RESTORE', 'DOWNLOAD'], 'Flex delivery types as Atlas names them.');
const FlexRestoreJobStatus = upstreamEnum(
  'FlexRestoreJobStatus',
  ['PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED'],
  'Flex restore job statuses as Atlas names them.',
);

const DELIVERY_TYPES: Record<string, string> = {
  automated: 'RESTORE',
  RESTORE: 'RESTORE',
  download: 'DOWNLOAD',
  DOWNLOAD: 'DOWNLOAD',
  pointInTime: 'POINT_IN_TIME',
};

/** design §3: serverless status from its flags, in this order; Flex status as is, RUNNING when unknown. */
function normalisedStatus(job: RestoreJobShape, _args: object, context: GraphContext): string {
  if (job.kind === 'FlexRestoreJob') return FlexRestoreJobStatus.known(job.raw.status, context.logger) ?? 'RUNNING';
  const raw = job.raw;
  if (raw.failed) return 'FAILED';
  if (raw.cancelled) return 'CANCELLED';
  if (raw.expired) return 'EXPIRED';
  return raw.finishedAt ? 'COMPLETED' : 'RUNNING';
}

const rawId = (job: RestoreJobShape) => {
  if (!job.raw.id) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Atlas returned a restore job without an id.');
  return job.raw.id;
};

/** A by-id lookup of either upstream: null when gone. */
async function loadJob<Raw, Shape>(context: GraphContext, request: AtlasRequest, shape: (raw: Raw) => Shape) {
  try {
    return shape(await context.loaders.requests.load<Raw>(request));
  } catch (error) {
    if (isMissingObject(error)) return null;
    throw error;
  }
}

export const serverlessJobShape = (groupId: string, instanceName: string, raw: AtlasServerlessRestoreJob): ServerlessRestoreJobShape => ({
  kind: 'ServerlessRestoreJob',
  groupId,
  instanceName,
  raw,
});
export const flexJobShape = (groupId: string, clusterName: string, raw: AtlasFlexRestoreJob): FlexRestoreJobShape => ({
  kind: 'FlexRestoreJob',
  groupId,
  clusterName,
  raw,
});

export const loadServerlessRestoreJob = (context: GraphContext, groupId: string, instance: string, jobId: string) =>
  loadJob(context, getServerlessRestoreJob(groupId, instance, jobId), (raw: AtlasServerlessRestoreJob) =>
    serverlessJobShape(groupId, instance, raw),
  );
export const loadFlexRestoreJob = (context: GraphContext, groupId: string, cluster: string, jobId: string) =>
  loadJob(context, getFlexRestoreJob(groupId, cluster, jobId), (raw: AtlasFlexRestoreJob) => flexJobShape(groupId, cluster, raw));

export const RestoreJobRef = builder.interfaceRef<RestoreJobShape>('RestoreJob').implement({
  description: 'A restore job of a serverless instance or a Flex cluster, in one shape for both.',
  interfaces: [NodeRef],
  resolveType: (job) => job.kind,
  fields: (t) => ({
    atlasId: t.field({ type: 'ObjectId', nullable: false, resolve: rawId }),
    snapshotId: t.field({ type: 'ObjectId', resolve: (job) => job.raw.snapshotId ?? null }),
    status: t.field({
      type: RestoreJobStatus.ref,
      nullable: false,
      description: 'Normalised from Flex `status` or from serverless `failed`/`cancelled`/`expired`/`finishedAt`.',
      resolve: normalisedStatus,
    }),
    deliveryType: t.field({
      type: RestoreDeliveryType.ref,
      resolve: (job, _, context) => {
        const raw = job.raw.deliveryType;
        const mapped = raw === undefined ? undefined : (DELIVERY_TYPES[raw] ?? raw);
        return RestoreDeliveryType.known(mapped, context.logger);
      },
    }),
    targetProjectId: t.field({
      type: 'ObjectId',
      resolve: (job) => (job.kind === 'FlexRestoreJob' ? job.raw.targetProjectId : job.raw.targetGroupId) ?? null,
    }),
    targetName: t.string({
      description: 'The cluster or deployment restored into.',
      resolve: (job) => (job.kind === 'FlexRestoreJob' ? job.raw.targetDeploymentItemName : job.raw.targetClusterName) ?? null,
    }),
    finishedAt: t.field({
      type: 'DateTime',
      resolve: (job) => (job.kind === 'FlexRestoreJob' ? job.raw.restoreFinishedDate : job.raw.finishedAt) ?? null,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      resolve: (job) => (job.kind === 'FlexRestoreJob' ? job.raw.expirationDate : job.raw.expiresAt) ?? null,
    }),
  }),
});

const BsonTimestampRef = builder
  .objectRef<NonNullable<AtlasServerlessRestoreJob['desiredTimestamp']>>('BsonTimestamp')
  .implement({
    fields: (t) => ({
      date: t.field({ type: 'DateTime', resolve: (ts) => ts.date ?? null }),
      increment: t.int({ resolve: (ts) => ts.increment ?? null }),
    }),
  });

builder.objectRef<ServerlessRestoreJobShape>('ServerlessRestoreJob').implement({
  description: `A restore job of a serverless instance. ${SERVERLESS_DEPRECATION}`,
  interfaces: [NodeRef, RestoreJobRef],
  isTypeOf: (value) => (value as RestoreJobShape).kind === 'ServerlessRestoreJob',
  fields: (t) => ({
    upstreamDeliveryType: t.field({
      type: ServerlessRestoreJobDeliveryType.ref,
      resolve: (job, _, c) => ServerlessRestoreJobDeliveryType.known(job.raw.deliveryType, c.logger),
    }),
    cancelled: t.boolean({ resolve: (job) => job.raw.cancelled ?? null }),
    expired: t.boolean({ resolve: (job) => job.raw.expired ?? null }),
    failed: t.boolean({ resolve: (job) => job.raw.failed ?? null }),
    deliveryUrl: t.stringList({
      nullable: { list: true, items: false },
      description: 'Signed download links (download delivery). Never logged or cached in shared stores.',
      resolve: (job) => job.raw.deliveryUrl ?? null,
    }),
    desiredTimestamp: t.field({ type: BsonTimestampRef, resolve: (job) => job.raw.desiredTimestamp ?? null }),
    timestamp: t.field({ type: 'DateTime', resolve: (job) => job.raw.timestamp ?? null }),
    oplogTs: t.int({ resolve: (job) => job.raw.oplogTs ?? null }),
    oplogInc: t.int({ resolve: (job) => job.raw.oplogInc ?? null }),
    pointInTimeUTCSeconds: t.int({ resolve: (job) => job.raw.pointInTimeUTCSeconds ?? null }),
    targetClusterName: t.string({ resolve: (job) => job.raw.targetClusterName ?? null }),
    serverlessInstance: t.field({
      type: ServerlessInstanceRef,
      nullable: false,
      resolve: (job) => ({ kind: 'ServerlessInstance' as const, groupId: job.groupId, name: job.instanceName }),
    }),
  }),
});

builder.objectRef<FlexRestoreJobShape>('FlexRestoreJob').implement({
  description: 'A restore job of a Flex cluster.',
  interfaces: [NodeRef, RestoreJobRef],
  isTypeOf: (value) => (value as RestoreJobShape).kind === 'FlexRestoreJob',
  fields: (t) => ({
    upstreamStatus: t.field({ type: FlexRestoreJobStatus.ref, resolve: (job, _, c) => FlexRestoreJobStatus.known(job.raw.status, c.logger) }),
    upstreamDeliveryType: t.field({
      type: FlexRestoreJobDeliveryType.ref,
      resolve: (job, _, c) => FlexRestoreJobDeliveryType.known(job.raw.deliveryType, c.logger),
    }),
    projectId: t.field({ type: 'ObjectId', resolve: (job) => job.raw.projectId ?? null }),
    instanceName: t.string({ resolve: (job) => job.raw.instanceName ?? null }),
    targetDeploymentItemName: t.string({ resolve: (job) => job.raw.targetDeploymentItemName ?? null }),
    restoreScheduledDate: t.field({ type: 'DateTime', resolve: (job) => job.raw.restoreScheduledDate ?? null }),
    restoreFinishedDate: t.field({ type: 'DateTime', resolve: (job) => job.raw.restoreFinishedDate ?? null }),
    snapshotFinishedDate: t.field({ type: 'DateTime', resolve: (job) => job.raw.snapshotFinishedDate ?? null }),
    expirationDate: t.field({ type: 'DateTime', resolve: (job) => job.raw.expirationDate ?? null }),
    snapshotUrl: t.string({
      description: 'Signed download link of the snapshot. Never logged or cached in shared stores.',
      resolve: (job) => job.raw.snapshotUrl ?? null,
    }),
    flexCluster: t.field({
      type: FlexClusterRef,
      nullable: false,
      resolve: (job) => ({ kind: 'FlexCluster' as const, groupId: job.groupId, name: job.clusterName }),
    }),
  }),
});

export const RestoreJobConnection = connectionType('RestoreJob', RestoreJobRef);

registerRefetch('ServerlessRestoreJob', (id, context) => loadServerlessRestoreJob(context, id.groupId, id.keys[0]!, id.keys[1]!));
registerRefetch('FlexRestoreJob', (id, context) => loadFlexRestoreJob(context, id.groupId, id.keys[0]!, id.keys[1]!));
