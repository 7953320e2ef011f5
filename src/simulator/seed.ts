/**
 * The deterministic seed: every build yields the same ids, names, times and numbers, so tests can
 * name what they expect through `SEED`. All seeded times are at or before SEED_EPOCH
 * (2025-06-01T00:00:00Z); ids embed their entity's creation time, ObjectId-style.
 */
import { IdGenerator, uuidFor } from './ids.ts';
import { datasetNameFor, frequencyOf, retentionEnd } from './pipeline-runs.ts';
import {
  backupSchedule,
  type ClusterBackups,
  type ClusterSpec,
  clusterDeployment,
  region,
  replicaSetRestoreJobs,
  shardedRestoreJob,
  sharedTierDeployment,
} from './seed-deployments.ts';
import type {
  Cluster,
  ClusterRestoreJob,
  ClusterSnapshot,
  DatasetRetentionPolicy,
  ExportBucket,
  ExportJob,
  FlexCluster,
  FlexRestoreJob,
  FlexSnapshot,
  Pipeline,
  PipelineRun,
  PolicyItem,
  Project,
  RunPhase,
  RunState,
  ServerlessInstance,
  ServerlessRestoreJob,
  ServerlessSnapshot,
  SharedTierDeployment,
  World,
} from './store.ts';

export const SEED_EPOCH = Date.UTC(2025, 5, 1);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONGOD_VERSION = '8.0.4';

const BIG_RUN_COUNT = 1_200;
const REPLICA_SET_SNAPSHOT_COUNT = 40;
const EXPORT_JOB_COUNT = 640;

function createProject(ids: IdGenerator, name: string, orgId: string, createdAt: number): Project {
  return {
    id: ids.next(createdAt),
    orgId,
    name,
    createdAt,
    tags: [],
    pipelines: [],
    clusters: new Map(),
    serverless: new Map(),
    flex: new Map(),
    exportBuckets: [],
  };
}

function policyItem(
  ids: IdGenerator,
  frequencyType: PolicyItem['frequencyType'],
  frequencyInterval: number,
  retentionUnit: PolicyItem['retentionUnit'],
  retentionValue: number,
): PolicyItem {
  return {
    id: ids.next(SEED_EPOCH - 400 * DAY),
    frequencyInterval,
    frequencyType,
    retentionUnit,
    retentionValue,
  };
}

function buildReplicaSetCluster(ids: IdGenerator) {
  const policies = {
    hourly: policyItem(ids, 'hourly', 6, 'days', 2),
    daily: policyItem(ids, 'daily', 1, 'days', 7),
    weekly: policyItem(ids, 'weekly', 6, 'weeks', 4),
    monthly: policyItem(ids, 'monthly', 40, 'months', 12),
    yearly: policyItem(ids, 'yearly', 12, 'years', 1),
  };
  const snapshots: ClusterSnapshot[] = [];
  // Oldest first, so ids grow with time; i counts back from the newest.
  for (let i = REPLICA_SET_SNAPSHOT_COUNT - 1; i >= 0; i -= 1) {
    const createdAt = SEED_EPOCH - HOUR - i * 12 * HOUR;
    const onDemand = i % 8 === 3;
    const frequencyType =
      i === 38
        ? 'yearly'
        : i === 30
          ? 'monthly'
          : i % 14 === 6
            ? 'weekly'
            : i % 2 === 0
              ? 'daily'
              : 'hourly';
    snapshots.push({
      id: ids.next(createdAt),
      createdAt,
      expiresAt: createdAt + (onDemand ? 30 : 7) * DAY,
      description: onDemand ? `On-demand snapshot #${i}` : `Scheduled ${frequencyType} snapshot`,
      frequencyType: onDemand ? undefined : frequencyType,
      snapshotType: onDemand ? 'onDemand' : i === 21 ? 'fallback' : 'scheduled',
      status: i === 0 ? 'inProgress' : i === 1 ? 'queued' : i === 9 ? 'failed' : 'completed',
      storageSizeBytes: 5_000_000_000 + i * 10_000_000,
      mongodVersion: MONGOD_VERSION,
      policyItems: onDemand ? [] : [policies[frequencyType].id],
      masterKeyUUID: i % 4 === 0 ? uuidFor(i + 1) : undefined,
      cloudProvider: 'AWS',
      copyRegions: i % 5 === 0 ? ['US_WEST_2'] : [],
    });
  }
  const cluster: ClusterBackups = {
    name: 'Cluster0',
    type: 'replicaSet',
    cloudProvider: 'AWS',
    replicaSetNames: ['atlas-cluster0-shard-0'],
    policyItems: Object.values(policies),
    snapshots,
    exportJobs: [],
  };
  return { cluster, policies };
}

function buildShardedCluster(ids: IdGenerator): ClusterBackups {
  const policies = [
    policyItem(ids, 'daily', 1, 'days', 7),
    policyItem(ids, 'weekly', 1, 'weeks', 8),
  ];
  const replicaSetNames = [
    'atlas-sharded0-shard-0',
    'atlas-sharded0-shard-1',
    'atlas-sharded0-config-0',
  ];
  const frequencies = ['daily', 'weekly', 'monthly', 'yearly'] as const;
  const snapshots: ClusterSnapshot[] = [];
  for (let i = 11; i >= 0; i -= 1) {
    const createdAt = SEED_EPOCH - 2 * HOUR - i * DAY;
    const frequencyType = frequencies[i % frequencies.length] ?? 'daily';
    const members = replicaSetNames.map((replicaSetName) => ({
      cloudProvider: 'GCP' as const,
      id: ids.next(createdAt),
      replicaSetName,
    }));
    snapshots.push({
      id: ids.next(createdAt),
      createdAt,
      expiresAt: createdAt + 8 * 7 * DAY,
      description: `Scheduled ${frequencyType} snapshot`,
      frequencyType,
      snapshotType: 'scheduled',
      status: 'completed',
      storageSizeBytes: 12_000_000_000 + i * 50_000_000,
      mongodVersion: MONGOD_VERSION,
      policyItems: [(i % 2 === 0 ? policies[0] : policies[1])?.id ?? ''],
      cloudProvider: 'GCP',
      copyRegions: [],
      members,
    });
  }
  return {
    name: 'Sharded0',
    type: 'shardedCluster',
    cloudProvider: 'GCP',
    replicaSetNames,
    policyItems: policies,
    snapshots,
    exportJobs: [],
  };
}

function buildExportBuckets(
  ids: IdGenerator,
): Record<'aws' | 'awsPrivate' | 'gcp' | 'azure', ExportBucket> {
  const created = SEED_EPOCH - 300 * DAY;
  return {
    aws: {
      id: ids.next(created),
      bucketName: 'atlas-exports-prod',
      cloudProvider: 'AWS',
      iamRoleId: ids.next(created),
      region: 'us-east-1',
      requirePrivateNetworking: false,
    },
    awsPrivate: {
      id: ids.next(created),
      bucketName: 'atlas-exports-private',
      cloudProvider: 'AWS',
      iamRoleId: ids.next(created),
      region: 'eu-west-1',
      requirePrivateNetworking: true,
    },
    gcp: {
      id: ids.next(created),
      bucketName: 'atlas-exports-gcp',
      cloudProvider: 'GCP',
      roleId: ids.next(created),
    },
    azure: {
      id: ids.next(created),
      bucketName: 'atlasexports',
      cloudProvider: 'AZURE',
      roleId: ids.next(created),
      serviceUrl: 'https://atlasexports.blob.core.windows.net/exports',
      tenantId: uuidFor(0xa2),
    },
  };
}

/** States spread so that every state appears near the top of the list and again deep in it. */
function exportStateFor(i: number): ExportJob['state'] {
  if (i === 0) return 'Queued';
  if (i === 1) return 'InProgress';
  if (i === 2 || i % 50 === 7) return 'Failed';
  if (i === 3 || i % 97 === 11) return 'Cancelled';
  return 'Successful';
}

function buildExportJobs(
  ids: IdGenerator,
  cluster: ClusterBackups,
  buckets: ExportBucket[],
  count: number,
  spacingMs: number,
): ExportJob[] {
  const completed = cluster.snapshots.filter((snapshot) => snapshot.status === 'completed');
  const jobs: ExportJob[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    const createdAt = SEED_EPOCH - 30 * MINUTE - i * spacingMs;
    const state = exportStateFor(i);
    const snapshot = completed[completed.length - 1 - (i % completed.length)];
    const bucket = buckets[i % buckets.length];
    if (!snapshot || !bucket) throw new Error('seed: export jobs need snapshots and buckets');
    const ended = state !== 'Queued' && state !== 'InProgress';
    const exported = { Queued: 0, InProgress: 3, Failed: 5, Cancelled: 8, Successful: 12 }[state];
    jobs.push({
      id: ids.next(createdAt),
      createdAt,
      snapshotId: snapshot.id,
      exportBucketId: bucket.id,
      customData:
        i % 5 === 0
          ? [
              { key: 'team', value: 'analytics' },
              { key: 'ticket', value: `OPS-${1000 + i}` },
            ]
          : [],
      components:
        cluster.type === 'shardedCluster'
          ? cluster.replicaSetNames.map((replicaSetName) => ({
              exportId: ids.next(createdAt),
              replicaSetName,
            }))
          : undefined,
      state,
      finishedAt: ended ? createdAt + 40 * MINUTE : undefined,
      exportStatus:
        state === 'Queued' ? undefined : { exportedCollections: exported, totalCollections: 12 },
      stateReason:
        state === 'Failed'
          ? {
              errorCode: 'EXPORT_BUCKET_ACCESS_DENIED',
              message: `Atlas could not write to bucket ${bucket.bucketName}: access denied.`,
            }
          : undefined,
    });
  }
  return jobs;
}

interface RunSpec {
  createdAt: number;
  snapshot: ClusterSnapshot;
  state: RunState;
  phase: RunPhase;
  bytesExported?: number;
  numDocs?: number;
}

function buildRun(ids: IdGenerator, pipeline: Pipeline, spec: RunSpec): PipelineRun {
  const { createdAt, snapshot, state, phase } = spec;
  const retention: DatasetRetentionPolicy | undefined = pipeline.datasetRetentionPolicy;
  const hasStats = state !== 'PENDING';
  const bytesExported =
    spec.bytesExported ?? 1_000_000_000 + ((createdAt / MINUTE) % 7_919) * 1_000_000;
  return {
    id: ids.next(createdAt),
    createdAt,
    lastUpdatedAt: createdAt + (state === 'PENDING' ? 0 : 25 * MINUTE),
    snapshotId: snapshot.id,
    backupFrequencyType: frequencyOf(snapshot),
    datasetName: datasetNameFor(pipeline, snapshot),
    datasetRetentionPolicy: retention,
    scheduledDeletionAt: retentionEnd(createdAt, retention),
    state,
    phase,
    stats: hasStats
      ? { bytesExported, numDocs: spec.numDocs ?? Math.round(bytesExported / 800) }
      : undefined,
  };
}

interface PipelineSpec {
  name: string;
  createdAt: number;
  state?: Pipeline['state'];
  source: Pipeline['source'];
  partitionFields?: Pipeline['sink']['partitionFields'];
  transformations?: Pipeline['transformations'];
  datasetRetentionPolicy?: Omit<DatasetRetentionPolicy, 'lastModifiedDate'>;
}

function buildPipeline(ids: IdGenerator, spec: PipelineSpec): Pipeline {
  return {
    id: ids.next(spec.createdAt),
    name: spec.name,
    createdAt: spec.createdAt,
    lastUpdatedAt: spec.createdAt + DAY,
    state: spec.state ?? 'ACTIVE',
    source: spec.source,
    sink: {
      metadataProvider: 'AWS',
      metadataRegion: 'US_EAST_1',
      partitionFields: spec.partitionFields ?? [],
    },
    transformations: spec.transformations ?? [],
    datasetRetentionPolicy: spec.datasetRetentionPolicy && {
      ...spec.datasetRetentionPolicy,
      lastModifiedDate: spec.createdAt,
    },
    runs: [],
  };
}

function pick<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`seed: no item at ${index}`);
  return item;
}

function buildServerless(ids: IdGenerator, projectId: string) {
  const snapshots: ServerlessSnapshot[] = [];
  for (let i = 9; i >= 0; i -= 1) {
    const createdAt = SEED_EPOCH - 3 * HOUR - i * 6 * HOUR;
    snapshots.push({
      id: ids.next(createdAt),
      createdAt,
      expiresAt: createdAt + 2 * DAY,
      frequencyType: i % 4 === 0 ? 'daily' : 'hourly',
      snapshotType: i === 5 ? 'onDemand' : 'scheduled',
      status: i === 0 ? 'inProgress' : i === 7 ? 'failed' : 'completed',
      mongodVersion: MONGOD_VERSION,
      storageSizeBytes: 2_500_000_000 + i * 1_000_000,
    });
  }
  const snapshot = (i: number) => pick(snapshots, snapshots.length - 1 - i);
  const job = (
    hoursAgo: number,
    fields: Partial<ServerlessRestoreJob> &
      Pick<ServerlessRestoreJob, 'deliveryType' | 'targetClusterName'>,
  ) => {
    const createdAt = SEED_EPOCH - hoursAgo * HOUR;
    const restored = fields.snapshotId
      ? snapshots.find((candidate) => candidate.id === fields.snapshotId)
      : undefined;
    const restoreJob: ServerlessRestoreJob = {
      id: ids.next(createdAt),
      createdAt,
      targetGroupId: projectId,
      timestamp: restored?.createdAt ?? createdAt - HOUR,
      cancelled: false,
      failed: false,
      expired: false,
      deliveryUrl: [],
      ...fields,
    };
    return restoreJob;
  };
  const downloadUrl = (name: string) => [
    `https://restore-simulated.s3.amazonaws.com/serverless0/${name}.tar.gz?X-Amz-Expires=86400`,
  ];
  const pointInTimeSeconds = Math.floor((SEED_EPOCH - 20 * HOUR) / 1000);
  // Oldest first, so that ids grow with creation time.
  const restoreJobs = {
    oplog: job(60, {
      deliveryType: 'pointInTime',
      targetClusterName: 'Serverless0',
      oplogTs: pointInTimeSeconds - 3_600,
      oplogInc: 7,
      timestamp: (pointInTimeSeconds - 3_600) * 1000,
      finishedAt: SEED_EPOCH - 59 * HOUR,
    }),
    expired: job(50, {
      deliveryType: 'download',
      targetClusterName: 'Serverless0',
      snapshotId: snapshot(9).id,
      expired: true,
      finishedAt: SEED_EPOCH - 49 * HOUR,
      expiresAt: SEED_EPOCH - 25 * HOUR,
      deliveryUrl: downloadUrl('expired'),
    }),
    cancelled: job(40, {
      deliveryType: 'automated',
      targetClusterName: 'Serverless0',
      snapshotId: snapshot(8).id,
      cancelled: true,
    }),
    failed: job(30, {
      deliveryType: 'automated',
      targetClusterName: 'Serverless0',
      snapshotId: snapshot(6).id,
      failed: true,
      finishedAt: SEED_EPOCH - 29 * HOUR,
    }),
    download: job(12, {
      deliveryType: 'download',
      targetClusterName: 'Serverless0',
      snapshotId: snapshot(3).id,
      finishedAt: SEED_EPOCH - 11 * HOUR,
      expiresAt: SEED_EPOCH + 13 * HOUR,
      deliveryUrl: downloadUrl('latest'),
    }),
    finished: job(8, {
      deliveryType: 'automated',
      targetClusterName: 'Serverless0',
      snapshotId: snapshot(2).id,
      finishedAt: SEED_EPOCH - 7 * HOUR,
    }),
    pointInTime: job(2, {
      deliveryType: 'pointInTime',
      targetClusterName: 'Cluster0',
      pointInTimeUTCSeconds: pointInTimeSeconds,
      timestamp: pointInTimeSeconds * 1000,
    }),
    running: job(1, {
      deliveryType: 'automated',
      targetClusterName: 'ServerlessEmpty',
      snapshotId: snapshot(1).id,
    }),
  };
  const main: Omit<ServerlessInstance, 'deployment'> = {
    name: 'Serverless0',
    snapshots,
    restoreJobs: Object.values(restoreJobs),
  };
  const empty: Omit<ServerlessInstance, 'deployment'> = {
    name: 'ServerlessEmpty',
    snapshots: [],
    restoreJobs: [],
  };
  return { main, empty, restoreJobs };
}

function buildFlex(ids: IdGenerator, projectId: string) {
  const snapshots: FlexSnapshot[] = [];
  const statuses: FlexSnapshot['status'][] = [
    'QUEUED',
    'RUNNING',
    'COMPLETED',
    'COMPLETED',
    'FAILED',
    'COMPLETED',
    'COMPLETED',
    'COMPLETED',
  ];
  for (let i = statuses.length - 1; i >= 0; i -= 1) {
    const scheduledTime = SEED_EPOCH - 4 * HOUR - i * DAY;
    const status = pick(statuses, i);
    const started = status !== 'QUEUED';
    const finished = status === 'COMPLETED' || status === 'FAILED';
    snapshots.push({
      id: ids.next(scheduledTime),
      scheduledTime,
      startTime: started ? scheduledTime + MINUTE : undefined,
      finishTime: finished ? scheduledTime + 9 * MINUTE : undefined,
      expiration: scheduledTime + 8 * DAY,
      status,
      mongoDBVersion: MONGOD_VERSION,
    });
  }
  const completed = snapshots.filter((snapshot) => snapshot.status === 'COMPLETED');
  const job = (
    hoursAgo: number,
    fields: Pick<FlexRestoreJob, 'status' | 'deliveryType' | 'targetDeploymentItemName'> &
      Partial<FlexRestoreJob>,
  ) => {
    const createdAt = SEED_EPOCH - hoursAgo * HOUR;
    const snapshot = pick(completed, hoursAgo % completed.length);
    const restoreJob: FlexRestoreJob = {
      id: ids.next(createdAt),
      createdAt,
      snapshotId: snapshot.id,
      targetProjectId: projectId,
      restoreScheduledDate: createdAt,
      snapshotFinishedDate: snapshot.finishTime ?? snapshot.scheduledTime,
      ...fields,
    };
    return restoreJob;
  };
  // Oldest first, so that ids grow with creation time.
  const restoreJobs = {
    download: job(48, {
      status: 'COMPLETED',
      deliveryType: 'DOWNLOAD',
      targetDeploymentItemName: 'Flex0',
      restoreFinishedDate: SEED_EPOCH - 47 * HOUR,
      expirationDate: SEED_EPOCH - 23 * HOUR,
      snapshotUrl:
        'https://restore-simulated.s3.amazonaws.com/flex0/snapshot.tar.gz?X-Amz-Expires=86400',
    }),
    completed: job(24, {
      status: 'COMPLETED',
      deliveryType: 'RESTORE',
      targetDeploymentItemName: 'Flex0',
      restoreFinishedDate: SEED_EPOCH - 23 * HOUR,
    }),
    failed: job(12, {
      status: 'FAILED',
      deliveryType: 'RESTORE',
      targetDeploymentItemName: 'Flex0',
      restoreFinishedDate: SEED_EPOCH - 11 * HOUR,
    }),
    running: job(3, {
      status: 'RUNNING',
      deliveryType: 'RESTORE',
      targetDeploymentItemName: 'FlexEmpty',
    }),
    queued: job(2, {
      status: 'QUEUED',
      deliveryType: 'RESTORE',
      targetDeploymentItemName: 'FlexEmpty',
    }),
    pending: job(1, {
      status: 'PENDING',
      deliveryType: 'RESTORE',
      targetDeploymentItemName: 'FlexEmpty',
    }),
  };
  const main: Omit<FlexCluster, 'deployment'> = {
    name: 'Flex0',
    snapshots,
    restoreJobs: Object.values(restoreJobs),
  };
  const empty: Omit<FlexCluster, 'deployment'> = {
    name: 'FlexEmpty',
    snapshots: [],
    restoreJobs: [],
  };
  return { main, empty, restoreJobs };
}

function idsOf<K extends string>(records: Record<K, { id: string }>): Record<K, string> {
  return Object.fromEntries(
    Object.entries<{ id: string }>(records).map(([key, record]) => [key, record.id]),
  ) as Record<K, string>;
}

interface DeploymentInputs {
  project: Project;
  neighbourProject: Project;
  replicaSet: ClusterBackups;
  sharded: ClusterBackups;
  emptyCluster: ClusterBackups;
  neighbourCluster: ClusterBackups;
  serverless: ReturnType<typeof buildServerless>;
  flex: ReturnType<typeof buildFlex>;
  exportBucketId: string;
}

/** The demo project's extra clusters: one per state and shape a console must show, ~a page of 5 twice. */
const EXTRA_CLUSTERS: readonly [string, ClusterSpec][] = [
  [
    'Reporting0',
    {
      createdAt: SEED_EPOCH - 300 * DAY,
      regions: [
        region('AWS', 'US_EAST_1', 'M30'),
        region('AWS', 'US_WEST_2', 'M30', {
          electableNodes: 0,
          readOnlyNodes: 2,
          analyticsNodes: 1,
        }),
      ],
      pitEnabled: true,
    },
  ],
  ['Staging0', { createdAt: SEED_EPOCH - 250 * DAY, regions: [region('AWS', 'EU_WEST_1', 'M10')] }],
  [
    'Paused0',
    {
      createdAt: SEED_EPOCH - 240 * DAY,
      paused: true,
      regions: [region('GCP', 'WESTERN_EUROPE', 'M20')],
    },
  ],
  [
    'Creating0',
    {
      createdAt: SEED_EPOCH - HOUR,
      stateName: 'CREATING',
      backupEnabled: false,
      regions: [region('AWS', 'US_EAST_2', 'M10')],
    },
  ],
  [
    'Updating0',
    {
      createdAt: SEED_EPOCH - 200 * DAY,
      stateName: 'UPDATING',
      regions: [region('AZURE', 'EUROPE_WEST', 'M30')],
    },
  ],
  [
    'Repairing0',
    {
      createdAt: SEED_EPOCH - 150 * DAY,
      stateName: 'REPAIRING',
      regions: [region('AWS', 'AP_SOUTHEAST_2', 'M40')],
    },
  ],
  [
    'Deleting0',
    {
      createdAt: SEED_EPOCH - 100 * DAY,
      stateName: 'DELETING',
      backupEnabled: false,
      regions: [region('GCP', 'EASTERN_US', 'M10')],
    },
  ],
  [
    'Geo0',
    {
      createdAt: SEED_EPOCH - 90 * DAY,
      clusterType: 'GEOSHARDED',
      shards: 2,
      regions: [region('AWS', 'US_EAST_1', 'M40'), region('AWS', 'EU_WEST_1', 'M40')],
    },
  ],
  [
    'Legacy7',
    {
      createdAt: SEED_EPOCH - 600 * DAY,
      mongoDBMajorVersion: '7.0',
      regions: [region('AWS', 'US_EAST_1', 'M20')],
    },
  ],
  [
    'Protected0',
    {
      createdAt: SEED_EPOCH - 80 * DAY,
      terminationProtectionEnabled: true,
      tags: [
        { key: 'environment', value: 'production' },
        { key: 'team', value: 'payments' },
      ],
      regions: [region('AZURE', 'US_EAST_2', 'M50')],
    },
  ],
];

/** A new dedicated cluster with no snapshots yet, one daily policy and its schedule. */
function newCluster(ids: IdGenerator, name: string, spec: ClusterSpec): Cluster {
  const deployment = clusterDeployment(ids, name, spec);
  const policyItems = [policyItem(ids, 'daily', 1, 'days', 7)];
  const lower = name.toLowerCase();
  return {
    name,
    type: deployment.clusterType === 'REPLICASET' ? 'replicaSet' : 'shardedCluster',
    cloudProvider: spec.regions[0]?.providerName ?? 'AWS',
    replicaSetNames:
      deployment.clusterType === 'REPLICASET'
        ? [`atlas-${lower}-shard-0`]
        : [
            ...deployment.replicationSpecs.map((_, index) => `atlas-${lower}-shard-${index}`),
            `atlas-${lower}-config-0`,
          ],
    policyItems,
    snapshots: [],
    exportJobs: [],
    deployment,
    schedule: backupSchedule(ids, deployment, policyItems, { createdAt: spec.createdAt }),
    restoreJobs: [],
  };
}

/** Deployment fields, schedules, restore jobs and the extra projects and clusters (ids taken last). */
function buildDeployments(ids: IdGenerator, inputs: DeploymentInputs) {
  const { project, neighbourProject, replicaSet, sharded, emptyCluster, serverless, flex } = inputs;
  project.tags = [{ key: 'environment', value: 'demo' }];
  const describe = (
    backups: ClusterBackups,
    spec: ClusterSpec,
    rich = false,
    restoreJobs: ClusterRestoreJob[] = [],
  ): Cluster => {
    const deployment = clusterDeployment(ids, backups.name, spec);
    const schedule = backupSchedule(ids, deployment, backups.policyItems, {
      createdAt: spec.createdAt,
      rich: rich ? { exportBucketId: inputs.exportBucketId } : undefined,
    });
    return { ...backups, deployment, schedule, restoreJobs };
  };
  const replicaSetCluster = describe(
    replicaSet,
    {
      createdAt: SEED_EPOCH - 445 * DAY,
      pitEnabled: true,
      tags: [{ key: 'team', value: 'analytics' }],
      regions: [region('AWS', 'US_EAST_1', 'M30')],
    },
    true,
  );
  const completed = replicaSet.snapshots.filter((snapshot) => snapshot.status === 'completed');
  const restoreJobs = replicaSetRestoreJobs(ids, SEED_EPOCH, project.id, completed);
  replicaSetCluster.restoreJobs = Object.values(restoreJobs);
  const shardedJob = shardedRestoreJob(ids, SEED_EPOCH, sharded);
  const shardedCluster = describe(
    sharded,
    {
      createdAt: SEED_EPOCH - 444 * DAY,
      shards: 2,
      regions: [region('GCP', 'CENTRAL_US', 'M40')],
    },
    false,
    [shardedJob],
  );
  const empty = describe(emptyCluster, {
    createdAt: SEED_EPOCH - 443 * DAY,
    regions: [region('AZURE', 'US_EAST_2', 'M10')],
  });
  const extras = EXTRA_CLUSTERS.map(([name, spec]) => newCluster(ids, name, spec));
  for (const cluster of [replicaSetCluster, shardedCluster, empty, ...extras])
    project.clusters.set(cluster.name, cluster);
  neighbourProject.clusters.set(
    inputs.neighbourCluster.name,
    describe(inputs.neighbourCluster, {
      createdAt: SEED_EPOCH - 429 * DAY,
      regions: [region('AWS', 'EU_CENTRAL_1', 'M10')],
    }),
  );

  const serverlessDeployment = (name: string, createdAt: number, regionName: string) => ({
    ...sharedTierDeployment(ids, name, { createdAt, backingProviderName: 'AWS', regionName }),
    continuousBackupEnabled: true,
  });
  project.serverless.set(serverless.main.name, {
    ...serverless.main,
    deployment: serverlessDeployment(serverless.main.name, SEED_EPOCH - 420 * DAY, 'US_EAST_1'),
  });
  project.serverless.set(serverless.empty.name, {
    ...serverless.empty,
    deployment: serverlessDeployment(serverless.empty.name, SEED_EPOCH - 410 * DAY, 'EU_WEST_1'),
  });
  const flexDeployment = (
    name: string,
    createdAt: number,
    fields: Partial<SharedTierDeployment> = {},
  ) => ({
    ...sharedTierDeployment(ids, name, {
      createdAt,
      backingProviderName: 'AWS',
      regionName: 'US_EAST_1',
      ...fields,
    }),
    diskSizeGB: 5,
    backupEnabled: true,
  });
  project.flex.set(flex.main.name, {
    ...flex.main,
    deployment: flexDeployment(flex.main.name, SEED_EPOCH - 400 * DAY, {
      tags: [{ key: 'team', value: 'web' }],
    }),
  });
  project.flex.set(flex.empty.name, {
    ...flex.empty,
    deployment: flexDeployment(flex.empty.name, SEED_EPOCH - 390 * DAY, {
      backingProviderName: 'GCP',
      regionName: 'CENTRAL_US',
    }),
  });
  const flexCreating = {
    name: 'FlexCreating',
    snapshots: [],
    restoreJobs: [],
    deployment: flexDeployment('FlexCreating', SEED_EPOCH - 10 * MINUTE, {
      stateName: 'CREATING',
      backingProviderName: 'AZURE',
      regionName: 'US_EAST_2',
    }),
  };
  project.flex.set(flexCreating.name, flexCreating);

  // A project of another organisation: listGroups shows every project the caller can see.
  const otherOrgId = ids.next(SEED_EPOCH - 350 * DAY);
  const otherProject = createProject(
    ids,
    'atlas-graph-analytics_eu',
    otherOrgId,
    SEED_EPOCH - 300 * DAY,
  );
  otherProject.tags = [{ key: 'region', value: 'eu' }];
  const analytics = newCluster(ids, 'Analytics0', {
    createdAt: SEED_EPOCH - 290 * DAY,
    regions: [region('GCP', 'WESTERN_EUROPE', 'M30')],
  });
  otherProject.clusters.set(analytics.name, analytics);

  return {
    otherProject,
    otherOrgId,
    restoreJobs,
    shardedJob,
    extras,
    flexCreating: flexCreating.name,
  };
}

/** Builds the whole seeded world, and the ids and names tests refer to. */
export function createSeedWorld() {
  const ids = new IdGenerator();
  const orgId = ids.next(SEED_EPOCH - 500 * DAY);
  const project = createProject(ids, 'atlas-graph-demo', orgId, SEED_EPOCH - 450 * DAY);
  const emptyProject = createProject(ids, 'atlas-graph-empty', orgId, SEED_EPOCH - 440 * DAY);

  const { cluster: replicaSet, policies } = buildReplicaSetCluster(ids);
  const sharded = buildShardedCluster(ids);
  const emptyCluster: ClusterBackups = {
    name: 'EmptyCluster',
    type: 'replicaSet',
    cloudProvider: 'AZURE',
    replicaSetNames: ['atlas-emptycluster-shard-0'],
    policyItems: [policyItem(ids, 'daily', 1, 'days', 7)],
    snapshots: [],
    exportJobs: [],
  };

  const buckets = buildExportBuckets(ids);
  project.exportBuckets = Object.values(buckets);
  replicaSet.exportJobs = buildExportJobs(
    ids,
    replicaSet,
    project.exportBuckets,
    EXPORT_JOB_COUNT,
    3 * HOUR,
  );
  sharded.exportJobs = buildExportJobs(ids, sharded, project.exportBuckets, 5, DAY);

  const available = replicaSet.snapshots.filter((snapshot) => snapshot.status === 'completed');
  const newestAvailable = (i: number) =>
    pick(available, available.length - 1 - (i % available.length));
  const scheduledOf = (frequency: ClusterSnapshot['frequencyType']) =>
    available.filter(
      (snapshot) => snapshot.snapshotType === 'scheduled' && snapshot.frequencyType === frequency,
    );
  const onDemandSnapshots = available.filter((snapshot) => snapshot.snapshotType === 'onDemand');

  const pipelineCreated = (n: number) => SEED_EPOCH - (200 - n * 10) * DAY;
  const big = buildPipeline(ids, {
    name: 'orders-hourly',
    createdAt: pipelineCreated(0),
    source: {
      type: 'PERIODIC_CPS',
      clusterName: 'Cluster0',
      databaseName: 'sales',
      collectionName: 'orders',
      policyItemId: policies.hourly.id,
    },
    partitionFields: [
      { fieldName: 'customerId', order: 0 },
      { fieldName: 'region', order: 1 },
    ],
    transformations: [
      { field: 'customer.ssn', type: 'EXCLUDE' },
      { field: 'payment.card', type: 'EXCLUDE' },
    ],
    datasetRetentionPolicy: { units: 'DAYS', value: 30 },
  });
  const small = buildPipeline(ids, {
    name: 'users-daily',
    createdAt: pipelineCreated(1),
    source: {
      type: 'PERIODIC_CPS',
      clusterName: 'Cluster0',
      databaseName: 'app',
      collectionName: 'users',
      policyItemId: policies.daily.id,
    },
    partitionFields: [{ fieldName: 'country', order: 0 }],
  });
  const everyState = buildPipeline(ids, {
    name: 'metrics-weekly',
    createdAt: pipelineCreated(2),
    source: {
      type: 'PERIODIC_CPS',
      clusterName: 'Sharded0',
      databaseName: 'metrics',
      collectionName: 'samples',
      policyItemId: sharded.policyItems[1]?.id ?? '',
    },
    partitionFields: [
      { fieldName: 'deviceId', order: 0 },
      { fieldName: 'ts', order: 1 },
    ],
    datasetRetentionPolicy: { units: 'WEEKS', value: 8 },
  });
  const onDemand = buildPipeline(ids, {
    name: 'events-ondemand',
    createdAt: pipelineCreated(3),
    source: {
      type: 'ON_DEMAND_CPS',
      clusterName: 'Cluster0',
      databaseName: 'app',
      collectionName: 'events',
    },
    transformations: [{ field: 'payload.raw', type: 'EXCLUDE' }],
  });
  const paused = buildPipeline(ids, {
    name: 'audit-paused',
    createdAt: pipelineCreated(4),
    state: 'PAUSED',
    source: {
      type: 'PERIODIC_CPS',
      clusterName: 'Cluster0',
      databaseName: 'app',
      collectionName: 'audit',
      policyItemId: policies.daily.id,
    },
    datasetRetentionPolicy: { units: 'MONTHS', value: 6 },
  });
  const special = buildPipeline(ids, {
    name: 'sales#2024%q1+é:x',
    createdAt: pipelineCreated(5),
    source: {
      type: 'PERIODIC_CPS',
      clusterName: 'Cluster0',
      databaseName: 'sales',
      collectionName: 'q1',
      policyItemId: policies.monthly.id,
    },
    partitionFields: [{ fieldName: 'store', order: 0 }],
  });
  const noRuns = buildPipeline(ids, {
    name: 'inventory-new',
    createdAt: pipelineCreated(6),
    source: {
      type: 'ON_DEMAND_CPS',
      clusterName: 'EmptyCluster',
      databaseName: 'stock',
      collectionName: 'items',
    },
  });
  project.pipelines = [big, small, everyState, onDemand, paused, special, noRuns];

  // orders-hourly: 1,200 hourly runs; the newest two still running, datasets older than 30 days deleted.
  for (let i = BIG_RUN_COUNT - 1; i >= 0; i -= 1) {
    const [state, phase]: [RunState, RunPhase] =
      i === 0
        ? ['IN_PROGRESS', 'INGESTION']
        : i === 1
          ? ['IN_PROGRESS', 'EXPORT']
          : i % 100 === 42
            ? ['FAILED', 'EXPORT']
            : i >= 720
              ? ['DATASET_DELETED', 'INGESTION']
              : ['DONE', 'INGESTION'];
    const bytesExported = i === 2 ? 5_000_000_000_000 : undefined;
    const numDocs = i === 2 ? 3_000_000_000 : undefined;
    big.runs.push(
      buildRun(ids, big, {
        createdAt: SEED_EPOCH - 30 * MINUTE - i * HOUR,
        snapshot: newestAvailable(i),
        state,
        phase,
        bytesExported,
        numDocs,
      }),
    );
  }

  // users-daily: three runs; the two older ones share a creation time, so the id decides their order.
  const daily = scheduledOf('daily');
  const smallOldest = buildRun(ids, small, {
    createdAt: SEED_EPOCH - 26 * HOUR,
    snapshot: pick(daily, daily.length - 3),
    state: 'DATASET_DELETED',
    phase: 'INGESTION',
  });
  const smallMiddle = buildRun(ids, small, {
    createdAt: SEED_EPOCH - 26 * HOUR,
    snapshot: pick(daily, daily.length - 2),
    state: 'FAILED',
    phase: 'EXPORT',
  });
  const smallNewest = buildRun(ids, small, {
    createdAt: SEED_EPOCH - 2 * HOUR,
    snapshot: pick(daily, daily.length - 1),
    state: 'DONE',
    phase: 'INGESTION',
  });
  small.runs.push(smallOldest, smallMiddle, smallNewest);

  // metrics-weekly: one run in every state and phase combination that occurs.
  const everyStateSpecs: [string, RunState, RunPhase][] = [
    ['datasetDeleted', 'DATASET_DELETED', 'INGESTION'],
    ['failedIngestion', 'FAILED', 'INGESTION'],
    ['failedSnapshot', 'FAILED', 'SNAPSHOT'],
    ['done', 'DONE', 'INGESTION'],
    ['ingesting', 'IN_PROGRESS', 'INGESTION'],
    ['exporting', 'IN_PROGRESS', 'EXPORT'],
    ['snapshotting', 'IN_PROGRESS', 'SNAPSHOT'],
    ['pending', 'PENDING', 'SNAPSHOT'],
  ];
  const everyStateRuns: Record<string, string> = {};
  everyStateSpecs.forEach(([key, state, phase], index) => {
    const snapshot = pick(sharded.snapshots, index);
    const run = buildRun(ids, everyState, {
      createdAt: snapshot.createdAt + 10 * MINUTE,
      snapshot,
      state,
      phase,
    });
    everyState.runs.push(run);
    everyStateRuns[key] = run.id;
  });

  onDemandSnapshots.slice(-2).forEach((snapshot) => {
    onDemand.runs.push(
      buildRun(ids, onDemand, {
        createdAt: snapshot.createdAt + 5 * MINUTE,
        snapshot,
        state: 'DONE',
        phase: 'INGESTION',
      }),
    );
  });
  [pick(available, available.length - 5), pick(available, available.length - 3)].forEach(
    (snapshot) => {
      paused.runs.push(
        buildRun(ids, paused, {
          createdAt: snapshot.createdAt + 5 * MINUTE,
          snapshot,
          state: 'DONE',
          phase: 'INGESTION',
        }),
      );
    },
  );
  [pick(scheduledOf('yearly'), 0), pick(scheduledOf('monthly'), 0)].forEach((snapshot) => {
    special.runs.push(
      buildRun(ids, special, {
        createdAt: snapshot.createdAt + 5 * MINUTE,
        snapshot,
        state: 'DONE',
        phase: 'INGESTION',
      }),
    );
  });

  const serverless = buildServerless(ids, project.id);
  const flex = buildFlex(ids, project.id);

  // Another tenant of the organisation, with a cluster named as the demo project's: what a restore
  // across projects would overwrite (test/security/project-scope.test.ts).
  const neighbourProject = createProject(
    ids,
    'atlas-graph-neighbour',
    orgId,
    SEED_EPOCH - 430 * DAY,
  );
  const neighbourCluster: ClusterBackups = {
    name: replicaSet.name,
    type: 'replicaSet',
    cloudProvider: 'AWS',
    replicaSetNames: ['atlas-neighbour-shard-0'],
    policyItems: [policyItem(ids, 'daily', 1, 'days', 7)],
    snapshots: [],
    exportJobs: [],
  };

  // Every id above keeps its value: what follows takes its ids only now.
  const deployments = buildDeployments(ids, {
    project,
    neighbourProject,
    replicaSet,
    sharded,
    emptyCluster,
    neighbourCluster,
    serverless,
    flex,
    exportBucketId: buckets.aws.id,
  });

  const world: World = {
    projects: new Map(
      [project, emptyProject, neighbourProject, deployments.otherProject].map((p) => [p.id, p]),
    ),
    ids,
  };

  const exportJobsNewestFirst = [...replicaSet.exportJobs].reverse();
  const exportJobWithState = (state: ExportJob['state']) =>
    exportJobsNewestFirst.find((job) => job.state === state)?.id ?? '';
  const busySnapshotIds = new Set(
    exportJobsNewestFirst
      .filter((job) => job.state === 'Queued' || job.state === 'InProgress')
      .map((job) => job.snapshotId),
  );
  const bigRunsNewestFirst = [...big.runs].reverse();

  const seed = {
    epoch: new Date(SEED_EPOCH).toISOString(),
    orgId,
    projectId: project.id,
    emptyProjectId: emptyProject.id,
    /** Another tenant, holding a cluster named as `clusters.replicaSet`. */
    neighbourProjectId: neighbourProject.id,
    unknownProjectId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    pipelines: {
      big: big.name,
      small: small.name,
      everyState: everyState.name,
      onDemand: onDemand.name,
      paused: paused.name,
      special: special.name,
      noRuns: noRuns.name,
      /** Creation order, as listGroupPipelines answers. */
      all: project.pipelines.map((pipeline) => pipeline.name),
    },
    pipelineIds: {
      big: big.id,
      small: small.id,
      everyState: everyState.id,
      onDemand: onDemand.id,
      paused: paused.id,
      special: special.id,
      noRuns: noRuns.id,
    },
    runCounts: {
      big: big.runs.length,
      small: small.runs.length,
      everyState: everyState.runs.length,
      noRuns: 0,
    },
    runs: {
      bigNewest: pick(bigRunsNewestFirst, 0).id,
      /** The run with bytesExported 5e12 and numDocs 3e9 (third newest of orders-hourly). */
      bigHuge: pick(bigRunsNewestFirst, 2).id,
      bigOldest: pick(bigRunsNewestFirst, bigRunsNewestFirst.length - 1).id,
      smallNewest: smallNewest.id,
      smallMiddle: smallMiddle.id,
      smallOldest: smallOldest.id,
      everyState: everyStateRuns,
    },
    clusters: {
      replicaSet: replicaSet.name,
      sharded: sharded.name,
      empty: emptyCluster.name,
      /** Multi-region AWS cluster with read-only and analytics nodes and point-in-time restores. */
      multiRegion: 'Reporting0',
      /** A small IDLE replica set, target of Cluster0's restores. */
      staging: 'Staging0',
      paused: 'Paused0',
      creating: 'Creating0',
      updating: 'Updating0',
      repairing: 'Repairing0',
      deleting: 'Deleting0',
      /** GEOSHARDED, two zones. */
      geoSharded: 'Geo0',
      /** MongoDB 7.0. */
      legacy: 'Legacy7',
      /** terminationProtectionEnabled, with tags. */
      protected: 'Protected0',
      /** The demo project's clusters in listGroupClusters order (creation in the seed). */
      all: [...project.clusters.keys()],
      /** The other organisation's project's only cluster. */
      otherProject: 'Analytics0',
    },
    /** Dedicated-cluster restore jobs of Cluster0, by delivery type and outcome. */
    clusterRestoreJobs: {
      ...idsOf(deployments.restoreJobs),
      /** Sharded0's running download (components per shard): cancelling it is 405. */
      sharded: deployments.shardedJob.id,
    },
    /** Targets of Cluster0's running automated / pointInTime restores: a new restore into them is 409. */
    clusterRestoreBusyTargets: ['Staging0', 'Reporting0'],
    projects: {
      /** listGroups order: demo, empty, neighbour, other organisation's. */
      all: [...world.projects.keys()],
      otherOrgId: deployments.otherOrgId,
      /** A project of another organisation, with one cluster (`clusters.otherProject`). */
      otherProjectId: deployments.otherProject.id,
    },
    policyItems: idsOf(policies),
    snapshots: {
      replicaSetCount: replicaSet.snapshots.length,
      /** Completed snapshots of Cluster0: the availableSnapshots of the pipelines reading it. */
      replicaSetAvailableCount: available.length,
      replicaSetNewest: pick(replicaSet.snapshots, replicaSet.snapshots.length - 1).id,
      /** The newest completed Cluster0 snapshot: triggers of users-daily / orders-hourly can use it. */
      replicaSetNewestAvailable: newestAvailable(0).id,
      onDemand: pick(onDemandSnapshots, onDemandSnapshots.length - 1).id,
      /** A Cluster0 snapshot with a Queued or InProgress export: a new export of it is 409. */
      exportBusy: [...busySnapshotIds][0] ?? '',
      /** A completed Cluster0 snapshot with no export in progress. */
      exportFree: available.find((snapshot) => !busySnapshotIds.has(snapshot.id))?.id ?? '',
      shardedCount: sharded.snapshots.length,
      shardedNewest: pick(sharded.snapshots, sharded.snapshots.length - 1).id,
      serverlessCount: serverless.main.snapshots.length,
      serverlessNewest: pick(serverless.main.snapshots, serverless.main.snapshots.length - 1).id,
      serverlessCompleted: pick(serverless.main.snapshots, serverless.main.snapshots.length - 2).id,
      flexCount: flex.main.snapshots.length,
      flexNewest: pick(flex.main.snapshots, flex.main.snapshots.length - 1).id,
      flexCompleted:
        flex.main.snapshots.filter((snapshot) => snapshot.status === 'COMPLETED').at(-1)?.id ?? '',
    },
    exportJobs: {
      replicaSetCount: replicaSet.exportJobs.length,
      newest: pick(exportJobsNewestFirst, 0).id,
      queued: exportJobWithState('Queued'),
      inProgress: exportJobWithState('InProgress'),
      failed: exportJobWithState('Failed'),
      cancelled: exportJobWithState('Cancelled'),
      successful: exportJobWithState('Successful'),
      shardedCount: sharded.exportJobs.length,
      /** A Sharded0 export job, with components. */
      sharded: sharded.exportJobs.at(-1)?.id ?? '',
    },
    exportBuckets: idsOf(buckets),
    serverless: {
      main: serverless.main.name,
      empty: serverless.empty.name,
      /** Targets with an unfinished restore from Serverless0: a new restore into them is 409. */
      busyTargets: ['ServerlessEmpty', 'Cluster0'],
    },
    serverlessRestoreJobs: idsOf(serverless.restoreJobs),
    flex: {
      main: flex.main.name,
      empty: flex.empty.name,
      /** A Flex cluster in state CREATING. */
      creating: deployments.flexCreating,
      /** listGroupFlexClusters order. */
      all: [...project.flex.keys()],
      /** The target of Flex0's PENDING, QUEUED and RUNNING restores: a new restore into it is 409. */
      busyTarget: 'FlexEmpty',
    },
    flexRestoreJobs: idsOf(flex.restoreJobs),
  };
  return { world, seed };
}

/** Well-known ids and names of the seed, for tests. */
export const SEED = createSeedWorld().seed;
export type Seed = typeof SEED;
