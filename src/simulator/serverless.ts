/**
 * Serverless instance backups (deprecated upstream, sunset 2026-01-22; Flex replaces them): restore
 * jobs and snapshots.
 *
 * Rules beyond the schema for a new restore job (documented choices):
 * - the request rules and progression of src/simulator/restore-requests.ts;
 * - the snapshot must be the instance's (404 SNAPSHOT_NOT_FOUND); the target project and the target
 *   deployment must exist (404 GROUP_NOT_FOUND / CLUSTER_NOT_FOUND);
 * - one restore at a time into a target: an unfinished automated or pointInTime job of this instance
 *   writing to the same target is 409 RESTORE_JOB_ALREADY_IN_PROGRESS (downloads write nowhere).
 */
import { conflict } from './errors.ts';
import { V2023_01_01 } from './media.ts';
import {
  entity,
  GROUP_PREFIX,
  isoDate,
  type Operation,
  type OperationContext,
  pathParam,
  projectInContext,
  selfLinks,
} from './operation.ts';
import { paginate } from './pagination.ts';
import { newProgression } from './progression.ts';
import {
  isRestoringInto,
  RESTORE_REQUEST_FIELDS,
  type RestoreRequest,
  restoreJobAt,
  restoreJobFields,
  restorePoint,
} from './restore-requests.ts';
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
import { CLUSTER_NAME, OBJECT_ID, type ObjectRule, validateBody } from './validation.ts';

const BACKUP = `${GROUP_PREFIX}/serverless/{clusterName}/backup`;
const CREATE_RULE: ObjectRule = {
  type: 'object',
  fields: {
    ...RESTORE_REQUEST_FIELDS,
    targetClusterName: { rule: { type: 'string', pattern: CLUSTER_NAME }, required: true },
    targetGroupId: { rule: { type: 'string', pattern: OBJECT_ID }, required: true },
  },
};

function instancePath(project: Project, instance: ServerlessInstance): string {
  return `/api/atlas/v2/groups/${project.id}/serverless/${instance.name}/backup`;
}

function renderRestoreJob(
  context: OperationContext,
  project: Project,
  instance: ServerlessInstance,
  stored: ServerlessRestoreJob,
) {
  const job = restoreJobAt(stored, context.now);
  return {
    ...restoreJobFields(job),
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

function createRestoreJob(context: OperationContext) {
  const { project, instance } = instanceInContext(context);
  validateBody(context.body, CREATE_RULE);
  const request = context.body as RestoreRequest &
    Pick<ServerlessRestoreJob, 'targetClusterName' | 'targetGroupId'>;
  const timestamp = restorePoint(instance.snapshots, request);
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
