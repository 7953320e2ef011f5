import type { Collection } from './collection.ts';
import { ATLAS_2024_08_05 } from './media-types.ts';
import { groupPath, pathSegment } from './paths.ts';
import type { AtlasRequest } from './request.ts';

/** Hardware of one kind of node in a region (HardwareSpec20240805 and its dedicated variant). */
export interface AtlasHardwareSpec {
  instanceSize?: string;
  nodeCount?: number;
  diskSizeGB?: number;
  diskIOPS?: number;
  ebsVolumeType?: string;
}

export interface AtlasRegionConfig {
  providerName?: string;
  backingProviderName?: string;
  regionName?: string;
  priority?: number;
  electableSpecs?: AtlasHardwareSpec;
  readOnlySpecs?: AtlasHardwareSpec;
  analyticsSpecs?: AtlasHardwareSpec;
}

export interface AtlasReplicationSpec {
  id?: string;
  zoneId?: string;
  zoneName?: string;
  regionConfigs?: AtlasRegionConfig[];
}

export interface AtlasConnectionStrings {
  standard?: string;
  standardSrv?: string;
  private?: string;
  privateSrv?: string;
}

/** ClusterDescription20240805: a dedicated cluster (the only media type the contract keeps). */
export interface AtlasCluster {
  id?: string;
  groupId?: string;
  name?: string;
  createDate?: string;
  mongoDBVersion?: string;
  mongoDBMajorVersion?: string;
  versionReleaseSystem?: string;
  stateName?: string;
  clusterType?: string;
  paused?: boolean;
  backupEnabled?: boolean;
  pitEnabled?: boolean;
  terminationProtectionEnabled?: boolean;
  connectionStrings?: AtlasConnectionStrings;
  replicationSpecs?: AtlasReplicationSpec[];
}

export const clustersPath = (groupId: string) => `${groupPath(groupId)}/clusters`;
export const clusterPath = (groupId: string, name: string) =>
  `${clustersPath(groupId)}/${pathSegment(name)}`;

export const getCluster = (groupId: string, name: string): AtlasRequest => ({
  operation: 'getGroupCluster',
  method: 'GET',
  path: clusterPath(groupId, name),
  accept: ATLAS_2024_08_05,
});

export const clusters = (groupId: string): Collection => ({
  operation: 'listGroupClusters',
  groupId,
  path: clustersPath(groupId),
  accept: ATLAS_2024_08_05,
  filters: {},
  itemRequest: (cluster) =>
    typeof cluster.name === 'string' ? getCluster(groupId, cluster.name) : undefined,
});
