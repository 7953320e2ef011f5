/**
 * The simulator's in-memory state: plain records, one per Atlas entity. Times are epoch milliseconds;
 * the route files turn records into wire shapes. Records created through the API carry a `progression`
 * so that their state is computed from the clock when read (no timers).
 */
import { notFound } from './errors.ts';
import type { IdGenerator } from './ids.ts';

export interface Progression {
  startedAt: number;
  durationMs: number;
  fails: boolean;
}

export interface PolicyItem {
  id: string;
  frequencyInterval: number;
  frequencyType: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'ondemand';
  retentionUnit: 'days' | 'weeks' | 'months' | 'years';
  retentionValue: number;
}

export interface ShardMember {
  cloudProvider: CloudProvider;
  id: string;
  replicaSetName: string;
}

export type CloudProvider = 'AWS' | 'AZURE' | 'GCP';

export interface ClusterSnapshot {
  id: string;
  createdAt: number;
  expiresAt: number;
  description: string;
  /** Scheduled snapshots only. */
  frequencyType?: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';
  snapshotType: 'onDemand' | 'scheduled' | 'fallback';
  status: 'queued' | 'inProgress' | 'completed' | 'failed';
  /** On-demand snapshots taken through the API: queued, inProgress, then completed. */
  progression?: Progression;
  storageSizeBytes: number;
  mongodVersion: string;
  policyItems: string[];
  masterKeyUUID?: string;
  cloudProvider: CloudProvider;
  copyRegions: string[];
  /** Sharded clusters only: one snapshot per shard and config server. */
  members?: ShardMember[];
}

export interface ExportJob {
  id: string;
  createdAt: number;
  snapshotId: string;
  exportBucketId: string;
  customData: { key: string; value: string }[];
  /** Sharded clusters: one member export per shard. */
  components?: { exportId: string; replicaSetName: string }[];
  state: 'Cancelled' | 'Failed' | 'InProgress' | 'Queued' | 'Successful';
  finishedAt?: number;
  exportStatus?: { exportedCollections: number; totalCollections: number };
  stateReason?: { errorCode: string; message: string };
  progression?: Progression;
}

export type StateName = 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING';

export interface ResourceTag {
  key: string;
  value: string;
}

/** One region of a dedicated cluster's shard (a ReplicationSpec's region config, flattened). */
export interface ClusterRegion {
  providerName: CloudProvider;
  regionName: string;
  priority: number;
  instanceSize: string;
  electableNodes: number;
  readOnlyNodes: number;
  analyticsNodes: number;
  diskSizeGB: number;
}

/** One shard (replication spec): the same regions for every shard of a cluster. */
export interface ReplicationSpec {
  id: string;
  zoneId: string;
  zoneName: string;
}

/** What ClusterDescription20240805 tells about a dedicated cluster, beyond its backups. */
export interface ClusterDeployment {
  id: string;
  createdAt: number;
  clusterType: 'REPLICASET' | 'SHARDED' | 'GEOSHARDED';
  stateName: StateName;
  paused: boolean;
  mongoDBMajorVersion: string;
  mongoDBVersion: string;
  backupEnabled: boolean;
  pitEnabled: boolean;
  terminationProtectionEnabled: boolean;
  encryptionAtRestProvider: 'NONE' | CloudProvider;
  tags: ResourceTag[];
  replicationSpecs: ReplicationSpec[];
  regions: ClusterRegion[];
  /** Host part of the connection strings, e.g. cluster0.ab1cd. */
  hostname: string;
}

/**
 * Restore jobs of a dedicated cluster (DiskBackupSnapshotRestoreJob): a serverless restore job whose
 * target is optional (downloads write nowhere).
 */
export interface ClusterRestoreJob
  extends Omit<ServerlessRestoreJob, 'targetClusterName' | 'targetGroupId'> {
  targetClusterName?: string;
  targetGroupId?: string;
  /** Sharded clusters' download jobs: one download per shard and config server. */
  components?: { replicaSetName: string; downloadUrl?: string }[];
}

export interface CopySetting {
  cloudProvider: CloudProvider;
  regionName: string;
  /** The replication spec (2023-01-01 names it) and its zone (2024-08-05 names it). */
  replicationSpecId: string;
  zoneId: string;
  shouldCopyOplogs: boolean;
  frequencies: BackupFrequencyType[];
  copyPolicyItems: Omit<PolicyItem, 'frequencyInterval'>[];
}

/** The backup schedule of a dedicated cluster; its policy items are the cluster's `policyItems`. */
export interface BackupSchedule {
  policyId: string;
  referenceHourOfDay: number;
  referenceMinuteOfHour: number;
  restoreWindowDays: number;
  autoExportEnabled: boolean;
  export?: { exportBucketId: string; frequencyType: 'monthly' | 'yearly' };
  useOrgAndGroupNamesInExportPrefix: boolean;
  copyPolicyItemsEnabled: boolean;
  autoCopySettingsEnabled: boolean;
  copySettings: CopySetting[];
  extraRetentionSettings: { frequencyType: BackupFrequencyType; retentionDays: number }[];
}

export interface Cluster {
  name: string;
  deployment: ClusterDeployment;
  schedule: BackupSchedule;
  restoreJobs: ClusterRestoreJob[];
  type: 'replicaSet' | 'shardedCluster';
  cloudProvider: CloudProvider;
  /** Replica set names: one for a replica set, one per shard plus the config server when sharded. */
  replicaSetNames: string[];
  policyItems: PolicyItem[];
  snapshots: ClusterSnapshot[];
  exportJobs: ExportJob[];
}

export interface DatasetRetentionPolicy {
  units: 'DAYS' | 'WEEKS' | 'MONTHS';
  value: number;
  lastModifiedDate?: number;
}

export interface PipelineSource {
  type: 'PERIODIC_CPS' | 'ON_DEMAND_CPS';
  clusterName: string;
  databaseName: string;
  collectionName: string;
  policyItemId?: string;
}

export interface PipelineSink {
  metadataProvider?: 'AWS';
  metadataRegion?: string;
  partitionFields: { fieldName: string; order: number }[];
}

export type RunState = 'PENDING' | 'IN_PROGRESS' | 'DONE' | 'FAILED' | 'DATASET_DELETED';
export type RunPhase = 'SNAPSHOT' | 'EXPORT' | 'INGESTION';
export type BackupFrequencyType =
  | 'HOURLY'
  | 'DAILY'
  | 'WEEKLY'
  | 'MONTHLY'
  | 'YEARLY'
  | 'ON_DEMAND';

export interface PipelineRun {
  id: string;
  createdAt: number;
  lastUpdatedAt: number;
  snapshotId: string;
  backupFrequencyType: BackupFrequencyType;
  datasetName: string;
  datasetRetentionPolicy?: DatasetRetentionPolicy;
  scheduledDeletionAt?: number;
  state: RunState;
  phase: RunPhase;
  stats?: { bytesExported: number; numDocs: number };
  /** Set by deleteGroupPipelineRun; the run reads DATASET_DELETED from then on. */
  datasetDeletedAt?: number;
  /** Triggered runs: their state follows the clock; `stats` holds the final numbers. */
  progression?: Progression;
}

export interface Pipeline {
  id: string;
  name: string;
  createdAt: number;
  lastUpdatedAt: number;
  state: 'ACTIVE' | 'PAUSED';
  source: PipelineSource;
  sink: PipelineSink;
  transformations: { field: string; type: 'EXCLUDE' }[];
  datasetRetentionPolicy?: DatasetRetentionPolicy;
  runs: PipelineRun[];
}

export interface ExportBucket {
  id: string;
  bucketName: string;
  cloudProvider: CloudProvider;
  /** AWS */
  iamRoleId?: string;
  region?: string;
  requirePrivateNetworking?: boolean;
  /** GCP and AZURE */
  roleId?: string;
  /** AZURE */
  serviceUrl?: string;
  tenantId?: string;
}

export interface ServerlessSnapshot {
  id: string;
  createdAt: number;
  expiresAt: number;
  frequencyType: 'hourly' | 'daily' | 'weekly' | 'monthly';
  snapshotType: 'onDemand' | 'scheduled';
  status: 'queued' | 'inProgress' | 'completed' | 'failed';
  mongodVersion: string;
  storageSizeBytes: number;
}

export interface ServerlessRestoreJob {
  id: string;
  createdAt: number;
  deliveryType: 'automated' | 'download' | 'pointInTime';
  targetClusterName: string;
  targetGroupId: string;
  snapshotId?: string;
  pointInTimeUTCSeconds?: number;
  oplogTs?: number;
  oplogInc?: number;
  /** The point in time restored to (snapshot time or the requested one). */
  timestamp: number;
  cancelled: boolean;
  failed: boolean;
  expired: boolean;
  finishedAt?: number;
  expiresAt?: number;
  deliveryUrl: string[];
  progression?: Progression;
}

/** Deployment fields of a serverless instance or a Flex cluster (both are one replica set). */
export interface SharedTierDeployment {
  id: string;
  createdAt: number;
  stateName: StateName;
  mongoDBVersion: string;
  backingProviderName: CloudProvider;
  regionName: string;
  terminationProtectionEnabled: boolean;
  tags: ResourceTag[];
  hostname: string;
}

export interface ServerlessInstance {
  name: string;
  deployment: SharedTierDeployment & { continuousBackupEnabled: boolean };
  snapshots: ServerlessSnapshot[];
  restoreJobs: ServerlessRestoreJob[];
}

export type FlexStatus = 'PENDING' | 'QUEUED' | 'RUNNING' | 'FAILED' | 'COMPLETED';

export interface FlexSnapshot {
  id: string;
  scheduledTime: number;
  startTime?: number;
  finishTime?: number;
  expiration: number;
  status: FlexStatus;
  mongoDBVersion: string;
}

export interface FlexRestoreJob {
  id: string;
  createdAt: number;
  snapshotId: string;
  targetProjectId: string;
  targetDeploymentItemName: string;
  deliveryType: 'RESTORE' | 'DOWNLOAD';
  status: FlexStatus;
  restoreScheduledDate: number;
  restoreFinishedDate?: number;
  snapshotFinishedDate: number;
  expirationDate?: number;
  snapshotUrl?: string;
  progression?: Progression;
}

export interface FlexCluster {
  name: string;
  deployment: SharedTierDeployment & { diskSizeGB: number; backupEnabled: boolean };
  snapshots: FlexSnapshot[];
  restoreJobs: FlexRestoreJob[];
}

export interface Project {
  id: string;
  orgId: string;
  name: string;
  createdAt: number;
  tags: ResourceTag[];
  /** In creation order, as Atlas lists them. */
  pipelines: Pipeline[];
  clusters: Map<string, Cluster>;
  serverless: Map<string, ServerlessInstance>;
  flex: Map<string, FlexCluster>;
  exportBuckets: ExportBucket[];
}

export interface World {
  projects: Map<string, Project>;
  ids: IdGenerator;
}

export function requireProject(world: World, groupId: string): Project {
  const project = world.projects.get(groupId);
  if (!project) throw notFound('GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, groupId);
  return project;
}

export function requireCluster(project: Project, name: string): Cluster {
  const cluster = project.clusters.get(name);
  if (!cluster)
    throw notFound(
      'CLUSTER_NOT_FOUND',
      `No cluster named ${name} exists in group ${project.id}.`,
      name,
      project.id,
    );
  return cluster;
}

export function requireServerless(project: Project, name: string): ServerlessInstance {
  const instance = project.serverless.get(name);
  if (!instance) {
    throw notFound(
      'SERVERLESS_INSTANCE_NOT_FOUND',
      `No serverless instance named ${name} exists in group ${project.id}.`,
      name,
      project.id,
    );
  }
  return instance;
}

export function requireFlex(project: Project, name: string): FlexCluster {
  const cluster = project.flex.get(name);
  if (!cluster)
    throw notFound(
      'FLEX_CLUSTER_NOT_FOUND',
      `No flex cluster named ${name} exists in group ${project.id}.`,
      name,
      project.id,
    );
  return cluster;
}

export function findPipeline(project: Project, name: string): Pipeline | undefined {
  return project.pipelines.find((pipeline) => pipeline.name === name);
}

export function requirePipeline(project: Project, name: string): Pipeline {
  const pipeline = findPipeline(project, name);
  if (!pipeline) {
    throw notFound(
      'DATA_LAKE_PIPELINE_NOT_FOUND',
      `No Data Lake pipeline named ${name} exists in group ${project.id}.`,
      name,
      project.id,
    );
  }
  return pipeline;
}

/** Looks an id up in a list, or answers 404 with the given errorCode. */
export function requireById<T extends { id: string }>(
  items: readonly T[],
  id: string,
  errorCode: string,
  what: string,
): T {
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw notFound(errorCode, `No ${what} with ID ${id} exists.`, id);
  return item;
}

/** Newest first: creation time, then id, both descending (Atlas's order for runs, jobs and snapshots). */
export function newestFirst<T extends { id: string }>(
  items: readonly T[],
  createdAt: (item: T) => number,
): T[] {
  return [...items].sort(
    (a, b) => createdAt(b) - createdAt(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}

/** Where a restore can write: any cluster, serverless instance or flex cluster of the project. */
export function requireRestoreTarget(
  world: World,
  projectId: string,
  deploymentName: string,
): void {
  const project = requireProject(world, projectId);
  if (
    !project.clusters.has(deploymentName) &&
    !project.serverless.has(deploymentName) &&
    !project.flex.has(deploymentName)
  ) {
    throw notFound(
      'CLUSTER_NOT_FOUND',
      `No cluster named ${deploymentName} exists in group ${projectId}.`,
      deploymentName,
      projectId,
    );
  }
}
