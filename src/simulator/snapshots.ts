/**
 * Cloud Backup snapshots of dedicated clusters. The cluster routes answer DiskBackupReplicaSet for
 * both cluster types (the contract's list schema says so; a sharded cluster's reads `type:
 * shardedCluster`); pipelines' availableSnapshots use the DiskBackupSnapshot union instead, where a
 * sharded cluster's snapshot has its members and snapshotIds.
 *
 * Point-in-time filters keep the snapshots taken at or before the requested moment: either
 * `pointInTimeUtcSeconds`, or `oplogTs` with `oplogInc`; mixing the two forms, or half of the oplog
 * form, is a 400.
 */
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
import { integerParam, invalidQueryParameter } from './query.ts';
import {
  type Cluster,
  type ClusterSnapshot,
  newestFirst,
  type Project,
  requireById,
  requireCluster,
} from './store.ts';

const SNAPSHOTS = `${GROUP_PREFIX}/clusters/{clusterName}/backup/snapshots`;

export function snapshotPath(project: Project, cluster: Cluster, snapshotId: string): string {
  return `/api/atlas/v2/groups/${project.id}/clusters/${cluster.name}/backup/snapshots/${snapshotId}`;
}

function commonSnapshotFields(
  context: OperationContext,
  project: Project,
  cluster: Cluster,
  snapshot: ClusterSnapshot,
) {
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
      const snapshot = requireById(
        cluster.snapshots,
        pathParam(context, 'snapshotId'),
        'SNAPSHOT_NOT_FOUND',
        'snapshot',
      );
      return entity(renderReplicaSetSnapshot(context, project, cluster, snapshot));
    },
  },
];
