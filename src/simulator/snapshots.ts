/**
 * Cloud Backup snapshots of dedicated clusters. The cluster routes answer DiskBackupReplicaSet for
 * both cluster types (the contract's list schema says so; a sharded cluster's reads `type:
 * shardedCluster`); pipelines' availableSnapshots use the DiskBackupSnapshot union instead, where a
 * sharded cluster's snapshot has its members and snapshotIds.
 *
 * Point-in-time filters keep the snapshots taken at or before the requested moment: either
 * `pointInTimeUtcSeconds`, or `oplogTs` with `oplogInc`; mixing the two forms, or half of the oplog
 * form, is a 400.
 *
 * Taking an on-demand snapshot (200 DiskBackupSnapshot: the sharded form for a sharded cluster) queues
 * one that reads queued, inProgress, then completed after `runDurationMs`. Documented choices: while an
 * on-demand snapshot of the cluster is queued or inProgress, another is refused (the description says
 * to wait) with 400 ON_DEMAND_SNAPSHOT_IN_PROGRESS, since the operation lists no 409 (as for pipelines,
 * docs/simulator.md); a cluster without backup is 400 BACKUP_NOT_ENABLED; `retentionInDays` defaults to
 * 7. Deleting (204) removes the snapshot; one still queued or inProgress is 400
 * SNAPSHOT_NOT_COMPLETED.
 */
import { badRequest } from './errors.ts';
import { uuidFor } from './ids.ts';
import { V2023_01_01 } from './media.ts';
import {
  entity,
  GROUP_PREFIX,
  isoDate,
  noContent,
  type Operation,
  type OperationContext,
  pathParam,
  projectInContext,
  selfLinks,
} from './operation.ts';
import { paginate } from './pagination.ts';
import { currentStage, newProgression, type Stage } from './progression.ts';
import { integerParam, invalidQueryParameter } from './query.ts';
import {
  type Cluster,
  type ClusterSnapshot,
  newestFirst,
  type Project,
  requireById,
  requireCluster,
} from './store.ts';
import { type ObjectRule, readOnlyFields, validateBody } from './validation.ts';

const SNAPSHOTS = `${GROUP_PREFIX}/clusters/{clusterName}/backup/snapshots`;
const DAY_MS = 86_400_000;
const DEFAULT_RETENTION_DAYS = 7;

const TAKE_RULE: ObjectRule = {
  type: 'object',
  fields: {
    description: { rule: { type: 'string' } },
    retentionInDays: { rule: { type: 'integer', minimum: 1 } },
    ...readOnlyFields('links'),
  },
};

const STAGES: readonly Stage<ClusterSnapshot['status']>[] = [
  { from: 0, value: 'queued' },
  { from: 0.2, value: 'inProgress' },
  { from: 1, value: 'completed' },
];

/** A snapshot as it reads at `now` (taken ones progress; seeded ones keep their status). */
export function snapshotAt(snapshot: ClusterSnapshot, now: number): ClusterSnapshot {
  if (!snapshot.progression) return snapshot;
  return { ...snapshot, status: currentStage(snapshot.progression, now, STAGES).value };
}

export function snapshotPath(project: Project, cluster: Cluster, snapshotId: string): string {
  return `/api/atlas/v2/groups/${project.id}/clusters/${cluster.name}/backup/snapshots/${snapshotId}`;
}

function commonSnapshotFields(
  context: OperationContext,
  project: Project,
  cluster: Cluster,
  stored: ClusterSnapshot,
) {
  const snapshot = snapshotAt(stored, context.now);
  return {
    id: snapshot.id,
    createdAt: isoDate(snapshot.createdAt),
    expiresAt: isoDate(snapshot.expiresAt),
    description: snapshot.description,
    frequencyType: snapshot.frequencyType,
    snapshotType: snapshot.snapshotType,
    status: snapshot.status,
    storageSizeBytes: snapshot.storageSizeBytes,
    mongodVersion: snapshot.mongodVersion,
    policyItems: snapshot.policyItems,
    masterKeyUUID: snapshot.masterKeyUUID,
    type: cluster.type,
    links: selfLinks(context.origin, snapshotPath(project, cluster, snapshot.id)),
  };
}

export function renderReplicaSetSnapshot(
  context: OperationContext,
  project: Project,
  cluster: Cluster,
  snapshot: ClusterSnapshot,
) {
  return {
    ...commonSnapshotFields(context, project, cluster, snapshot),
    cloudProvider: snapshot.cloudProvider,
    copyRegions: snapshot.copyRegions,
    replicaSetName: cluster.replicaSetNames[0],
  };
}

export function renderDiskBackupSnapshot(
  context: OperationContext,
  project: Project,
  cluster: Cluster,
  snapshot: ClusterSnapshot,
) {
  if (cluster.type === 'replicaSet')
    return renderReplicaSetSnapshot(context, project, cluster, snapshot);
  const members = snapshot.members ?? [];
  return {
    ...commonSnapshotFields(context, project, cluster, snapshot),
    configServerType: 'DEDICATED',
    members,
    snapshotIds: members.map((member) => member.id),
  };
}

/** The moment the snapshots must precede, in epoch ms, from either point-in-time form. */
function pointInTimeFilter(context: OperationContext): number | undefined {
  const pointInTime = integerParam(context.query, 'pointInTimeUtcSeconds');
  const oplogTs = integerParam(context.query, 'oplogTs');
  const oplogInc = integerParam(context.query, 'oplogInc');
  const usesOplog = oplogTs !== undefined || oplogInc !== undefined;
  if (pointInTime !== undefined && usesOplog) {
    throw invalidQueryParameter(
      'pointInTimeUtcSeconds',
      'cannot be combined with oplogTs and oplogInc.',
    );
  }
  if (usesOplog && (oplogTs === undefined || oplogInc === undefined)) {
    throw invalidQueryParameter(
      oplogTs === undefined ? 'oplogTs' : 'oplogInc',
      'oplogTs and oplogInc must be given together.',
    );
  }
  const seconds = pointInTime ?? oplogTs;
  return seconds === undefined ? undefined : seconds * 1000;
}

export function clusterInContext(context: OperationContext): {
  project: Project;
  cluster: Cluster;
} {
  const project = projectInContext(context);
  return { project, cluster: requireCluster(project, pathParam(context, 'clusterName')) };
}

function requireSnapshot(context: OperationContext, cluster: Cluster): ClusterSnapshot {
  return requireById(
    cluster.snapshots,
    pathParam(context, 'snapshotId'),
    'SNAPSHOT_NOT_FOUND',
    'snapshot',
  );
}

function takeSnapshot(context: OperationContext) {
  const { project, cluster } = clusterInContext(context);
  validateBody(context.body, TAKE_RULE);
  const body = context.body as { description?: string; retentionInDays?: number };
  if (!cluster.deployment.backupEnabled)
    throw badRequest('BACKUP_NOT_ENABLED', `Cluster ${cluster.name} has no cloud backup enabled.`);
  const pending = cluster.snapshots.find((snapshot) => {
    const status = snapshotAt(snapshot, context.now).status;
    return snapshot.snapshotType === 'onDemand' && (status === 'queued' || status === 'inProgress');
  });
  if (pending) {
    throw badRequest(
      'ON_DEMAND_SNAPSHOT_IN_PROGRESS',
      `On-demand snapshot ${pending.id} of cluster ${cluster.name} has not completed yet.`,
    );
  }
  const createdAt = context.now;
  const id = context.world.ids.next(createdAt);
  const snapshot: ClusterSnapshot = {
    id,
    createdAt,
    expiresAt: createdAt + (body.retentionInDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS,
    description: body.description ?? '',
    snapshotType: 'onDemand',
    status: 'queued',
    progression: newProgression(createdAt, context.behaviour.runDurationMs),
    storageSizeBytes: 1_000_000_000 * cluster.replicaSetNames.length,
    mongodVersion: cluster.deployment.mongoDBVersion,
    policyItems: [],
    masterKeyUUID:
      cluster.deployment.encryptionAtRestProvider === 'NONE'
        ? undefined
        : uuidFor(cluster.snapshots.length),
    cloudProvider: cluster.cloudProvider,
    copyRegions: [],
    members:
      cluster.type === 'shardedCluster'
        ? cluster.replicaSetNames.map((replicaSetName) => ({
            cloudProvider: cluster.cloudProvider,
            id: context.world.ids.next(createdAt),
            replicaSetName,
          }))
        : undefined,
  };
  cluster.snapshots.push(snapshot);
  return entity(renderDiskBackupSnapshot(context, project, cluster, snapshot));
}

function deleteSnapshot(context: OperationContext) {
  const { cluster } = clusterInContext(context);
  const snapshot = requireSnapshot(context, cluster);
  const status = snapshotAt(snapshot, context.now).status;
  if (status === 'queued' || status === 'inProgress') {
    throw badRequest(
      'SNAPSHOT_NOT_COMPLETED',
      `Snapshot ${snapshot.id} is ${status} and cannot be deleted yet.`,
    );
  }
  cluster.snapshots.splice(cluster.snapshots.indexOf(snapshot), 1);
  return noContent();
}

export const snapshotOperations: Operation[] = [
  {
    operationId: 'listGroupClusterBackupSnapshots',
    method: 'GET',
    path: SNAPSHOTS,
    mediaTypes: [V2023_01_01],
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      const before = pointInTimeFilter(context);
      const snapshots = cluster.snapshots.filter(
        (snapshot) => before === undefined || snapshot.createdAt <= before,
      );
      return paginate(
        context,
        newestFirst(snapshots, (snapshot) => snapshot.createdAt),
        (snapshot) => renderReplicaSetSnapshot(context, project, cluster, snapshot),
      );
    },
  },
  {
    operationId: 'getGroupClusterBackupSnapshot',
    method: 'GET',
    path: `${SNAPSHOTS}/{snapshotId}`,
    mediaTypes: [V2023_01_01],
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      return entity(
        renderReplicaSetSnapshot(context, project, cluster, requireSnapshot(context, cluster)),
      );
    },
  },
  {
    operationId: 'takeGroupClusterBackupSnapshots',
    method: 'POST',
    path: SNAPSHOTS,
    mediaTypes: [V2023_01_01],
    takesBody: true,
    handle: takeSnapshot,
  },
  {
    operationId: 'deleteGroupClusterBackupSnapshot',
    method: 'DELETE',
    path: `${SNAPSHOTS}/{snapshotId}`,
    mediaTypes: [V2023_01_01],
    handle: deleteSnapshot,
  },
];
