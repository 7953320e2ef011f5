/**
 * Serverless instance backups (deprecated upstream, sunset 2026-01-22; Flex replaces them): restore
 * jobs and snapshots.
 *
 * Rules beyond the schema for a new restore job (documented choices):
 * - `automated` and `download` restore a snapshot: `snapshotId` is required and the point-in-time
 *   fields are refused; `pointInTime` needs either `pointInTimeUTCSeconds` or `oplogTs` + `oplogInc`
 *   (not both, and no `snapshotId`). All 400.
 * - the snapshot must be the instance's (404 SNAPSHOT_NOT_FOUND); the target project and the target
 *   deployment must exist (404 GROUP_NOT_FOUND / CLUSTER_NOT_FOUND);
 * - one restore at a time into a target: an unfinished automated or pointInTime job of this instance
 *   writing to the same target is 409 RESTORE_JOB_ALREADY_IN_PROGRESS (downloads write nowhere).
 * - a new job is running (no finishedAt) for `runDurationMs`, then finished; a download's
 *   deliveryUrl appears when it finishes and expires a day later.
 */
import { conflict } from './errors.ts';
import { V2023_01_01 } from './media.ts';
import {
  entity,
  GROUP_PREFIX,
  isoDate,
  type Operation,
  type OperationContext,
  optionalIsoDate,
  pathParam,
  projectInContext,
  selfLinks,
} from './operation.ts';
import { paginate } from './pagination.ts';
import { elapsedFraction, newProgression } from './progression.ts';
import {
  newestFirst,
  type Project,
  requireById,
  requireRestoreTarget,
  requireServerless,
  type ServerlessInstance,
  type ServerlessRestoreJob,
  type ServerlessSnapshot,
} from './store.ts';
import {
  CLUSTER_NAME,
  invalidField,
  OBJECT_ID,
  type ObjectRule,
  readOnlyFields,
  validateBody,
} from './validation.ts';

const BACKUP = `${GROUP_PREFIX}/serverless/{clusterName}/backup`;
const DOWNLOAD_LIFETIME_MS = 86_400_000;
const EARLIEST_POINT_IN_TIME = 1_199_145_600;

const CREATE_RULE: ObjectRule = {
  type: 'object',
  fields: {
    deliveryType: {
      rule: { type: 'string', enum: ['automated', 'download', 'pointInTime'] },
      required: true,
    },
    targetClusterName: { rule: { type: 'string', pattern: CLUSTER_NAME }, required: true },
    targetGroupId: { rule: { type: 'string', pattern: OBJECT_ID }, required: true },
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
  },
};

type RestoreRequest = Pick<
  ServerlessRestoreJob,
  | 'deliveryType'
  | 'targetClusterName'
  | 'targetGroupId'
  | 'snapshotId'
  | 'pointInTimeUTCSeconds'
  | 'oplogTs'
  | 'oplogInc'
>;

function instancePath(project: Project, instance: ServerlessInstance): string {
  return `/api/atlas/v2/groups/${project.id}/serverless/${instance.name}/backup`;
}

/** A job as it reads at `now`. */
function restoreJobAt(job: ServerlessRestoreJob, now: number): ServerlessRestoreJob {
  const progression = job.progression;
  if (!progression || elapsedFraction(progression, now) < 1) return job;
  const finishedAt = progression.startedAt + progression.durationMs;
  if (job.deliveryType !== 'download') return { ...job, finishedAt };
  const url = `https://restore-simulated.s3.amazonaws.com/${job.id}/restore-${job.id}.tar.gz?X-Amz-Expires=86400`;
  return { ...job, finishedAt, expiresAt: finishedAt + DOWNLOAD_LIFETIME_MS, deliveryUrl: [url] };
}

function renderRestoreJob(
  context: OperationContext,
  project: Project,
  instance: ServerlessInstance,
  stored: ServerlessRestoreJob,
) {
  const job = restoreJobAt(stored, context.now);
  const isPointInTime = job.deliveryType === 'pointInTime';
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
    desiredTimestamp: isPointInTime
      ? { date: isoDate(job.timestamp), increment: Math.floor(job.timestamp / 1000) }
      : undefined,
    timestamp: isoDate(job.timestamp),
    finishedAt: optionalIsoDate(job.finishedAt),
    expiresAt: optionalIsoDate(job.expiresAt),
    links: selfLinks(context.origin, `${instancePath(project, instance)}/restoreJobs/${job.id}`),
  };
}

function renderSnapshot(
  context: OperationContext,
  project: Project,
  instance: ServerlessInstance,
  snapshot: ServerlessSnapshot,
) {
  return {
    id: snapshot.id,
    createdAt: isoDate(snapshot.createdAt),
    expiresAt: isoDate(snapshot.expiresAt),
    frequencyType: snapshot.frequencyType,
    snapshotType: snapshot.snapshotType,
    status: snapshot.status,
    mongodVersion: snapshot.mongodVersion,
    serverlessInstanceName: instance.name,
    storageSizeBytes: snapshot.storageSizeBytes,
    links: selfLinks(context.origin, `${instancePath(project, instance)}/snapshots/${snapshot.id}`),
  };
}

function instanceInContext(context: OperationContext): {
  project: Project;
  instance: ServerlessInstance;
} {
  const project = projectInContext(context);
  return { project, instance: requireServerless(project, pathParam(context, 'clusterName')) };
}

/** The moment restored to, in epoch ms, after checking that the request names exactly one. */
function restorePoint(instance: ServerlessInstance, request: RestoreRequest): number {
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
    return requireById(instance.snapshots, snapshotId, 'SNAPSHOT_NOT_FOUND', 'snapshot').createdAt;
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

/** An unfinished job writing to the target the request names. */
function isRestoringInto(job: ServerlessRestoreJob, request: RestoreRequest, now: number): boolean {
  const sameTarget =
    job.targetGroupId === request.targetGroupId &&
    job.targetClusterName === request.targetClusterName;
  const unfinished =
    !job.failed &&
    !job.cancelled &&
    !job.expired &&
    restoreJobAt(job, now).finishedAt === undefined;
  return job.deliveryType !== 'download' && sameTarget && unfinished;
}

function createRestoreJob(context: OperationContext) {
  const { project, instance } = instanceInContext(context);
  validateBody(context.body, CREATE_RULE);
  const request = context.body as RestoreRequest;
  const timestamp = restorePoint(instance, request);
  requireRestoreTarget(context.world, request.targetGroupId, request.targetClusterName);
  if (
    request.deliveryType !== 'download' &&
    instance.restoreJobs.some((job) => isRestoringInto(job, request, context.now))
  ) {
    throw conflict(
      'RESTORE_JOB_ALREADY_IN_PROGRESS',
      `A restore into ${request.targetClusterName} is already in progress.`,
      request.targetClusterName,
    );
  }
  const job: ServerlessRestoreJob = {
    ...request,
    id: context.world.ids.next(context.now),
    createdAt: context.now,
    timestamp,
    cancelled: false,
    failed: false,
    expired: false,
    deliveryUrl: [],
    progression: newProgression(context.now, context.behaviour.runDurationMs),
  };
  instance.restoreJobs.push(job);
  return entity(renderRestoreJob(context, project, instance, job));
}

const common = { mediaTypes: [V2023_01_01], family: 'serverless' } as const;

export const serverlessOperations: Operation[] = [
  {
    ...common,
    operationId: 'listGroupServerlessBackupRestoreJobs',
    method: 'GET',
    path: `${BACKUP}/restoreJobs`,
    handle: (context) => {
      const { project, instance } = instanceInContext(context);
      return paginate(
        context,
        newestFirst(instance.restoreJobs, (job) => job.createdAt),
        (job) => renderRestoreJob(context, project, instance, job),
      );
    },
  },
  {
    ...common,
    operationId: 'createGroupServerlessBackupRestoreJob',
    method: 'POST',
    path: `${BACKUP}/restoreJobs`,
    takesBody: true,
    handle: createRestoreJob,
  },
  {
    ...common,
    operationId: 'getGroupServerlessBackupRestoreJob',
    method: 'GET',
    path: `${BACKUP}/restoreJobs/{restoreJobId}`,
    handle: (context) => {
      const { project, instance } = instanceInContext(context);
      const job = requireById(
        instance.restoreJobs,
        pathParam(context, 'restoreJobId'),
        'RESTORE_JOB_NOT_FOUND',
        'restore job',
      );
      return entity(renderRestoreJob(context, project, instance, job));
    },
  },
  {
    ...common,
    operationId: 'listGroupServerlessBackupSnapshots',
    method: 'GET',
    path: `${BACKUP}/snapshots`,
    handle: (context) => {
      const { project, instance } = instanceInContext(context);
      return paginate(
        context,
        newestFirst(instance.snapshots, (snapshot) => snapshot.createdAt),
        (snapshot) => renderSnapshot(context, project, instance, snapshot),
      );
    },
  },
  {
    ...common,
    operationId: 'getGroupServerlessBackupSnapshot',
    method: 'GET',
    path: `${BACKUP}/snapshots/{snapshotId}`,
    handle: (context) => {
      const { project, instance } = instanceInContext(context);
      const snapshot = requireById(
        instance.snapshots,
        pathParam(context, 'snapshotId'),
        'SNAPSHOT_NOT_FOUND',
        'snapshot',
      );
      return entity(renderSnapshot(context, project, instance, snapshot));
    },
  },
];
