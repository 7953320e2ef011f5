/**
 * Dedicated clusters, version 2024-08-05 only (ClusterDescription20240805), in creation order.
 *
 * Choices where the contract leaves room (docs/simulator.md):
 * - connection strings never carry credentials, and there are no private endpoints;
 * - `Use-Effective-Instance-Fields: true` adds the effective*Specs of every region config, and
 *   `Use-Effective-Fields-Replication-Specs: true` (getGroupCluster) adds effectiveReplicationSpecs;
 *   the effective hardware equals the configured one (no auto-scaling happened). Any other value than
 *   `true` (any case) reads as false: neither operation lists a 400;
 * - Flex clusters are not listed here, and getGroupCluster on a Flex cluster's name is
 *   409 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API (the descriptions' "until January 2026" has passed).
 */
import { conflict } from './errors.ts';
import { V2024_08_05 } from './media.ts';
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
import { booleanParam } from './query.ts';
import {
  type Cluster,
  type ClusterDeployment,
  type ClusterRegion,
  type Project,
  requireCluster,
} from './store.ts';

const CLUSTERS = `${GROUP_PREFIX}/clusters`;

function headerIsTrue(context: OperationContext, name: string): boolean {
  return context.headers[name.toLowerCase()]?.trim().toLowerCase() === 'true';
}

function hardware(region: ClusterRegion, nodeCount: number) {
  const spec: Record<string, unknown> = {
    instanceSize: region.instanceSize,
    nodeCount,
    diskSizeGB: region.diskSizeGB,
  };
  if (region.providerName === 'AWS')
    Object.assign(spec, { diskIOPS: 3000, ebsVolumeType: 'STANDARD', diskThroughput: 125 });
  if (region.providerName === 'AZURE') spec.diskIOPS = 500;
  return spec;
}

const NO_AUTO_SCALING = {
  compute: { enabled: false, scaleDownEnabled: false },
  diskGB: { enabled: true },
};

function renderRegion(region: ClusterRegion, effective: boolean) {
  const electable = hardware(region, region.electableNodes);
  const readOnly = hardware(region, region.readOnlyNodes);
  const analytics = hardware(region, region.analyticsNodes);
  return {
    providerName: region.providerName,
    regionName: region.regionName,
    priority: region.priority,
    electableSpecs: electable,
    readOnlySpecs: readOnly,
    analyticsSpecs: analytics,
    autoScaling: NO_AUTO_SCALING,
    analyticsAutoScaling: NO_AUTO_SCALING,
    ...(effective
      ? {
          effectiveElectableSpecs: electable,
          effectiveReadOnlySpecs: readOnly,
          effectiveAnalyticsSpecs: analytics,
        }
      : {}),
  };
}

function renderReplicationSpecs(deployment: ClusterDeployment, effective: boolean) {
  return deployment.replicationSpecs.map((spec) => ({
    id: spec.id,
    zoneId: spec.zoneId,
    zoneName: spec.zoneName,
    regionConfigs: deployment.regions.map((region) => renderRegion(region, effective)),
  }));
}

/** mongodb:// with every node (mongos for sharded clusters) and mongodb+srv://, no credentials. */
function connectionStrings(cluster: Cluster) {
  const { hostname, clusterType } = cluster.deployment;
  const [name, suffix] = hostname.split('.');
  const nodes = cluster.deployment.regions.reduce(
    (sum, region) => sum + region.electableNodes + region.readOnlyNodes + region.analyticsNodes,
    0,
  );
  const hosts = Array.from(
    { length: nodes },
    (_, index) => `${name}-shard-00-${String(index).padStart(2, '0')}.${suffix}.mongodb.net:27017`,
  ).join(',');
  const options =
    clusterType === 'REPLICASET'
      ? `ssl=true&authSource=admin&replicaSet=${cluster.replicaSetNames[0] ?? ''}`
      : 'ssl=true&authSource=admin';
  return {
    standard: `mongodb://${hosts}/?${options}`,
    standardSrv: `mongodb+srv://${hostname}.mongodb.net`,
    awsPrivateLink: {},
    awsPrivateLinkSrv: {},
    privateEndpoint: [],
  };
}

export function clusterDescriptionPath(project: Project, cluster: Cluster): string {
  return `/api/atlas/v2/groups/${project.id}/clusters/${cluster.name}`;
}

function renderCluster(
  context: OperationContext,
  project: Project,
  cluster: Cluster,
  effectiveReplicationSpecs: boolean,
) {
  const deployment = cluster.deployment;
  const effectiveInstances = headerIsTrue(context, 'Use-Effective-Instance-Fields');
  const sharded = deployment.clusterType !== 'REPLICASET';
  return {
    id: deployment.id,
    groupId: project.id,
    name: cluster.name,
    createDate: isoDate(deployment.createdAt),
    clusterType: deployment.clusterType,
    stateName: deployment.stateName,
    paused: deployment.paused,
    mongoDBMajorVersion: deployment.mongoDBMajorVersion,
    mongoDBVersion: deployment.mongoDBVersion,
    featureCompatibilityVersion: deployment.mongoDBMajorVersion,
    versionReleaseSystem: 'LTS',
    backupEnabled: deployment.backupEnabled,
    pitEnabled: deployment.pitEnabled,
    terminationProtectionEnabled: deployment.terminationProtectionEnabled,
    retainBackups: false,
    redactClientLogData: false,
    encryptionAtRestProvider: deployment.encryptionAtRestProvider,
    diskWarmingMode: 'FULLY_WARMED',
    replicaSetScalingStrategy: 'WORKLOAD_TYPE',
    configServerManagementMode: 'ATLAS_MANAGED',
    configServerType: sharded ? 'DEDICATED' : undefined,
    globalClusterSelfManagedSharding: deployment.clusterType === 'GEOSHARDED' ? false : undefined,
    rootCertType: 'ISRGROOTX1',
    internalClusterRole: 'NONE',
    biConnector: { enabled: false, readPreference: 'SECONDARY' },
    advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2', tlsCipherConfigMode: 'DEFAULT' },
    connectionStrings: connectionStrings(cluster),
    replicationSpecs: renderReplicationSpecs(deployment, effectiveInstances),
    effectiveReplicationSpecs: effectiveReplicationSpecs
      ? renderReplicationSpecs(deployment, true)
      : undefined,
    tags: deployment.tags,
    labels: [],
    links: selfLinks(context.origin, clusterDescriptionPath(project, cluster)),
  };
}

export const clusterOperations: Operation[] = [
  {
    operationId: 'listGroupClusters',
    method: 'GET',
    path: CLUSTERS,
    mediaTypes: [V2024_08_05],
    handle: (context) => {
      const project = projectInContext(context);
      booleanParam(context.query, 'includeDeletedWithRetainedBackups', false);
      return paginate(context, [...project.clusters.values()], (cluster) =>
        renderCluster(context, project, cluster, false),
      );
    },
  },
  {
    operationId: 'getGroupCluster',
    method: 'GET',
    path: `${CLUSTERS}/{clusterName}`,
    mediaTypes: [V2024_08_05],
    handle: (context) => {
      const project = projectInContext(context);
      const name = pathParam(context, 'clusterName');
      if (project.flex.has(name) && !project.clusters.has(name)) {
        throw conflict(
          'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
          `Cluster ${name} is a Flex cluster: use the Flex cluster API.`,
          name,
        );
      }
      const cluster = requireCluster(project, name);
      const effectiveSpecs = headerIsTrue(context, 'Use-Effective-Fields-Replication-Specs');
      return entity(renderCluster(context, project, cluster, effectiveSpecs));
    },
  },
];
