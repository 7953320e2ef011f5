import type { Collection } from './collection.ts';
import { ATLAS_2023_01_01, ATLAS_2024_11_13 } from './media-types.ts';
import { groupPath, idSegment, isObjectId, pathSegment } from './paths.ts';
import type { AtlasRequest } from './request.ts';
import { SERVERLESS_SUCCESSOR, SERVERLESS_SUNSET } from './restore-jobs.ts';

/** A Cloud Backup snapshot of a dedicated cluster: DiskBackupReplicaSet, or a sharded one from availableSnapshots. */
export interface AtlasClusterSnapshot {
  id?: string;
  createdAt?: string;
  expiresAt?: string;
  description?: string;
  frequencyType?: string;
  snapshotType?: string;
  status?: string;
  type?: string;
  storageSizeBytes?: number;
  mongodVersion?: string;
  masterKeyUUID?: string;
  policyItems?: string[];
  cloudProvider?: string;
  copyRegions?: string[];
  replicaSetName?: string;
  configServerType?: string;
  members?: { id?: string; replicaSetName?: string; cloudProvider?: string }[];
  /** The member snapshots of a sharded-cluster snapshot. */
  snapshotIds?: string[];
}

export interface AtlasServerlessSnapshot {
  id?: string;
  createdAt?: string;
  expiresAt?: string;
  frequencyType?: string;
  snapshotType?: string;
  status?: string;
  mongodVersion?: string;
  serverlessInstanceName?: string;
  storageSizeBytes?: number;
}

export interface AtlasFlexSnapshot {
  id?: string;
  status?: string;
  mongoDBVersion?: string;
  scheduledTime?: string;
  startTime?: string;
  finishTime?: string;
  expiration?: string;
}

const clusterSnapshotsPath = (groupId: string, cluster: string) =>
  `${groupPath(groupId)}/clusters/${pathSegment(cluster)}/backup/snapshots`;
const serverlessSnapshotsPath = (groupId: string, instance: string) =>
  `${groupPath(groupId)}/serverless/${pathSegment(instance)}/backup/snapshots`;
const flexSnapshotsPath = (groupId: string, cluster: string) =>
  `${groupPath(groupId)}/flexClusters/${pathSegment(cluster)}/backup/snapshots`;

export const getClusterSnapshot = (
  groupId: string,
  cluster: string,
  snapshotId: string,
): AtlasRequest => ({
  operation: 'getGroupClusterBackupSnapshot',
  method: 'GET',
  path: `${clusterSnapshotsPath(groupId, cluster)}/${idSegment(snapshotId)}`,
  accept: ATLAS_2023_01_01,
});

export const clusterSnapshots = (groupId: string, cluster: string): Collection => ({
  operation: 'listGroupClusterBackupSnapshots',
  groupId,
  path: clusterSnapshotsPath(groupId, cluster),
  accept: ATLAS_2023_01_01,
  filters: {},
  itemRequest: (snapshot) =>
    isObjectId(snapshot.id) ? getClusterSnapshot(groupId, cluster, snapshot.id) : undefined,
});

export const getServerlessSnapshot = (
  groupId: string,
  instance: string,
  snapshotId: string,
): AtlasRequest => ({
  operation: 'getGroupServerlessBackupSnapshot',
  method: 'GET',
  path: `${serverlessSnapshotsPath(groupId, instance)}/${idSegment(snapshotId)}`,
  accept: ATLAS_2023_01_01,
  successor: SERVERLESS_SUCCESSOR,
  sunset: SERVERLESS_SUNSET,
});

export const serverlessSnapshots = (groupId: string, instance: string): Collection => ({
  operation: 'listGroupServerlessBackupSnapshots',
  groupId,
  path: serverlessSnapshotsPath(groupId, instance),
  accept: ATLAS_2023_01_01,
  filters: {},
  successor: SERVERLESS_SUCCESSOR,
  sunset: SERVERLESS_SUNSET,
  itemRequest: (snapshot) =>
    isObjectId(snapshot.id) ? getServerlessSnapshot(groupId, instance, snapshot.id) : undefined,
});

export const getFlexSnapshot = (
  groupId: string,
  cluster: string,
  snapshotId: string,
): AtlasRequest => ({
  operation: 'getGroupFlexClusterBackupSnapshot',
  method: 'GET',
  path: `${flexSnapshotsPath(groupId, cluster)}/${idSegment(snapshotId)}`,
  accept: ATLAS_2024_11_13,
});

export const flexSnapshots = (groupId: string, cluster: string): Collection => ({
  operation: 'listGroupFlexClusterBackupSnapshots',
  groupId,
  path: flexSnapshotsPath(groupId, cluster),
  accept: ATLAS_2024_11_13,
  filters: {},
  itemRequest: (snapshot) =>
    isObjectId(snapshot.id) ? getFlexSnapshot(groupId, cluster, snapshot.id) : undefined,
});

export interface TakeSnapshotBody {
  description?: string;
  retentionInDays?: number;
}

/** An on-demand snapshot: 200 with the snapshot, queued; Atlas takes it afterwards. */
export const takeClusterSnapshot = (
  groupId: string,
  cluster: string,
  body: TakeSnapshotBody,
): AtlasRequest => ({
  operation: 'takeGroupClusterBackupSnapshots',
  method: 'POST',
  path: clusterSnapshotsPath(groupId, cluster),
  accept: ATLAS_2023_01_01,
  body,
});

export const deleteClusterSnapshot = (
  groupId: string,
  cluster: string,
  snapshotId: string,
): AtlasRequest => ({
  operation: 'deleteGroupClusterBackupSnapshot',
  method: 'DELETE',
  path: `${clusterSnapshotsPath(groupId, cluster)}/${idSegment(snapshotId)}`,
  accept: ATLAS_2023_01_01,
});
