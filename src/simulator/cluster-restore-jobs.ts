/**
 * Restore jobs of dedicated clusters (DiskBackupSnapshotRestoreJob, version 2023-01-01), newest first.
 *
 * Rules beyond the schema (documented choices, docs/simulator.md):
 * - the request rules and progression of src/simulator/restore-requests.ts; a sharded cluster's
 *   download also lists one component per shard and config server, each with its downloadUrl once done;
 * - `targetClusterName` and `targetGroupId` are required for automated and pointInTime (400
 *   MISSING_ATTRIBUTE; the schema leaves them optional, their descriptions require them), and the target
 *   must exist (404 GROUP_NOT_FOUND / CLUSTER_NOT_FOUND); a download needs no target;
 * - pointInTime needs the cluster's continuous cloud backup (`pitEnabled`; 400
 *   POINT_IN_TIME_NOT_ENABLED);
 * - one restore at a time into a target: a running automated or pointInTime job of this cluster writing
 *   to the same target is 409 RESTORE_JOB_ALREADY_IN_PROGRESS;
 * - cancelling (204) marks the job cancelled and stops it; a job that has ended (finished, failed,
 *   cancelled or expired) is 405 ATLAS_BACKUP_CANCEL_RESTORE_JOB_NOT_ALLOWED, and any job of a sharded
 *   cluster is 405 ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED (the contract's example).
 */
import { AtlasError, conflict } from './errors.ts';
import { V2023_01_01 } from './media.ts';
import {
  entity,
  GROUP_PREFIX,
  noContent,
  type Operation,
  type OperationContext,
  pathParam,
  selfLinks,
} from './operation.ts';
import { paginate } from './pagination.ts';
import { newProgression } from './progression.ts';
import {
  downloadUrlFor,
  isRestoringInto,
  isRunning,
  RESTORE_REQUEST_FIELDS,
  type RestoreRequest,
  restoreJobAt,
  restoreJobFields,
  restorePoint,
} from './restore-requests.ts';
import { clusterInContext, snapshotAt } from './snapshots.ts';
import {
  type Cluster,
  type ClusterRestoreJob,
  newestFirst,
  type Project,
  requireById,
  requireRestoreTarget,
} from './store.ts';
import {
  CLUSTER_NAME,
  invalidField,
  OBJECT_ID,
  type ObjectRule,
  readOnlyFields,
  validateBody,
} from './validation.ts';

const RESTORE_JOBS = `${GROUP_PREFIX}/clusters/{clusterName}/backup/restoreJobs`;

const CREATE_RULE: ObjectRule = {
  type: 'object',
  fields: {
    ...RESTORE_REQUEST_FIELDS,
    targetClusterName: { rule: { type: 'string', pattern: CLUSTER_NAME } },
    targetGroupId: { rule: { type: 'string', pattern: OBJECT_ID } },
    ...readOnlyFields('privateDownloadDeliveryUrls', 'components'),
  },
};

function jobPath(project: Project, cluster: Cluster, jobId: string): string {
  return `/api/atlas/v2/groups/${project.id}/clusters/${cluster.name}/backup/restoreJobs/${jobId}`;
}

/** A job as it reads at `now`, with its shards' downloads once a sharded download is done. */
function clusterRestoreJobAt(stored: ClusterRestoreJob, now: number): ClusterRestoreJob {
  const job = restoreJobAt(stored, now);
  if (!job.components || job.finishedAt === undefined || job.deliveryType !== 'download')
    return job;
  return {
    ...job,
    components: job.components.map((component) => ({
      ...component,
      downloadUrl:
        component.downloadUrl ?? downloadUrlFor(job.id, `${component.replicaSetName}-${job.id}`),
    })),
  };
}

function renderRestoreJob(
  context: OperationContext,
  project: Project,
  cluster: Cluster,
  stored: ClusterRestoreJob,
) {
  const job = clusterRestoreJobAt(stored, context.now);
  return {
    ...restoreJobFields(job),
    components: job.components,
    links: selfLinks(context.origin, jobPath(project, cluster, job.id)),
  };
}

function requireRestoreJob(context: OperationContext, cluster: Cluster): ClusterRestoreJob {
  return requireById(
    cluster.restoreJobs,
    pathParam(context, 'restoreJobId'),
    'RESTORE_JOB_NOT_FOUND',
    'restore job',
  );
}

/** The target of an automated or pointInTime restore, which must exist. */
function checkTarget(context: OperationContext, cluster: Cluster, request: RestoreRequest): void {
  if (request.deliveryType === 'download') return;
  for (const field of ['targetClusterName', 'targetGroupId'] as const) {
    if (request[field] === undefined)
      throw invalidField(
        'MISSING_ATTRIBUTE',
        field,
        `is required with deliveryType ${request.deliveryType}.`,
      );
  }
  if (request.deliveryType === 'pointInTime' && !cluster.deployment.pitEnabled) {
    throw invalidField(
      'POINT_IN_TIME_NOT_ENABLED',
      'deliveryType',
      `pointInTime needs continuous cloud backup, which cluster ${cluster.name} has not enabled.`,
    );
  }
  requireRestoreTarget(context.world, request.targetGroupId ?? '', request.targetClusterName ?? '');
  if (cluster.restoreJobs.some((job) => isRestoringInto(job, request, context.now))) {
    throw conflict(
      'RESTORE_JOB_ALREADY_IN_PROGRESS',
      `A restore into ${request.targetClusterName} is already in progress.`,
      request.targetClusterName,
    );
  }
}

function createRestoreJob(context: OperationContext) {
  const { project, cluster } = clusterInContext(context);
  validateBody(context.body, CREATE_RULE);
  const request = context.body as RestoreRequest;
  const timestamp = restorePoint(cluster.snapshots, request);
  const snapshot = cluster.snapshots.find((candidate) => candidate.id === request.snapshotId);
  if (snapshot && snapshotAt(snapshot, context.now).status !== 'completed') {
    throw invalidField(
      'SNAPSHOT_NOT_COMPLETED',
      'snapshotId',
      'names a snapshot that has not completed.',
    );
  }
  checkTarget(context, cluster, request);
  const job: ClusterRestoreJob = {
    ...request,
    id: context.world.ids.next(context.now),
    createdAt: context.now,
    timestamp,
    cancelled: false,
    failed: false,
    expired: false,
    deliveryUrl: [],
    components:
      cluster.type === 'shardedCluster' && request.deliveryType === 'download'
        ? cluster.replicaSetNames.map((replicaSetName) => ({ replicaSetName }))
        : undefined,
    progression: newProgression(context.now, context.behaviour.runDurationMs),
  };
  cluster.restoreJobs.push(job);
  return entity(renderRestoreJob(context, project, cluster, job));
}

function cancelRestoreJob(context: OperationContext) {
  const { cluster } = clusterInContext(context);
  const job = requireRestoreJob(context, cluster);
  if (cluster.type === 'shardedCluster') {
    throw new AtlasError(
      405,
      'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED',
      `Restore job ${job.id} restores a sharded cluster and cannot be cancelled.`,
      [job.id],
    );
  }
  if (!isRunning(job, context.now)) {
    throw new AtlasError(
      405,
      'ATLAS_BACKUP_CANCEL_RESTORE_JOB_NOT_ALLOWED',
      `Restore job ${job.id} has ended and cannot be cancelled.`,
      [job.id],
    );
  }
  job.cancelled = true;
  job.progression = undefined;
  return noContent();
}

const common = { mediaTypes: [V2023_01_01] } as const;

export const clusterRestoreJobOperations: Operation[] = [
  {
    ...common,
    operationId: 'listGroupClusterBackupRestoreJobs',
    method: 'GET',
    path: RESTORE_JOBS,
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
    operationId: 'createGroupClusterBackupRestoreJob',
    method: 'POST',
    path: RESTORE_JOBS,
    takesBody: true,
    handle: createRestoreJob,
  },
  {
    ...common,
    operationId: 'getGroupClusterBackupRestoreJob',
    method: 'GET',
    path: `${RESTORE_JOBS}/{restoreJobId}`,
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      return entity(
        renderRestoreJob(context, project, cluster, requireRestoreJob(context, cluster)),
      );
    },
  },
  {
    ...common,
    operationId: 'cancelGroupClusterBackupRestoreJob',
    method: 'DELETE',
    path: `${RESTORE_JOBS}/{restoreJobId}`,
    handle: cancelRestoreJob,
  },
];
