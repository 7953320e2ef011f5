import { readFileSync } from 'node:fs';
import {
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getNamedType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/graph/index.ts';

/**
 * Every field of the contract's read schemas is reachable in the graph, or deliberately left out with a
 * reason (design section 14): the response schema of each GET operation, list items included, is walked
 * against the GraphQL type that serves it, nested objects too.
 */
type Schema = Record<string, any>;
const spec: Schema = JSON.parse(
  readFileSync(new URL('./atlas-openapi-subset.json', import.meta.url), 'utf8'),
);
const graph = buildSchema();

/** The GraphQL type serving each GET operation's object (a list's items for a list operation). */
const OPERATION_TYPES: Record<string, string | { omitted: string }> = {
  getSystemStatus: { omitted: 'read by /readyz only (docs/operations.md), not part of the graph' },
  listRateLimits: { omitted: "Atlas's own rate-limit report; the gateway meters its own budget" },
  getRateLimit: { omitted: "Atlas's own rate-limit report; the gateway meters its own budget" },
  listGroups: 'Project',
  getGroup: 'Project',
  listGroupBackupExportBuckets: 'ExportBucket',
  getGroupBackupExportBucket: 'ExportBucket',
  listGroupClusters: 'Cluster',
  getGroupCluster: 'Cluster',
  listGroupClusterBackupExports: 'ExportJob',
  getGroupClusterBackupExport: 'ExportJob',
  listGroupClusterBackupRestoreJobs: 'ClusterRestoreJob',
  getGroupClusterBackupRestoreJob: 'ClusterRestoreJob',
  getGroupClusterBackupSchedule: 'BackupSchedule',
  listGroupClusterBackupSnapshots: 'ClusterSnapshot',
  getGroupClusterBackupSnapshot: 'ClusterSnapshot',
  listGroupFlexClusters: 'FlexCluster',
  getGroupFlexCluster: 'FlexCluster',
  listGroupFlexClusterBackupRestoreJobs: 'FlexRestoreJob',
  getGroupFlexClusterBackupRestoreJob: 'FlexRestoreJob',
  listGroupFlexClusterBackupSnapshots: 'FlexSnapshot',
  getGroupFlexClusterBackupSnapshot: 'FlexSnapshot',
  listGroupPipelines: 'Pipeline',
  getGroupPipeline: 'Pipeline',
  getGroupPipelineAvailableSchedules: 'PolicyItem',
  getGroupPipelineAvailableSnapshots: 'ClusterSnapshot',
  listGroupPipelineRuns: 'PipelineRun',
  getGroupPipelineRun: 'PipelineRun',
  listGroupServerlessInstances: 'ServerlessInstance',
  getGroupServerlessInstance: 'ServerlessInstance',
  listGroupServerlessBackupRestoreJobs: 'ServerlessRestoreJob',
  getGroupServerlessBackupRestoreJob: 'ServerlessRestoreJob',
  listGroupServerlessBackupSnapshots: 'ServerlessSnapshot',
  getGroupServerlessBackupSnapshot: 'ServerlessSnapshot',
};

/** Contract fields the graph names otherwise, as `Type.contractField`: the GraphQL field. */
const RENAMED: Record<string, string> = {
  'Pipeline._id': 'atlasId',
  'PipelineRun._id': 'atlasId',
  'ExportBucket._id': 'atlasId',
  'ClusterSnapshot.id': 'atlasId',
  'FlexSnapshot.id': 'atlasId',
  'ServerlessSnapshot.id': 'atlasId',
  'BackupPolicy.id': 'atlasId',
  'PolicyItem.id': 'atlasId',
  'ClusterSnapshotMember.id': 'atlasId',
  'PipelineRun.pipelineId': 'pipelineAtlasId',
  'Project.created': 'createdAt',
  'Cluster.createDate': 'createdAt',
  'FlexCluster.createDate': 'createdAt',
  'ServerlessInstance.createDate': 'createdAt',
  'Cluster.stateName': 'state',
  'FlexCluster.stateName': 'state',
  'ServerlessInstance.stateName': 'state',
  'FlexCluster.backupSettings': 'backupEnabled',
  'ServerlessInstance.serverlessBackupOptions': 'backupEnabled',
  'ClusterRestoreJob.targetGroupId': 'targetProjectId',
  'ServerlessRestoreJob.targetGroupId': 'targetProjectId',
  'ClusterSnapshot.policyItems': 'policyItemIds',
  'BackupCopySetting.copyPolicyItems': 'policyItemIds',
  'BackupPolicy.policyItems': 'items',
  'BackupSchedule.nextSnapshot': 'nextSnapshotAt',
};

const CLUSTER_CONFIGURATION =
  'cluster configuration the graph does not serve: it exposes state, version, topology, backup and connection (docs/graph.md)';
const RESOURCE_TAGS = 'resource tags are not served by the graph yet';

/** Contract fields deliberately left out, as `Type.contractField` (`*.field` for every type): why. */
const OMITTED: Record<string, string> = {
  '*.links': "Atlas's hypermedia links: the graph's own fields and global IDs replace them",
  '*.groupId': "the object's project: `project { atlasId }` on it or on its parent",
  'Project.tags': RESOURCE_TAGS,
  'Cluster.tags': RESOURCE_TAGS,
  'FlexCluster.tags': RESOURCE_TAGS,
  'ServerlessInstance.tags': RESOURCE_TAGS,
  'Project.regionUsageRestrictions': 'project configuration the graph does not serve',
  'Project.withDefaultAlertsSettings': 'a create-time option Atlas echoes',
  'Cluster.replicationSpecs': 'flattened into `Cluster.regions` (docs/graph.md)',
  'Cluster.effectiveReplicationSpecs': 'flattened into `Cluster.regions` (docs/graph.md)',
  'Cluster.mongoDBMajorVersion': 'the prefix of `mongoDBVersion`',
  'Cluster.acceptDataRisksAndForceReplicaSetReconfig': CLUSTER_CONFIGURATION,
  'Cluster.adaptiveCapacity': CLUSTER_CONFIGURATION,
  'Cluster.advancedConfiguration': CLUSTER_CONFIGURATION,
  'Cluster.biConnector': CLUSTER_CONFIGURATION,
  'Cluster.configServerManagementMode': CLUSTER_CONFIGURATION,
  'Cluster.configServerType': CLUSTER_CONFIGURATION,
  'Cluster.diskWarmingMode': CLUSTER_CONFIGURATION,
  'Cluster.encryptionAtRestProvider': CLUSTER_CONFIGURATION,
  'Cluster.featureCompatibilityVersion': CLUSTER_CONFIGURATION,
  'Cluster.featureCompatibilityVersionExpirationDate': CLUSTER_CONFIGURATION,
  'Cluster.globalClusterSelfManagedSharding': CLUSTER_CONFIGURATION,
  'Cluster.internalClusterRole': CLUSTER_CONFIGURATION,
  'Cluster.labels': 'deprecated upstream in favour of `tags`',
  'Cluster.mongoDBEmployeeAccessGrant': CLUSTER_CONFIGURATION,
  'Cluster.redactClientLogData': CLUSTER_CONFIGURATION,
  'Cluster.replicaSetScalingStrategy': CLUSTER_CONFIGURATION,
  'Cluster.retainBackups': 'a delete-time option Atlas echoes',
  'Cluster.rootCertType': CLUSTER_CONFIGURATION,
  'Cluster.useAwsTimeBasedSnapshotCopyForFastInitialSync': CLUSTER_CONFIGURATION,
  'Cluster.versionReleaseSystem': CLUSTER_CONFIGURATION,
  'FlexCluster.versionReleaseSystem': CLUSTER_CONFIGURATION,
  'ConnectionStrings.awsPrivateLink': 'private endpoint strings, per endpoint: not served yet',
  'ConnectionStrings.awsPrivateLinkSrv': 'private endpoint strings, per endpoint: not served yet',
  'ConnectionStrings.privateEndpoint': 'private endpoint strings, per endpoint: not served yet',
  'FlexProviderSettings.providerName': 'always FLEX: the type says it',
  'ServerlessProviderSettings.providerName': 'always SERVERLESS: the type says it',
  'BackupSchedule.clusterId': 'the schedule is read under its cluster',
  'BackupSchedule.clusterName': 'the schedule is read under its cluster',
  'BackupSchedule.deleteCopiedBackups': 'an update-request option Atlas echoes',
  'BackupSchedule.deleteCopySnapshots': 'an update-request option Atlas echoes',
  'BackupSchedule.deleteSnapshots': 'an update-request option Atlas echoes',
  'BackupSchedule.updateCopySnapshots': 'an update-request option Atlas echoes',
  'BackupSchedule.updateSnapshots': 'an update-request option Atlas echoes',
  'BackupCopySetting.frequencies': 'follows from the copied policy items (`policyItemIds`)',
  'BackupCopySetting.replicationSpecId': 'the 2024-08-05 shape names the zone (`zoneId`) instead',
};

/** A type's fields, with those of every implementation when it is an interface (a source's kinds). */
function fieldsOf(type: GraphQLObjectType | GraphQLInterfaceType) {
  const fields = { ...type.getFields() };
  if (isInterfaceType(type))
    for (const implementation of graph.getPossibleTypes(type))
      Object.assign(fields, implementation.getFields());
  return fields;
}

const deref = (schema: Schema | undefined): Schema | undefined => {
  let current = schema;
  while (current?.$ref)
    current = current.$ref
      .split('/')
      .slice(1)
      .reduce((node: Schema, key: string) => node[key], spec);
  return current;
};

/**
 * A schema's properties, through `$ref`, `allOf`, `oneOf`, `anyOf` and discriminator mappings (every
 * variant's), once per `$ref`.
 */
function properties(
  schema: Schema | undefined,
  visited = new Set<string>(),
): Record<string, Schema> {
  if (schema?.$ref) {
    if (visited.has(schema.$ref)) return {};
    visited.add(schema.$ref);
  }
  const resolved = deref(schema);
  if (!resolved) return {};
  const found: Record<string, Schema> = { ...(resolved.properties ?? {}) };
  for (const key of ['allOf', 'oneOf', 'anyOf'])
    for (const variant of resolved[key] ?? []) Object.assign(found, properties(variant, visited));
  // A discriminated base answers any of its mapped subtypes (a sharded cluster's snapshot).
  for (const $ref of Object.values(resolved.discriminator?.mapping ?? {}))
    Object.assign(found, properties({ $ref }, visited));
  return found;
}

const itemSchema = (schema: Schema | undefined): Schema | undefined => {
  const resolved = deref(schema);
  return resolved?.type === 'array' ? deref(resolved.items) : resolved;
};

function unreachable(
  schema: Schema | undefined,
  type: GraphQLNamedType,
  seen: Set<string>,
): string[] {
  if (!isObjectType(type) && !isInterfaceType(type)) return [];
  const fields = fieldsOf(type);
  const missing: string[] = [];
  for (const [name, property] of Object.entries(properties(schema))) {
    const key = `${type.name}.${name}`;
    if (OMITTED[key] ?? OMITTED[`*.${name}`]) continue;
    const field = fields[RENAMED[key] ?? name];
    if (!field) {
      missing.push(key);
      continue;
    }
    const nested = itemSchema(property);
    const nestedType = getNamedType(field.type);
    if (Object.keys(properties(nested)).length > 0 && !seen.has(`${key} ${nestedType.name}`)) {
      seen.add(`${key} ${nestedType.name}`);
      missing.push(...unreachable(nested, nestedType, seen));
    }
  }
  return missing;
}

/** Each GET operation's 200 answer schema, a paginated list's item schema in place of the page. */
function readSchemas(): [string, Schema | undefined][] {
  const reads: [string, Schema | undefined][] = [];
  for (const methods of Object.values(spec.paths as Record<string, Schema>)) {
    const get = methods.get;
    if (!get) continue;
    const content = Object.values(get.responses?.['200']?.content ?? {})[0] as Schema | undefined;
    const answer = deref(content?.schema);
    const results = properties(answer).results;
    reads.push([get.operationId, results ? itemSchema(results) : answer]);
  }
  return reads;
}

describe('every contract field is reachable', () => {
  const reads = readSchemas();

  it('names a GraphQL type, or a reason, for every GET operation', () => {
    expect(reads.map(([operation]) => operation).sort()).toEqual(
      Object.keys(OPERATION_TYPES).sort(),
    );
  });

  it('reaches every field of their answers, but the omissions listed with a reason', () => {
    const missing = new Set<string>();
    const seen = new Set<string>();
    for (const [operation, schema] of reads) {
      const served = OPERATION_TYPES[operation];
      if (typeof served !== 'string') continue;
      const type = graph.getType(served);
      expect(type, served).toBeDefined();
      for (const key of unreachable(schema, type!, seen)) missing.add(key);
    }
    expect([...missing].sort()).toEqual([]);
  });

  it('lists no omission or renaming the contract lacks, nor an omission the graph serves', () => {
    const text = JSON.stringify(spec);
    const named = [...Object.keys(OMITTED), ...Object.keys(RENAMED)].map((key) =>
      key.slice(key.indexOf('.') + 1),
    );
    expect(named.filter((name) => !text.includes(`"${name}"`))).toEqual([]);
    const served = Object.keys(OMITTED).filter((key) => {
      const [typeName, field] = key.split('.') as [string, string];
      const type = graph.getType(typeName);
      return (isObjectType(type) || isInterfaceType(type)) && field in fieldsOf(type);
    });
    expect(served).toEqual([]);
  });
});
