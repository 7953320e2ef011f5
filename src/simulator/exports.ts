/**
 * Cloud Backup snapshot export jobs.
 *
 * Rules beyond the schema (documented choices):
 * - the bucket must be one of the project's export buckets (404 EXPORT_BUCKET_NOT_FOUND) and the
 *   snapshot one of the cluster's (404 SNAPSHOT_NOT_FOUND);
 * - one export per snapshot at a time: a job while another for the same snapshot is Queued or
 *   InProgress is 409 BACKUP_EXPORT_ALREADY_IN_PROGRESS;
 * - a new job reads Queued, then InProgress (collections counting up) and Successful after
 *   `runDurationMs`; a sharded cluster's job has one component per replica set.
 * - `prefix` is the contract's template verbatim: its schema pattern is that literal text.
 */
import { conflict } from './errors.ts';
import { exportBucketNotFound } from './export-buckets.ts';
import { V2023_01_01 } from './media.ts';
import {
  entity,
  GROUP_PREFIX,
  isoDate,
  type Operation,
  type OperationContext,
  optionalIsoDate,
  pathParam,
  selfLinks,
} from './operation.ts';
import { paginate } from './pagination.ts';
import { currentStage, elapsedFraction, newProgression, type Stage } from './progression.ts';
import { clusterInContext } from './snapshots.ts';
import { type Cluster, type ExportJob, newestFirst, type Project, requireById } from './store.ts';
import { OBJECT_ID, type ObjectRule, readOnlyFields, validateBody } from './validation.ts';

const EXPORTS = `${GROUP_PREFIX}/clusters/{clusterName}/backup/exports`;
export const EXPORT_PREFIX =
  '/exported_snapshots/{ORG-NAME}/{PROJECT-NAME}/{CLUSTER-NAME}/{SNAPSHOT-INITIATION-DATE}/{TIMESTAMP}';
const COLLECTIONS_PER_EXPORT = 12;

const CREATE_RULE: ObjectRule = {
  type: 'object',
  fields: {
    exportBucketId: { rule: { type: 'string', pattern: OBJECT_ID }, required: true },
    snapshotId: { rule: { type: 'string', pattern: OBJECT_ID }, required: true },
    customData: {
      rule: {
        type: 'array',
        items: {
          type: 'object',
          fields: { key: { rule: { type: 'string' } }, value: { rule: { type: 'string' } } },
        },
      },
    },
    ...readOnlyFields('links'),
  },
};

const STAGES: readonly Stage<ExportJob['state']>[] = [
  { from: 0, value: 'Queued' },
  { from: 0.2, value: 'InProgress' },
  { from: 1, value: 'Successful' },
];

/** A job as it reads at `now`. */
function exportJobAt(job: ExportJob, now: number): ExportJob {
  if (!job.progression) return job;
  const state = currentStage(job.progression, now, STAGES).value;
  const total = job.exportStatus?.totalCollections ?? COLLECTIONS_PER_EXPORT;
  const exported =
    state === 'Queued' ? 0 : Math.floor(total * elapsedFraction(job.progression, now));
  return {
    ...job,
    state,
    exportStatus: { exportedCollections: exported, totalCollections: total },
    finishedAt:
      state === 'Successful' ? job.progression.startedAt + job.progression.durationMs : undefined,
  };
}

export function isExportActive(job: ExportJob, now: number): boolean {
  const state = exportJobAt(job, now).state;
  return state === 'Queued' || state === 'InProgress';
}

function renderExportJob(
  context: OperationContext,
  project: Project,
  cluster: Cluster,
  stored: ExportJob,
) {
  const job = exportJobAt(stored, context.now);
  return {
    id: job.id,
    createdAt: isoDate(job.createdAt),
    exportBucketId: job.exportBucketId,
    snapshotId: job.snapshotId,
    customData: job.customData,
    prefix: EXPORT_PREFIX,
    state: job.state,
    finishedAt: optionalIsoDate(job.finishedAt),
    exportStatus: job.exportStatus,
    stateReason: job.stateReason,
    components: job.components,
    links: selfLinks(
      context.origin,
      `/api/atlas/v2/groups/${project.id}/clusters/${cluster.name}/backup/exports/${job.id}`,
    ),
  };
}

function createExportJob(context: OperationContext) {
  const { project, cluster } = clusterInContext(context);
  validateBody(context.body, CREATE_RULE);
  const body = context.body as {
    exportBucketId: string;
    snapshotId: string;
    customData?: ExportJob['customData'];
  };
  if (!project.exportBuckets.some((bucket) => bucket.id === body.exportBucketId)) {
    throw exportBucketNotFound(project, body.exportBucketId);
  }
  const snapshot = requireById(
    cluster.snapshots,
    body.snapshotId,
    'SNAPSHOT_NOT_FOUND',
    'snapshot',
  );
  if (
    cluster.exportJobs.some(
      (job) => job.snapshotId === snapshot.id && isExportActive(job, context.now),
    )
  ) {
    throw conflict(
      'BACKUP_EXPORT_ALREADY_IN_PROGRESS',
      `An export of snapshot ${snapshot.id} is already in progress.`,
      snapshot.id,
    );
  }
  const ids = context.world.ids;
  const job: ExportJob = {
    id: ids.next(context.now),
    createdAt: context.now,
    snapshotId: snapshot.id,
    exportBucketId: body.exportBucketId,
    customData: body.customData ?? [],
    components:
      cluster.type === 'shardedCluster'
        ? cluster.replicaSetNames.map((replicaSetName) => ({
            exportId: ids.next(context.now),
            replicaSetName,
          }))
        : undefined,
    state: 'Queued',
    progression: newProgression(context.now, context.behaviour.runDurationMs),
  };
  cluster.exportJobs.push(job);
  return entity(renderExportJob(context, project, cluster, job));
}

const common = { mediaTypes: [V2023_01_01] } as const;

export const exportOperations: Operation[] = [
  {
    ...common,
    operationId: 'listGroupClusterBackupExports',
    method: 'GET',
    path: EXPORTS,
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      return paginate(
        context,
        newestFirst(cluster.exportJobs, (job) => job.createdAt),
        (job) => renderExportJob(context, project, cluster, job),
      );
    },
  },
  {
    ...common,
    operationId: 'createGroupClusterBackupExport',
    method: 'POST',
    path: EXPORTS,
    takesBody: true,
    handle: createExportJob,
  },
  {
    ...common,
    operationId: 'getGroupClusterBackupExport',
    method: 'GET',
    path: `${EXPORTS}/{exportId}`,
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      const job = requireById(
        cluster.exportJobs,
        pathParam(context, 'exportId'),
        'EXPORT_JOB_NOT_FOUND',
        'export job',
      );
      return entity(renderExportJob(context, project, cluster, job));
    },
  },
];
