/**
 * Flex clusters (version 2024-11-13), in creation order. getGroupFlexCluster on a dedicated cluster's
 * name is 409 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API (a documented choice for the 409 both list).
 */
import { conflict } from './errors.ts';
import { V2024_11_13 } from './media.ts';
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
import { type FlexCluster, type Project, requireFlex } from './store.ts';

const FLEX_CLUSTERS = `${GROUP_PREFIX}/flexClusters`;

function renderFlexCluster(context: OperationContext, project: Project, cluster: FlexCluster) {
  const deployment = cluster.deployment;
  const [name, suffix] = deployment.hostname.split('.');
  return {
    id: deployment.id,
    groupId: project.id,
    name: cluster.name,
    createDate: isoDate(deployment.createdAt),
    mongoDBVersion: deployment.mongoDBVersion,
    stateName: deployment.stateName,
    clusterType: 'REPLICASET',
    versionReleaseSystem: 'LTS',
    terminationProtectionEnabled: deployment.terminationProtectionEnabled,
    tags: deployment.tags,
    connectionStrings: {
      standard: `mongodb://${name}-shard-00-00.${suffix}.mongodb.net:27017,${name}-shard-00-01.${suffix}.mongodb.net:27017,${name}-shard-00-02.${suffix}.mongodb.net:27017/?ssl=true&authSource=admin`,
      standardSrv: `mongodb+srv://${deployment.hostname}.mongodb.net`,
    },
    backupSettings: { enabled: deployment.backupEnabled },
    providerSettings: {
      providerName: 'FLEX',
      backingProviderName: deployment.backingProviderName,
      regionName: deployment.regionName,
      diskSizeGB: deployment.diskSizeGB,
    },
    links: selfLinks(
      context.origin,
      `/api/atlas/v2/groups/${project.id}/flexClusters/${cluster.name}`,
    ),
  };
}

export const flexClusterOperations: Operation[] = [
  {
    operationId: 'listGroupFlexClusters',
    method: 'GET',
    path: FLEX_CLUSTERS,
    mediaTypes: [V2024_11_13],
    handle: (context) => {
      const project = projectInContext(context);
      return paginate(context, [...project.flex.values()], (cluster) =>
        renderFlexCluster(context, project, cluster),
      );
    },
  },
  {
    operationId: 'getGroupFlexCluster',
    method: 'GET',
    path: `${FLEX_CLUSTERS}/{name}`,
    mediaTypes: [V2024_11_13],
    handle: (context) => {
      const project = projectInContext(context);
      const name = pathParam(context, 'name');
      if (project.clusters.has(name) && !project.flex.has(name)) {
        throw conflict(
          'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API',
          `Cluster ${name} is not a Flex cluster: use the cluster API.`,
          name,
        );
      }
      return entity(renderFlexCluster(context, project, requireFlex(project, name)));
    },
  },
];
