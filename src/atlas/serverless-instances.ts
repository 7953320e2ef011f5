import type { Collection } from './collection.ts';
import { ATLAS_2023_01_01 } from './media-types.ts';
import { groupPath, pathSegment } from './paths.ts';
import type { AtlasRequest } from './request.ts';

/** ServerlessInstanceDescription: deprecated upstream, removed 2027-01-15, sunset 2027-01-18. */
export interface AtlasServerlessInstance {
  id?: string;
  groupId?: string;
  name?: string;
  createDate?: string;
  mongoDBVersion?: string;
  stateName?: string;
  terminationProtectionEnabled?: boolean;
  connectionStrings?: { standardSrv?: string };
  serverlessBackupOptions?: { serverlessContinuousBackupEnabled?: boolean };
  providerSettings?: {
    providerName?: string;
    backingProviderName?: string;
    regionName?: string;
    effectiveProviderName?: string;
    effectiveDiskSizeGBLimit?: number;
    effectiveInstanceSizeName?: string;
  };
}

export const SERVERLESS_INSTANCES_SUNSET = '2027-01-18';
export const SERVERLESS_INSTANCES_SUCCESSOR = 'Project.flexClusters';

export const serverlessInstancesPath = (groupId: string) => `${groupPath(groupId)}/serverless`;

export const getServerlessInstance = (groupId: string, name: string): AtlasRequest => ({
  operation: 'getGroupServerlessInstance',
  method: 'GET',
  path: `${serverlessInstancesPath(groupId)}/${pathSegment(name)}`,
  accept: ATLAS_2023_01_01,
  successor: SERVERLESS_INSTANCES_SUCCESSOR,
  sunset: SERVERLESS_INSTANCES_SUNSET,
});

export const serverlessInstances = (groupId: string): Collection => ({
  operation: 'listGroupServerlessInstances',
  groupId,
  path: serverlessInstancesPath(groupId),
  accept: ATLAS_2023_01_01,
  filters: {},
  successor: SERVERLESS_INSTANCES_SUCCESSOR,
  sunset: SERVERLESS_INSTANCES_SUNSET,
  itemRequest: (instance) =>
    typeof instance.name === 'string' ? getServerlessInstance(groupId, instance.name) : undefined,
});
