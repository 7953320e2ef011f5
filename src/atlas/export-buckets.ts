import type { Collection } from './collection.ts';
import { ATLAS_2024_05_30 } from './media-types.ts';
import { groupPath, idSegment, isObjectId } from './paths.ts';
import type { AtlasRequest } from './request.ts';

/**
 * An export bucket in the 2024-05-30 shape (every provider; 2023-01-01 knows only AWS and sunsets
 * 2027-07-01). `cloudProvider` decides which of the provider fields are set.
 */
export interface AtlasExportBucket {
  _id?: string;
  bucketName?: string;
  cloudProvider?: string;
  iamRoleId?: string;
  region?: string;
  requirePrivateNetworking?: boolean;
  roleId?: string;
  serviceUrl?: string;
  tenantId?: string;
}

const bucketsPath = (groupId: string) => `${groupPath(groupId)}/backup/exportBuckets`;

export const getExportBucket = (groupId: string, bucketId: string): AtlasRequest => ({
  operation: 'getGroupBackupExportBucket',
  method: 'GET',
  path: `${bucketsPath(groupId)}/${idSegment(bucketId)}`,
  accept: ATLAS_2024_05_30,
});

export const exportBuckets = (groupId: string): Collection => ({
  operation: 'listGroupBackupExportBuckets',
  groupId,
  path: bucketsPath(groupId),
  accept: ATLAS_2024_05_30,
  filters: {},
  itemRequest: (bucket) =>
    isObjectId(bucket._id) ? getExportBucket(groupId, bucket._id) : undefined,
});
