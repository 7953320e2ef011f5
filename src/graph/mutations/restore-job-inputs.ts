import type {
  CreateClusterRestoreJobBody,
  CreateServerlessRestoreJobBody,
} from '../../atlas/restore-jobs.ts';
import { builder } from '../builder.ts';
import { NAMES_A_PROJECT } from '../project-scope.ts';
import { RestoreDeliveryType } from '../types/restore-job.ts';
import { ServerlessRestoreJobDeliveryType } from '../types/serverless-restore-job.ts';
import { atLeastCheck, clusterNameCheck, givenFields, type InputCheck } from './input-checks.ts';

/** Atlas's earliest restorable moment (2008-01-01), the contract's minimum for these fields. */
const EARLIEST_POINT_IN_TIME = 1_199_145_600;
const DEPLOYMENT_ITEM_NAME = /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u;

export const CreateServerlessRestoreJobInput = builder.inputType(
  'CreateServerlessRestoreJobInput',
  {
    description:
      'Restores a snapshot (`snapshotId`, for AUTOMATED and DOWNLOAD) or a moment (POINT_IN_TIME: `pointInTimeUTCSeconds`, or `oplogTs` with `oplogInc`).',
    fields: (t) => ({
      projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
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
      targetProjectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
      targetClusterName: t.string({ required: true }),
    }),
  },
);

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

export const CreateFlexRestoreJobInput = builder.inputType('CreateFlexRestoreJobInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
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
      extensions: NAMES_A_PROJECT,
    }),
  }),
});

/** The contract's rules for a serverless restore, each field's own first. */
export const serverlessRestoreChecks = (
  input: typeof CreateServerlessRestoreJobInput.$inferInput,
): InputCheck[] => [
  clusterNameCheck(input.instanceName, 'instanceName'),
  clusterNameCheck(input.targetClusterName, 'targetClusterName'),
  atLeastCheck(input.pointInTimeUTCSeconds, EARLIEST_POINT_IN_TIME, 'pointInTimeUTCSeconds'),
  atLeastCheck(input.oplogTs, EARLIEST_POINT_IN_TIME, 'oplogTs'),
  atLeastCheck(input.oplogInc, 1, 'oplogInc'),
  ...restorePointChecks(input),
];

/** Atlas names the target project `targetGroupId`; the point in time goes only as given. */
export const serverlessRestoreBody = (
  input: typeof CreateServerlessRestoreJobInput.$inferInput,
): CreateServerlessRestoreJobBody => ({
  deliveryType: input.deliveryType,
  targetClusterName: input.targetClusterName,
  targetGroupId: input.targetProjectId,
  ...givenFields(input, ['snapshotId', 'pointInTimeUTCSeconds', 'oplogTs', 'oplogInc']),
});

/** The contract's rules for a Flex restore. */
export const flexRestoreChecks = (
  input: typeof CreateFlexRestoreJobInput.$inferInput,
): InputCheck[] => [
  clusterNameCheck(input.flexClusterName, 'flexClusterName'),
  [
    DEPLOYMENT_ITEM_NAME.test(input.targetDeploymentItemName),
    ['targetDeploymentItemName'],
    "1 to 64 letters, digits or - _ . ( ) , : & @ + '.",
  ],
];

/** The target project goes only when given: Atlas defaults it to this project. */
export const flexRestoreBody = (input: typeof CreateFlexRestoreJobInput.$inferInput) => ({
  snapshotId: input.snapshotId,
  targetDeploymentItemName: input.targetDeploymentItemName,
  ...givenFields(input, ['targetProjectId']),
});

export const CreateClusterRestoreJobInput = builder.inputType('CreateClusterRestoreJobInput', {
  description:
    "Restores a dedicated cluster's backup: a snapshot (`snapshotId`; RESTORE into a cluster, or DOWNLOAD) or a moment of its restore window (POINT_IN_TIME: `pointInTimeUTCSeconds`, or `oplogTs` with `oplogInc`). RESTORE and POINT_IN_TIME name the target cluster.",
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
    clusterName: t.string({ required: true, description: 'The cluster whose backup is restored.' }),
    deliveryType: t.field({ type: RestoreDeliveryType.ref, required: true }),
    snapshotId: t.field({ type: 'ObjectId', description: 'One of `Cluster.snapshots`.' }),
    pointInTimeUTCSeconds: t.int({
      description: `Seconds since the epoch, at least ${EARLIEST_POINT_IN_TIME}, within the restore window.`,
    }),
    oplogTs: t.int({
      description: `Oplog timestamp seconds, at least ${EARLIEST_POINT_IN_TIME}; with oplogInc.`,
    }),
    oplogInc: t.int({ description: 'Oplog increment, at least 1; with oplogTs.' }),
    targetProjectId: t.field({
      type: 'ObjectId',
      description: 'The project of the cluster restored into (RESTORE, POINT_IN_TIME).',
      extensions: NAMES_A_PROJECT,
    }),
    targetClusterName: t.string({
      description: 'The cluster restored into (RESTORE, POINT_IN_TIME); its data is replaced.',
    }),
  }),
});

type ClusterRestoreInput = typeof CreateClusterRestoreJobInput.$inferInput;

/** Atlas's names for the delivery types, which the graph gives in one enum for every kind of job. */
const UPSTREAM_DELIVERY_TYPES: Record<string, string> = {
  RESTORE: 'automated',
  DOWNLOAD: 'download',
  POINT_IN_TIME: 'pointInTime',
};

/** Restoring into a cluster names it; a download names none. */
function targetChecks(input: ClusterRestoreInput): InputCheck[] {
  const targets = [
    ['targetProjectId', input.targetProjectId],
    ['targetClusterName', input.targetClusterName],
  ] as const;
  return input.deliveryType === 'DOWNLOAD'
    ? targets.map(([name, value]) => [value == null, [name], 'Not with deliveryType DOWNLOAD.'])
    : targets.map(([name, value]) => [
        value != null,
        [name],
        `Required with deliveryType ${input.deliveryType}.`,
      ]);
}

/** The contract's rules for a dedicated cluster's restore, each field's own first. */
export const clusterRestoreChecks = (input: ClusterRestoreInput, now: number): InputCheck[] => [
  clusterNameCheck(input.clusterName, 'clusterName'),
  ...(input.targetClusterName == null
    ? []
    : [clusterNameCheck(input.targetClusterName, 'targetClusterName')]),
  atLeastCheck(input.pointInTimeUTCSeconds, EARLIEST_POINT_IN_TIME, 'pointInTimeUTCSeconds'),
  atLeastCheck(input.oplogTs, EARLIEST_POINT_IN_TIME, 'oplogTs'),
  atLeastCheck(input.oplogInc, 1, 'oplogInc'),
  [
    input.pointInTimeUTCSeconds == null || input.pointInTimeUTCSeconds * 1000 <= now,
    ['pointInTimeUTCSeconds'],
    'Must not be in the future.',
  ],
  ...targetChecks(input),
  ...restorePointChecks({
    ...input,
    deliveryType: UPSTREAM_DELIVERY_TYPES[input.deliveryType] ?? input.deliveryType,
  }),
];

/** The moment a point-in-time restore asks for, in seconds, when it gives one. */
export const requestedMoment = (input: ClusterRestoreInput): number | undefined =>
  input.pointInTimeUTCSeconds ?? input.oplogTs ?? undefined;

/** Atlas names the target project `targetGroupId` and the delivery types in its own words. */
export const clusterRestoreBody = (input: ClusterRestoreInput): CreateClusterRestoreJobBody => ({
  deliveryType: UPSTREAM_DELIVERY_TYPES[input.deliveryType] ?? input.deliveryType,
  ...givenFields(input, ['snapshotId', 'pointInTimeUTCSeconds', 'oplogTs', 'oplogInc']),
  ...(input.targetProjectId == null ? {} : { targetGroupId: input.targetProjectId }),
  ...givenFields(input, ['targetClusterName']),
});

export const CancelClusterRestoreJobInput = builder.inputType('CancelClusterRestoreJobInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
    clusterName: t.string({ required: true }),
    restoreJobId: t.field({ type: 'ObjectId', required: true }),
  }),
});
