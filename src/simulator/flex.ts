/**
 * Flex cluster backups (version 2024-11-13; the successor of serverless backups): restore jobs and
 * snapshots.
 *
 * Rules beyond the schema for a new restore job (documented choices):
 * - `targetProjectId` defaults to the cluster's project; it and the target deployment must exist
 *   (404 GROUP_NOT_FOUND / CLUSTER_NOT_FOUND); the snapshot must be the flex cluster's (404);
 * - `deliveryType` is read-only in the create schema: jobs created here are RESTOREs;
 * - one restore at a time into a target: a PENDING, QUEUED or RUNNING job writing to the same target is
 *   409 RESTORE_JOB_ALREADY_IN_PROGRESS;
 * - a new job reads PENDING, QUEUED, RUNNING, then COMPLETED after `runDurationMs`.
 */
import { conflict } from './errors.ts';
import { V2024_11_13 } from './media.ts';
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
import { currentStage, newProgression, type Stage } from './progression.ts';
import {
  type FlexCluster,
  type FlexRestoreJob,
  type FlexSnapshot,
  type FlexStatus,
  newestFirst,
  type Project,
  requireById,
  requireFlex,
  requireRestoreTarget,
} from './store.ts';
import { OBJECT_ID, type ObjectRule, readOnlyFields, validateBody } from './validation.ts';

const BACKUP = `${GROUP_PREFIX}/flexClusters/{name}/backup`;
const DEPLOYMENT_ITEM_NAME = /^[\p{L}\p{N}\-_.(),:&@+']{1,64}$/u;
const DOWNLOAD_LIFETIME_MS = 86_400_000;

const CREATE_RULE: ObjectRule = {
  type: 'object',
  fields: {
    snapshotId: { rule: { type: 'string', pattern: OBJECT_ID }, required: true },
    targetDeploymentItemName: {
      rule: { type: 'string', pattern: DEPLOYMENT_ITEM_NAME },
      required: true,
    },
    targetProjectId: { rule: { type: 'string', pattern: OBJECT_ID } },
    ...readOnlyFields(
      'deliveryType',
      'expirationDate',
      'id',
      'instanceName',
      'links',
      'projectId',
      'restoreFinishedDate',
      'restoreScheduledDate',
      'snapshotFinishedDate',
      'snapshotUrl',
      'status',
    ),
  },
};

const STAGES: readonly Stage<FlexStatus>[] = [
  { from: 0, value: 'PENDING' },
  { from: 0.1, value: 'QUEUED' },
  { from: 0.3, value: 'RUNNING' },
  { from: 1, value: 'COMPLETED' },
];

/** A job as it reads at `now`. */
function restoreJobAt(job: FlexRestoreJob, now: number): FlexRestoreJob {
  if (!job.progression) return job;
  const stage = currentStage(job.progression, now, STAGES);
  if (stage.value !== 'COMPLETED') return { ...job, status: stage.value };
  return {
    ...job,
    status: 'COMPLETED',
    restoreFinishedDate: stage.since,
    expirationDate: stage.since + DOWNLOAD_LIFETIME_MS,
  };
}

function clusterPath(project: Project, cluster: FlexCluster): string {
  return `/api/atlas/v2/groups/${project.id}/flexClusters/${cluster.name}/backup`;
}

function renderRestoreJob(
  context: OperationContext,
  project: Project,
  cluster: FlexCluster,
  stored: FlexRestoreJob,
) {
  const job = restoreJobAt(stored, context.now);
  return {
    id: job.id,
    projectId: project.id,
    instanceName: cluster.name,
    snapshotId: job.snapshotId,
    targetProjectId: job.targetProjectId,
    targetDeploymentItemName: job.targetDeploymentItemName,
    deliveryType: job.deliveryType,
    status: job.status,
    restoreScheduledDate: isoDate(job.restoreScheduledDate),
    restoreFinishedDate: optionalIsoDate(job.restoreFinishedDate),
    snapshotFinishedDate: isoDate(job.snapshotFinishedDate),
    expirationDate: optionalIsoDate(job.expirationDate),
    snapshotUrl: job.snapshotUrl,
    links: selfLinks(context.origin, `${clusterPath(project, cluster)}/restoreJobs/${job.id}`),
  };
}

function renderSnapshot(
  context: OperationContext,
  project: Project,
  cluster: FlexCluster,
  snapshot: FlexSnapshot,
) {
  return {
    id: snapshot.id,
    status: snapshot.status,
    mongoDBVersion: snapshot.mongoDBVersion,
    scheduledTime: isoDate(snapshot.scheduledTime),
    startTime: optionalIsoDate(snapshot.startTime),
    finishTime: optionalIsoDate(snapshot.finishTime),
    expiration: isoDate(snapshot.expiration),
    links: selfLinks(context.origin, `${clusterPath(project, cluster)}/snapshots/${snapshot.id}`),
  };
}

function clusterInContext(context: OperationContext): { project: Project; cluster: FlexCluster } {
  const project = projectInContext(context);
  return { project, cluster: requireFlex(project, pathParam(context, 'name')) };
}

function createRestoreJob(context: OperationContext) {
  const { project, cluster } = clusterInContext(context);
  validateBody(context.body, CREATE_RULE);
  const body = context.body as {
    snapshotId: string;
    targetDeploymentItemName: string;
    targetProjectId?: string;
  };
  const snapshot = requireById(
    cluster.snapshots,
    body.snapshotId,
    'SNAPSHOT_NOT_FOUND',
    'snapshot',
  );
  const targetProjectId = body.targetProjectId ?? project.id;
  requireRestoreTarget(context.world, targetProjectId, body.targetDeploymentItemName);
  const restoringIntoTarget = cluster.restoreJobs.some((job) => {
    const status = restoreJobAt(job, context.now).status;
    const active = status === 'PENDING' || status === 'QUEUED' || status === 'RUNNING';
    return (
      active &&
      job.targetProjectId === targetProjectId &&
      job.targetDeploymentItemName === body.targetDeploymentItemName
    );
  });
  if (restoringIntoTarget) {
    const target = body.targetDeploymentItemName;
    throw conflict(
      'RESTORE_JOB_ALREADY_IN_PROGRESS',
      `A restore into ${target} is already in progress.`,
      target,
    );
  }
  const job: FlexRestoreJob = {
    id: context.world.ids.next(context.now),
    createdAt: context.now,
    snapshotId: snapshot.id,
    targetProjectId,
    targetDeploymentItemName: body.targetDeploymentItemName,
    deliveryType: 'RESTORE',
    status: 'PENDING',
    restoreScheduledDate: context.now,
    snapshotFinishedDate: snapshot.finishTime ?? snapshot.scheduledTime,
    progression: newProgression(context.now, context.behaviour.runDurationMs),
  };
  cluster.restoreJobs.push(job);
  return entity(renderRestoreJob(context, project, cluster, job));
}

const common = { mediaTypes: [V2024_11_13] } as const;

export const flexOperations: Operation[] = [
  {
    ...common,
    operationId: 'listGroupFlexClusterBackupRestoreJobs',
    method: 'GET',
    path: `${BACKUP}/restoreJobs`,
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      return paginate(
        context,
        newestFirst(cluster.restoreJobs, (job) => job.createdAt),
        (job) => renderRestoreJob(context, project, cluster, job),
      );
    },
  },
  {
    ...common,
    operationId: 'createGroupFlexClusterBackupRestoreJob',
    method: 'POST',
    path: `${BACKUP}/restoreJobs`,
    takesBody: true,
    handle: createRestoreJob,
  },
  {
    ...common,
    operationId: 'getGroupFlexClusterBackupRestoreJob',
    method: 'GET',
    path: `${BACKUP}/restoreJobs/{restoreJobId}`,
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      const job = requireById(
        cluster.restoreJobs,
        pathParam(context, 'restoreJobId'),
        'RESTORE_JOB_NOT_FOUND',
        'restore job',
      );
      return entity(renderRestoreJob(context, project, cluster, job));
    },
  },
  {
    ...common,
    operationId: 'listGroupFlexClusterBackupSnapshots',
    method: 'GET',
    path: `${BACKUP}/snapshots`,
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      return paginate(
        context,
        newestFirst(cluster.snapshots, (snapshot) => snapshot.scheduledTime),
        (snapshot) => renderSnapshot(context, project, cluster, snapshot),
      );
    },
  },
  {
    ...common,
    operationId: 'getGroupFlexClusterBackupSnapshot',
    method: 'GET',
    path: `${BACKUP}/snapshots/{snapshotId}`,
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      const snapshot = requireById(
        cluster.snapshots,
        pathParam(context, 'snapshotId'),
        'SNAPSHOT_NOT_FOUND',
        'snapshot',
      );
      return entity(renderSnapshot(context, project, cluster, snapshot));
    },
  },
];
