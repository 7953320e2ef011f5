import { ATLAS_2024_08_05 } from './media-types.ts';
import { groupPath, pathSegment } from './paths.ts';
import type { AtlasRequest } from './request.ts';

export interface AtlasSchedulePolicyItem {
  id?: string;
  frequencyInterval?: number;
  frequencyType?: string;
  retentionUnit?: string;
  retentionValue?: number;
}

export interface AtlasCopySetting {
  cloudProvider?: string;
  regionName?: string;
  zoneId?: string;
  shouldCopyOplogs?: boolean;
  lastNumberOfSnapshots?: number;
  frequencies?: string[];
  copyPolicyItems?: {
    id?: string;
    frequencyType?: string;
    frequencyInterval?: number;
    retentionUnit?: string;
    retentionValue?: number;
  }[];
}

/** DiskBackupSnapshotSchedule20240805 (the 2023-01-01 shape sunsets 2027-07-01). */
export interface AtlasBackupSchedule {
  clusterId?: string;
  clusterName?: string;
  nextSnapshot?: string;
  referenceHourOfDay?: number;
  referenceMinuteOfHour?: number;
  restoreWindowDays?: number;
  autoExportEnabled?: boolean;
  useOrgAndGroupNamesInExportPrefix?: boolean;
  copyPolicyItemsEnabled?: boolean;
  autoCopySettingsEnabled?: boolean;
  export?: { exportBucketId?: string; frequencyType?: string };
  policies?: { id?: string; policyItems?: AtlasSchedulePolicyItem[] }[];
  copySettings?: AtlasCopySetting[];
  extraRetentionSettings?: { frequencyType?: string; retentionDays?: number }[];
}

export const getBackupSchedule = (groupId: string, cluster: string): AtlasRequest => ({
  operation: 'getGroupClusterBackupSchedule',
  method: 'GET',
  path: `${groupPath(groupId)}/clusters/${pathSegment(cluster)}/backup/schedule`,
  accept: ATLAS_2024_08_05,
});
