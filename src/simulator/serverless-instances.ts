/**
 * Serverless instances (deprecated, sunset 2027-01-18; Flex clusters replace them), in creation order.
 * Every answer carries Deprecation and Sunset headers. The instances are Flex-backed, as all were
 * migrated: `effectiveProviderName` is FLEX. The descriptions say the live list has been empty since
 * 2026-01-15; the simulator keeps listing its seeded instances so that clients can be tested, and
 * `setGone('serverless', ...)` removes these routes with the serverless backup ones.
 */
import { SERVERLESS_INSTANCES_NOTICE, V2023_01_01 } from './media.ts';
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
import { type Project, requireServerless, type ServerlessInstance } from './store.ts';

const SERVERLESS = `${GROUP_PREFIX}/serverless`;
const FLEX_DISK_LIMIT_GB = 5;

function renderInstance(context: OperationContext, project: Project, instance: ServerlessInstance) {
  const deployment = instance.deployment;
  return {
    id: deployment.id,
    groupId: project.id,
    name: instance.name,
    createDate: isoDate(deployment.createdAt),
    mongoDBVersion: deployment.mongoDBVersion,
    stateName: deployment.stateName,
    terminationProtectionEnabled: deployment.terminationProtectionEnabled,
    tags: deployment.tags,
    connectionStrings: { standardSrv: `mongodb+srv://${deployment.hostname}.mongodb.net` },
    serverlessBackupOptions: {
      serverlessContinuousBackupEnabled: deployment.continuousBackupEnabled,
    },
    providerSettings: {
      providerName: 'SERVERLESS',
      backingProviderName: deployment.backingProviderName,
      regionName: deployment.regionName,
      effectiveProviderName: 'FLEX',
      effectiveDiskSizeGBLimit: FLEX_DISK_LIMIT_GB,
    },
    links: selfLinks(
      context.origin,
      `/api/atlas/v2/groups/${project.id}/serverless/${instance.name}`,
    ),
  };
}

const common = {
  mediaTypes: [V2023_01_01],
  family: 'serverless',
  deprecatedVersions: { [V2023_01_01]: SERVERLESS_INSTANCES_NOTICE },
} as const;

export const serverlessInstanceOperations: Operation[] = [
  {
    ...common,
    operationId: 'listGroupServerlessInstances',
    method: 'GET',
    path: SERVERLESS,
    handle: (context) => {
      const project = projectInContext(context);
      return paginate(context, [...project.serverless.values()], (instance) =>
        renderInstance(context, project, instance),
      );
    },
  },
  {
    ...common,
    operationId: 'getGroupServerlessInstance',
    method: 'GET',
    path: `${SERVERLESS}/{name}`,
    handle: (context) => {
      const project = projectInContext(context);
      const instance = requireServerless(project, pathParam(context, 'name'));
      return entity(renderInstance(context, project, instance));
    },
  },
];
