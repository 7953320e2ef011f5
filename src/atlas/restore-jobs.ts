import type { Collection } from './collection.ts';
import { ATLAS_2023_01_01, ATLAS_2024_11_13 } from './media-types.ts';
import { groupPath, idSegment, isObjectId, pathSegment } from './paths.ts';
import type { AtlasRequest } from './request.ts';

export interface AtlasServerlessRestoreJob {
  id?: string;
  snapshotId?: string;
  deliveryType?: string;
  targetClusterName?: string;
  targetGroupId?: string;
  cancelled?: boolean;
  expired?: boolean;
  failed?: boolean;
  deliveryUrl?: string[];
  desiredTimestamp?: { date?: string; increment?: number };
  expiresAt?: string;
  finishedAt?: string;
  timestamp?: string;
  oplogTs?: number;
  oplogInc?: number;
  pointInTimeUTCSeconds?: number;
  links?: { href?: string; rel?: string }[];
}

/** DiskBackupSnapshotRestoreJob: a dedicated cluster's restore job (no status: flags say it). */
export interface AtlasClusterRestoreJob extends AtlasServerlessRestoreJob {
  privateDownloadDeliveryUrls?: { deliveryUrl?: string; endpointId?: string }[];
  components?: {
    replicaSetName?: string;
    downloadUrl?: string;
    privateDownloadDeliveryUrls?: { deliveryUrl?: string; endpointId?: string }[];
  }[];
}

export interface AtlasFlexRestoreJob {
  id?: string;
  projectId?: string;
  instanceName?: string;
  snapshotId?: string;
  targetProjectId?: string;
  targetDeploymentItemName?: string;
  deliveryType?: string;
  status?: string;
  expirationDate?: string;
  restoreScheduledDate?: string;
  restoreFinishedDate?: string;
  snapshotFinishedDate?: string;
  snapshotUrl?: string;
  links?: { href?: string; rel?: string }[];
}

/** Serverless backup is retired upstream (sunset 2026-01-22); Flex clusters replace it. */
export const SERVERLESS_SUNSET = '2026-01-22';
export const SERVERLESS_SUCCESSOR = 'Project.flexCluster (Flex cluster backup)';

export const serverlessJobsPath = (groupId: string, instance: string) =>
  `${groupPath(groupId)}/serverless/${pathSegment(instance)}/backup/restoreJobs`;
export const flexJobsPath = (groupId: string, cluster: string) =>
  `${groupPath(groupId)}/flexClusters/${pathSegment(cluster)}/backup/restoreJobs`;

export const getServerlessRestoreJob = (
  groupId: string,
  instance: string,
  jobId: string,
): AtlasRequest => ({
  operation: 'getGroupServerlessBackupRestoreJob',
  method: 'GET',
  path: `${serverlessJobsPath(groupId, instance)}/${idSegment(jobId)}`,
  accept: ATLAS_2023_01_01,
  successor: SERVERLESS_SUCCESSOR,
  sunset: SERVERLESS_SUNSET,
});

export const serverlessRestoreJobs = (groupId: string, instance: string): Collection => ({
  operation: 'listGroupServerlessBackupRestoreJobs',
  groupId,
  path: serverlessJobsPath(groupId, instance),
  accept: ATLAS_2023_01_01,
  filters: {},
  successor: SERVERLESS_SUCCESSOR,
  sunset: SERVERLESS_SUNSET,
  itemRequest: (job) =>
    isObjectId(job.id) ? getServerlessRestoreJob(groupId, instance, job.id) : undefined,
});

export const getFlexRestoreJob = (
  groupId: string,
  cluster: string,
  jobId: string,
): AtlasRequest => ({
  operation: 'getGroupFlexClusterBackupRestoreJob',
  method: 'GET',
  path: `${flexJobsPath(groupId, cluster)}/${idSegment(jobId)}`,
  accept: ATLAS_2024_11_13,
});

export const flexRestoreJobs = (groupId: string, cluster: string): Collection => ({
  operation: 'listGroupFlexClusterBackupRestoreJobs',
  groupId,
  path: flexJobsPath(groupId, cluster),
  accept: ATLAS_2024_11_13,
  filters: {},
  itemRequest: (job) =>
    isObjectId(job.id) ? getFlexRestoreJob(groupId, cluster, job.id) : undefined,
});

export interface CreateServerlessRestoreJobBody {
  deliveryType: string;
  targetClusterName: string;
  targetGroupId: string;
  snapshotId?: string;
  pointInTimeUTCSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
}

export const createServerlessRestoreJob = (
  groupId: string,
  instance: string,
  body: CreateServerlessRestoreJobBody,
): AtlasRequest => ({
  operation: 'createGroupServerlessBackupRestoreJob',
  method: 'POST',
  path: serverlessJobsPath(groupId, instance),
  accept: ATLAS_2023_01_01,
  body,
  successor: SERVERLESS_SUCCESSOR,
  sunset: SERVERLESS_SUNSET,
});

export interface CreateFlexRestoreJobBody {
  snapshotId: string;
  targetDeploymentItemName: string;
  targetProjectId?: string;
}

export const createFlexRestoreJob = (
  groupId: string,
  cluster: string,
  body: CreateFlexRestoreJobBody,
): AtlasRequest => ({
  operation: 'createGroupFlexClusterBackupRestoreJob',
  method: 'POST',
  path: flexJobsPath(groupId, cluster),
  accept: ATLAS_2024_11_13,
  body,
});

export const clusterJobsPath = (groupId: string, cluster: string) =>
  `${groupPath(groupId)}/clusters/${pathSegment(cluster)}/backup/restoreJobs`;

export const getClusterRestoreJob = (
  groupId: string,
  cluster: string,
  jobId: string,
): AtlasRequest => ({
  operation: 'getGroupClusterBackupRestoreJob',
  method: 'GET',
  path: `${clusterJobsPath(groupId, cluster)}/${idSegment(jobId)}`,
  accept: ATLAS_2023_01_01,
});

export const clusterRestoreJobs = (groupId: string, cluster: string): Collection => ({
  operation: 'listGroupClusterBackupRestoreJobs',
  groupId,
  path: clusterJobsPath(groupId, cluster),
  accept: ATLAS_2023_01_01,
  filters: {},
  itemRequest: (job) =>
    isObjectId(job.id) ? getClusterRestoreJob(groupId, cluster, job.id) : undefined,
});

/** The request body: the same schema as the answer, its writable fields only. */
export interface CreateClusterRestoreJobBody {
  deliveryType: string;
  snapshotId?: string;
  pointInTimeUTCSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
  targetClusterName?: string;
  targetGroupId?: string;
}

export const createClusterRestoreJob = (
  groupId: string,
  cluster: string,
  body: CreateClusterRestoreJobBody,
): AtlasRequest => ({
  operation: 'createGroupClusterBackupRestoreJob',
  method: 'POST',
  path: clusterJobsPath(groupId, cluster),
  accept: ATLAS_2023_01_01,
  body,
});

/** 204 without a body; 405 when Atlas cannot cancel this job. */
export const cancelClusterRestoreJob = (
  groupId: string,
  cluster: string,
  jobId: string,
): AtlasRequest => ({
  operation: 'cancelGroupClusterBackupRestoreJob',
  method: 'DELETE',
  path: `${clusterJobsPath(groupId, cluster)}/${idSegment(jobId)}`,
  accept: ATLAS_2023_01_01,
});
