import type { Collection } from './collection.ts';
import { ATLAS_2023_01_01 } from './media-types.ts';
import { groupPath, idSegment, isObjectId, pathSegment } from './paths.ts';
import type { AtlasRequest } from './request.ts';

export interface AtlasExportJob {
  id?: string;
  exportBucketId?: string;
  snapshotId?: string;
  state?: string;
  createdAt?: string;
  finishedAt?: string;
  prefix?: string;
  customData?: { key?: string; value?: string }[];
  components?: { exportId?: string; replicaSetName?: string }[];
  exportStatus?: { exportedCollections?: number; totalCollections?: number };
  stateReason?: { errorCode?: string; message?: string };
  links?: { href?: string; rel?: string }[];
}

export const exportsPath = (groupId: string, cluster: string) =>
  `${groupPath(groupId)}/clusters/${pathSegment(cluster)}/backup/exports`;

export const getExportJob = (groupId: string, cluster: string, exportId: string): AtlasRequest => ({
  operation: 'getGroupClusterBackupExport',
  method: 'GET',
  path: `${exportsPath(groupId, cluster)}/${idSegment(exportId)}`,
  accept: ATLAS_2023_01_01,
});

export const exportJobs = (groupId: string, cluster: string): Collection => ({
  operation: 'listGroupClusterBackupExports',
  groupId,
  path: exportsPath(groupId, cluster),
  accept: ATLAS_2023_01_01,
  filters: {},
  itemRequest: (job) => (isObjectId(job.id) ? getExportJob(groupId, cluster, job.id) : undefined),
});

export interface CreateExportJobBody {
  snapshotId: string;
  exportBucketId: string;
  customData?: { key: string; value: string }[];
}

export const createExportJob = (
  groupId: string,
  cluster: string,
  body: CreateExportJobBody,
): AtlasRequest => ({
  operation: 'createGroupClusterBackupExport',
  method: 'POST',
  path: exportsPath(groupId, cluster),
  accept: ATLAS_2023_01_01,
  body,
});
