import type { CreateServerlessRestoreJobBody } from '../../atlas/restore-jobs.ts';
import { builder } from '../builder.ts';
import { NAMES_A_PROJECT } from '../project-scope.ts';
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
