/**
 * What serverless and dedicated-cluster restore jobs share: the request's rules, how a job created
 * through the API progresses, and the wire fields of ServerlessBackupRestoreJob /
 * DiskBackupSnapshotRestoreJob.
 *
 * - `automated` and `download` restore a snapshot: `snapshotId` is required and the point-in-time
 *   fields are refused; `pointInTime` needs either `pointInTimeUTCSeconds` or `oplogTs` + `oplogInc`
 *   (not both, and no `snapshotId`). All 400.
 * - a new job is running (no finishedAt) for `runDurationMs`, then finished; a download's
 *   deliveryUrl appears when it finishes and expires a day later. A cancelled job never finishes.
 */
import { isoDate, optionalIsoDate } from './operation.ts';
import { elapsedFraction } from './progression.ts';
import { requireById, type ServerlessRestoreJob } from './store.ts';
import { invalidField, OBJECT_ID, readOnlyFields } from './validation.ts';

const DOWNLOAD_LIFETIME_MS = 86_400_000;
export const EARLIEST_POINT_IN_TIME = 1_199_145_600;

/** The request fields both restore-job schemas share, except the target. */
export const RESTORE_REQUEST_FIELDS = {
  deliveryType: {
    rule: { type: 'string', enum: ['automated', 'download', 'pointInTime'] },
    required: true,
  },
  snapshotId: { rule: { type: 'string', pattern: OBJECT_ID } },
  pointInTimeUTCSeconds: { rule: { type: 'integer', minimum: EARLIEST_POINT_IN_TIME } },
  oplogTs: { rule: { type: 'integer', minimum: EARLIEST_POINT_IN_TIME } },
  oplogInc: { rule: { type: 'integer', minimum: 1 } },
  ...readOnlyFields(
    'id',
    'cancelled',
    'expired',
    'failed',
    'deliveryUrl',
    'desiredTimestamp',
    'expiresAt',
    'finishedAt',
    'timestamp',
    'links',
  ),
} as const;

type RestoreJobBase = Omit<ServerlessRestoreJob, 'targetClusterName' | 'targetGroupId'> & {
  targetClusterName?: string;
  targetGroupId?: string;
};

export type RestoreRequest = Pick<
  RestoreJobBase,
  | 'deliveryType'
  | 'targetClusterName'
  | 'targetGroupId'
  | 'snapshotId'
  | 'pointInTimeUTCSeconds'
  | 'oplogTs'
  | 'oplogInc'
>;

/** The moment restored to, in epoch ms, after checking that the request names exactly one. */
export function restorePoint(
  snapshots: readonly { id: string; createdAt: number }[],
  request: RestoreRequest,
): number {
  const { deliveryType, snapshotId, pointInTimeUTCSeconds, oplogTs, oplogInc } = request;
  const usesOplog = oplogTs !== undefined || oplogInc !== undefined;
  if (deliveryType !== 'pointInTime') {
    if (pointInTimeUTCSeconds !== undefined || usesOplog) {
      throw invalidField(
        'INVALID_ATTRIBUTE',
        pointInTimeUTCSeconds !== undefined ? 'pointInTimeUTCSeconds' : 'oplogTs',
        'is only allowed with deliveryType pointInTime.',
      );
    }
    if (snapshotId === undefined)
      throw invalidField(
        'MISSING_ATTRIBUTE',
        'snapshotId',
        `is required with deliveryType ${deliveryType}.`,
      );
    return requireById(snapshots, snapshotId, 'SNAPSHOT_NOT_FOUND', 'snapshot').createdAt;
  }
  if (snapshotId !== undefined)
    throw invalidField(
      'INVALID_ATTRIBUTE',
      'snapshotId',
      'is not allowed with deliveryType pointInTime.',
    );
  if (pointInTimeUTCSeconds !== undefined && usesOplog) {
    throw invalidField(
      'INVALID_ATTRIBUTE',
      'pointInTimeUTCSeconds',
      'cannot be combined with oplogTs and oplogInc.',
    );
  }
  if (pointInTimeUTCSeconds !== undefined) return pointInTimeUTCSeconds * 1000;
  if (oplogTs === undefined)
    throw invalidField(
      'MISSING_ATTRIBUTE',
      'pointInTimeUTCSeconds',
      'or oplogTs and oplogInc are required with deliveryType pointInTime.',
    );
  if (oplogInc === undefined)
    throw invalidField('MISSING_ATTRIBUTE', 'oplogInc', 'is required with oplogTs.');
  return oplogTs * 1000;
}

export function downloadUrlFor(jobId: string, name = `restore-${jobId}`): string {
  return `https://restore-simulated.s3.amazonaws.com/${jobId}/${name}.tar.gz?X-Amz-Expires=86400`;
}

/** A job as it reads at `now`. */
export function restoreJobAt<J extends RestoreJobBase>(job: J, now: number): J {
  const progression = job.progression;
  if (!progression || job.cancelled || elapsedFraction(progression, now) < 1) return job;
  const finishedAt = progression.startedAt + progression.durationMs;
  if (job.deliveryType !== 'download') return { ...job, finishedAt };
  return {
    ...job,
    finishedAt,
    expiresAt: finishedAt + DOWNLOAD_LIFETIME_MS,
    deliveryUrl: [downloadUrlFor(job.id)],
  };
}

/** Neither failed, cancelled, expired nor finished at `now`. */
export function isRunning(job: RestoreJobBase, now: number): boolean {
  return (
    !job.failed && !job.cancelled && !job.expired && restoreJobAt(job, now).finishedAt === undefined
  );
}

/** An unfinished job writing to the target the request names (downloads write nowhere). */
export function isRestoringInto(job: RestoreJobBase, request: RestoreRequest, now: number) {
  const sameTarget =
    job.targetGroupId === request.targetGroupId &&
    job.targetClusterName === request.targetClusterName;
  return job.deliveryType !== 'download' && sameTarget && isRunning(job, now);
}

/** The wire fields both schemas share (links aside); `job` is already read at `now`. */
export function restoreJobFields(job: RestoreJobBase) {
  return {
    id: job.id,
    deliveryType: job.deliveryType,
    targetClusterName: job.targetClusterName,
    targetGroupId: job.targetGroupId,
    snapshotId: job.snapshotId,
    pointInTimeUTCSeconds: job.pointInTimeUTCSeconds,
    oplogTs: job.oplogTs,
    oplogInc: job.oplogInc,
    cancelled: job.cancelled,
    expired: job.expired,
    failed: job.failed,
    deliveryUrl: job.deliveryUrl,
    desiredTimestamp:
      job.deliveryType === 'pointInTime'
        ? { date: isoDate(job.timestamp), increment: Math.floor(job.timestamp / 1000) }
        : undefined,
    timestamp: isoDate(job.timestamp),
    finishedAt: optionalIsoDate(job.finishedAt),
    expiresAt: optionalIsoDate(job.expiresAt),
  };
}
