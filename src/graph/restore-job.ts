import { UpstreamError } from '../atlas/errors.ts';
import { loadByKey } from './loaders/load-by-key.ts';
import type { AtlasRequest } from '../atlas/client.ts';
import {
  createFlexRestoreJob,
  createServerlessRestoreJob,
  flexJobsPath,
  getFlexRestoreJob,
  getServerlessRestoreJob,
  serverlessJobsPath,
  type AtlasFlexRestoreJob,
  type AtlasServerlessRestoreJob,
  type CreateServerlessRestoreJobBody,
} from '../atlas/restore-jobs.ts';
import { builder } from './builder.ts';
import { encodeGlobalId } from './global-id.ts';
import {
  atLeastCheck,
  checkInput,
  clusterNameCheck,
  givenFields,
  type InputCheck,
} from './input-checks.ts';
import { mutate } from './mutation-effects.ts';
import { mutationErrors } from './mutation-errors.ts';
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
const FlexRestoreJobDeliveryType = upstreamEnum(
  'FlexRestoreJobDeliveryType',
  ['RESTORE', 'DOWNLOAD'],
  'Flex delivery types as Atlas names them.',
);
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

/** docs/graph.md: serverless status from its flags, in this order; Flex status as is, RUNNING when unknown. */
function normalisedStatus(job: RestoreJobShape, _args: object, context: GraphContext): string {
  if (job.kind === 'FlexRestoreJob')
    return FlexRestoreJobStatus.known(job.raw.status, context) ?? 'RUNNING';
  const raw = job.raw;
  if (raw.failed) return 'FAILED';
  if (raw.cancelled) return 'CANCELLED';
  if (raw.expired) return 'EXPIRED';
  return raw.finishedAt ? 'COMPLETED' : 'RUNNING';
}

const rawId = (job: RestoreJobShape) => {
  if (!job.raw.id)
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Atlas returned a restore job without an id.');
  return job.raw.id;
};

export const serverlessJobShape = (
  groupId: string,
  instanceName: string,
  raw: AtlasServerlessRestoreJob,
): ServerlessRestoreJobShape => ({
  kind: 'ServerlessRestoreJob',
  groupId,
  instanceName,
  raw,
});
export const flexJobShape = (
  groupId: string,
  clusterName: string,
  raw: AtlasFlexRestoreJob,
): FlexRestoreJobShape => ({
  kind: 'FlexRestoreJob',
  groupId,
  clusterName,
  raw,
});

export const loadServerlessRestoreJob = (
  context: GraphContext,
  groupId: string,
  instance: string,
  jobId: string,
) =>
  loadByKey(
    context,
    getServerlessRestoreJob(groupId, instance, jobId),
    (raw: AtlasServerlessRestoreJob) => serverlessJobShape(groupId, instance, raw),
  );
export const loadFlexRestoreJob = (
  context: GraphContext,
  groupId: string,
  cluster: string,
  jobId: string,
) =>
  loadByKey(context, getFlexRestoreJob(groupId, cluster, jobId), (raw: AtlasFlexRestoreJob) =>
    flexJobShape(groupId, cluster, raw),
  );

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
      description:
        'Normalised from Flex `status` or from serverless `failed`/`cancelled`/`expired`/`finishedAt`.',
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

const BsonTimestampRef = builder
  .objectRef<NonNullable<AtlasServerlessRestoreJob['desiredTimestamp']>>('BsonTimestamp')
  .implement({
    fields: (t) => ({
      date: t.field({ type: 'DateTime', resolve: (ts) => ts.date ?? null }),
      increment: t.int({ resolve: (ts) => ts.increment ?? null }),
    }),
  });

export const ServerlessRestoreJobRef = builder
  .objectRef<ServerlessRestoreJobShape>('ServerlessRestoreJob')
  .implement({
    description: `A restore job of a serverless instance. ${SERVERLESS_DEPRECATION}`,
    interfaces: [NodeRef, RestoreJobRef],
    isTypeOf: (value) => (value as RestoreJobShape).kind === 'ServerlessRestoreJob',
    fields: (t) => ({
      upstreamDeliveryType: t.field({
        type: ServerlessRestoreJobDeliveryType.ref,
        resolve: (job, _, c) => ServerlessRestoreJobDeliveryType.known(job.raw.deliveryType, c),
      }),
      cancelled: t.boolean({ resolve: (job) => job.raw.cancelled ?? null }),
      expired: t.boolean({ resolve: (job) => job.raw.expired ?? null }),
      failed: t.boolean({ resolve: (job) => job.raw.failed ?? null }),
      deliveryUrl: t.stringList({
        nullable: { list: true, items: false },
        description:
          'Signed download links (download delivery). Never logged or cached in shared stores.',
        resolve: (job) => job.raw.deliveryUrl ?? null,
      }),
      desiredTimestamp: t.field({
        type: BsonTimestampRef,
        resolve: (job) => job.raw.desiredTimestamp ?? null,
      }),
      timestamp: t.field({ type: 'DateTime', resolve: (job) => job.raw.timestamp ?? null }),
      oplogTs: t.int({ resolve: (job) => job.raw.oplogTs ?? null }),
      oplogInc: t.int({ resolve: (job) => job.raw.oplogInc ?? null }),
      pointInTimeUTCSeconds: t.int({ resolve: (job) => job.raw.pointInTimeUTCSeconds ?? null }),
      targetClusterName: t.string({ resolve: (job) => job.raw.targetClusterName ?? null }),
      serverlessInstance: t.field({
        type: ServerlessInstanceRef,
        nullable: false,
        resolve: (job) => ({
          kind: 'ServerlessInstance' as const,
          groupId: job.groupId,
          name: job.instanceName,
        }),
      }),
    }),
  });

export const FlexRestoreJobRef = builder
  .objectRef<FlexRestoreJobShape>('FlexRestoreJob')
  .implement({
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
        description:
          'Signed download link of the snapshot. Never logged or cached in shared stores.',
        resolve: (job) => job.raw.snapshotUrl ?? null,
      }),
      flexCluster: t.field({
        type: FlexClusterRef,
        nullable: false,
        resolve: (job) => ({
          kind: 'FlexCluster' as const,
          groupId: job.groupId,
          name: job.clusterName,
        }),
      }),
    }),
  });

export const RestoreJobConnection = connectionType('RestoreJob', RestoreJobRef);

registerRefetch('ServerlessRestoreJob', (id, context) =>
  loadServerlessRestoreJob(context, id.groupId, id.keys[0]!, id.keys[1]!),
);
registerRefetch('FlexRestoreJob', (id, context) =>
  loadFlexRestoreJob(context, id.groupId, id.keys[0]!, id.keys[1]!),
);

/** Atlas's earliest restorable moment (2008-01-01), the contract's minimum for these fields. */
const EARLIEST_POINT_IN_TIME = 1_199_145_600;
const DEPLOYMENT_ITEM_NAME = /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u;

const CreateServerlessRestoreJobInput = builder.inputType('CreateServerlessRestoreJobInput', {
  description:
    'Restores a snapshot (`snapshotId`, for AUTOMATED and DOWNLOAD) or a moment (POINT_IN_TIME: `pointInTimeUTCSeconds`, or `oplogTs` with `oplogInc`).',
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true }),
    instanceName: t.string({ required: true }),
    deliveryType: t.field({ type: ServerlessRestoreJobDeliveryType.ref, required: true }),
    snapshotId: t.field({
      type: 'ObjectId',
      description: 'One of `ServerlessInstance.snapshots`.',
    }),
    pointInTimeUTCSeconds: t.int({
      description: `Seconds since the epoch, at least ${EARLIEST_POINT_IN_TIME}.`,
    }),
    oplogTs: t.int({
      description: `Oplog timestamp seconds, at least ${EARLIEST_POINT_IN_TIME}; with oplogInc.`,
    }),
    oplogInc: t.int({ description: 'Oplog increment, at least 1; with oplogTs.' }),
    targetProjectId: t.field({ type: 'ObjectId', required: true }),
    targetClusterName: t.string({ required: true }),
  }),
});

interface ServerlessRestoreRequest {
  deliveryType: string;
  snapshotId?: string | null;
  pointInTimeUTCSeconds?: number | null;
  oplogTs?: number | null;
  oplogInc?: number | null;
}

/** Atlas's rules tying the delivery type to what is restored: one snapshot, or one moment in one form. */
function restorePointChecks({
  deliveryType,
  snapshotId,
  pointInTimeUTCSeconds,
  oplogTs,
  oplogInc,
}: ServerlessRestoreRequest): InputCheck[] {
  const usesOplog = oplogTs != null || oplogInc != null;
  if (deliveryType !== 'pointInTime') {
    return [
      [snapshotId != null, ['snapshotId'], 'Required unless deliveryType is POINT_IN_TIME.'],
      [
        pointInTimeUTCSeconds == null,
        ['pointInTimeUTCSeconds'],
        'Only with deliveryType POINT_IN_TIME.',
      ],
      [!usesOplog, ['oplogTs'], 'Only with deliveryType POINT_IN_TIME.'],
    ];
  }
  return [
    [
      snapshotId == null,
      ['snapshotId'],
      'Not with deliveryType POINT_IN_TIME: give the moment instead.',
    ],
    [
      pointInTimeUTCSeconds == null || !usesOplog,
      ['pointInTimeUTCSeconds'],
      'Give pointInTimeUTCSeconds or oplogTs with oplogInc, not both.',
    ],
    [
      pointInTimeUTCSeconds != null || usesOplog,
      ['pointInTimeUTCSeconds'],
      'Give pointInTimeUTCSeconds, or oplogTs with oplogInc.',
    ],
    [
      (oplogTs == null) === (oplogInc == null),
      [oplogTs == null ? 'oplogTs' : 'oplogInc'],
      'oplogTs and oplogInc go together.',
    ],
  ];
}

const CreateFlexRestoreJobInput = builder.inputType('CreateFlexRestoreJobInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true }),
    flexClusterName: t.string({ required: true }),
    snapshotId: t.field({
      type: 'ObjectId',
      required: true,
      description: 'One of `FlexCluster.snapshots`.',
    }),
    targetDeploymentItemName: t.string({
      required: true,
      description: 'The cluster restored into.',
    }),
    targetProjectId: t.field({
      type: 'ObjectId',
      description: "The target's project; default: this project.",
    }),
  }),
});

const CreateServerlessRestoreJobSuccess = builder
  .objectRef<{ restoreJob: ServerlessRestoreJobShape }>('CreateServerlessRestoreJobSuccess')
  .implement({
    fields: (t) => ({
      restoreJob: t.field({
        type: ServerlessRestoreJobRef,
        nullable: false,
        resolve: (payload) => payload.restoreJob,
      }),
      serverlessInstance: t.field({
        type: ServerlessInstanceRef,
        nullable: false,
        description: 'Its list of restore jobs holds the new one.',
        resolve: ({ restoreJob }) => ({
          kind: 'ServerlessInstance' as const,
          groupId: restoreJob.groupId,
          name: restoreJob.instanceName,
        }),
      }),
    }),
  });

const CreateFlexRestoreJobSuccess = builder
  .objectRef<{ restoreJob: FlexRestoreJobShape }>('CreateFlexRestoreJobSuccess')
  .implement({
    fields: (t) => ({
      restoreJob: t.field({
        type: FlexRestoreJobRef,
        nullable: false,
        resolve: (payload) => payload.restoreJob,
      }),
      flexCluster: t.field({
        type: FlexClusterRef,
        nullable: false,
        description: 'Its list of restore jobs holds the new one.',
        resolve: ({ restoreJob }) => ({
          kind: 'FlexCluster' as const,
          groupId: restoreJob.groupId,
          name: restoreJob.clusterName,
        }),
      }),
    }),
  });

/** A new restore job: its parent's list is refetched, its lookup answers it. */
const restoreJobCreated =
  (
    type: 'ServerlessRestoreJob' | 'FlexRestoreJob',
    groupId: string,
    parent: string,
    jobsPath: string,
    lookup: (id: string) => AtlasRequest,
  ) =>
  (job: { id?: string }) => ({
    stale: [`${jobsPath}?`],
    fresh: job.id ? ([[lookup(job.id), job]] as const) : [],
    entities: job.id ? [{ typename: type, id: encodeGlobalId(type, groupId, parent, job.id) }] : [],
  });

builder.mutationFields((t) => ({
  createServerlessRestoreJob: t.field({
    type: CreateServerlessRestoreJobSuccess,
    nullable: false,
    deprecationReason: SERVERLESS_DEPRECATION,
    description: `Restores a serverless instance's backup. Never retried. ${SERVERLESS_DEPRECATION}`,
    errors: mutationErrors('CreateServerlessRestoreJob'),
    args: { input: t.arg({ type: CreateServerlessRestoreJobInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, instanceName } = input;
      checkInput([
        clusterNameCheck(instanceName, 'instanceName'),
        clusterNameCheck(input.targetClusterName, 'targetClusterName'),
        atLeastCheck(input.pointInTimeUTCSeconds, EARLIEST_POINT_IN_TIME, 'pointInTimeUTCSeconds'),
        atLeastCheck(input.oplogTs, EARLIEST_POINT_IN_TIME, 'oplogTs'),
        atLeastCheck(input.oplogInc, 1, 'oplogInc'),
        ...restorePointChecks(input),
      ]);
      const body: CreateServerlessRestoreJobBody = {
        deliveryType: input.deliveryType,
        targetClusterName: input.targetClusterName,
        targetGroupId: input.targetProjectId,
        ...givenFields(input, ['snapshotId', 'pointInTimeUTCSeconds', 'oplogTs', 'oplogInc']),
      };
      const raw = await mutate<AtlasServerlessRestoreJob>(
        context,
        createServerlessRestoreJob(projectId, instanceName, body),
        restoreJobCreated(
          'ServerlessRestoreJob',
          projectId,
          instanceName,
          serverlessJobsPath(projectId, instanceName),
          (id) => getServerlessRestoreJob(projectId, instanceName, id),
        ),
        { targetGroupId: 'targetProjectId' },
      );
      return { restoreJob: serverlessJobShape(projectId, instanceName, raw) };
    },
  }),
  createFlexRestoreJob: t.field({
    type: CreateFlexRestoreJobSuccess,
    nullable: false,
    description: "Restores a Flex cluster's snapshot into a cluster. Never retried.",
    errors: mutationErrors('CreateFlexRestoreJob'),
    args: { input: t.arg({ type: CreateFlexRestoreJobInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, flexClusterName } = input;
      checkInput([
        clusterNameCheck(flexClusterName, 'flexClusterName'),
        [
          DEPLOYMENT_ITEM_NAME.test(input.targetDeploymentItemName),
          ['targetDeploymentItemName'],
          "1 to 64 letters, digits or - _ . ( ) , : & @ + '.",
        ],
      ]);
      const body = {
        snapshotId: input.snapshotId,
        targetDeploymentItemName: input.targetDeploymentItemName,
        ...givenFields(input, ['targetProjectId']),
      };
      const raw = await mutate<AtlasFlexRestoreJob>(
        context,
        createFlexRestoreJob(projectId, flexClusterName, body),
        restoreJobCreated(
          'FlexRestoreJob',
          projectId,
          flexClusterName,
          flexJobsPath(projectId, flexClusterName),
          (id) => getFlexRestoreJob(projectId, flexClusterName, id),
        ),
      );
      return { restoreJob: flexJobShape(projectId, flexClusterName, raw) };
    },
  }),
}));
