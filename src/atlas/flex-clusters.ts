import type { Collection } from './collection.ts';
import { ATLAS_2024_11_13 } from './media-types.ts';
import { groupPath, pathSegment } from './paths.ts';
import type { AtlasRequest } from './request.ts';

/** FlexClusterDescription20241113. */
export interface AtlasFlexCluster {
  id?: string;
  groupId?: string;
  name?: string;
  createDate?: string;
  mongoDBVersion?: string;
  stateName?: string;
  clusterType?: string;
  versionReleaseSystem?: string;
  terminationProtectionEnabled?: boolean;
  connectionStrings?: { standard?: string; standardSrv?: string };
  backupSettings?: { enabled?: boolean };
  providerSettings?: {
    providerName?: string;
    backingProviderName?: string;
    regionName?: string;
    diskSizeGB?: number;
  };
}

export const flexClustersPath = (groupId: string) => `${groupPath(groupId)}/flexClusters`;

export const getFlexCluster = (groupId: string, name: string): AtlasRequest => ({
  operation: 'getGroupFlexCluster',
  method: 'GET',
  path: `${flexClustersPath(groupId)}/${pathSegment(name)}`,
  accept: ATLAS_2024_11_13,
});

export const flexClusters = (groupId: string): Collection => ({
  operation: 'listGroupFlexClusters',
  groupId,
  path: flexClustersPath(groupId),
  accept: ATLAS_2024_11_13,
  filters: {},
  itemRequest: (cluster) =>
    typeof cluster.name === 'string' ? getFlexCluster(groupId, cluster.name) : undefined,
});
