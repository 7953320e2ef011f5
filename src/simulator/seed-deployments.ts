/**
 * Seed builders for what the 17 navigation and live-backup operations read: cluster, Flex and
 * serverless deployment fields, backup schedules and dedicated-cluster restore jobs. They take ids
 * from the seed's generator only after every older seed entity has its id, so that the ids tests
 * already name (SEED in src/simulator/seed.ts) keep their values.
 */
import type { IdGenerator } from './ids.ts';
import type {
  BackupSchedule,
  CloudProvider,
  Cluster,
  ClusterDeployment,
  ClusterRegion,
  ClusterRestoreJob,
  ClusterSnapshot,
  PolicyItem,
  SharedTierDeployment,
  StateName,
} from './store.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MONGOD_VERSION = '8.0.4';

/** A dedicated cluster's backup side, as the older seed builds it (before it has deployment ids). */
export type ClusterBackups = Omit<Cluster, 'deployment' | 'schedule' | 'restoreJobs'>;

export interface ClusterSpec {
  createdAt: number;
  clusterType?: ClusterDeployment['clusterType'];
  /** Shards of a sharded cluster (default 1). */
  shards?: number;
  stateName?: StateName;
  paused?: boolean;
  backupEnabled?: boolean;
  pitEnabled?: boolean;
  terminationProtectionEnabled?: boolean;
  mongoDBMajorVersion?: string;
  tags?: ClusterDeployment['tags'];
  regions: Omit<ClusterRegion, 'priority'>[];
}

const ENCRYPTION: Record<string, ClusterDeployment['encryptionAtRestProvider']> = {
  AWS: 'AWS',
};

/** The deployment fields of a dedicated cluster; regions take priorities 7, 6, ... in order. */
export function clusterDeployment(
  ids: IdGenerator,
  name: string,
  spec: ClusterSpec,
): ClusterDeployment {
  const shards = spec.shards ?? 1;
  const major = spec.mongoDBMajorVersion ?? '8.0';
  return {
    id: ids.next(spec.createdAt),
    createdAt: spec.createdAt,
    clusterType: spec.clusterType ?? (shards > 1 ? 'SHARDED' : 'REPLICASET'),
    stateName: spec.stateName ?? 'IDLE',
    paused: spec.paused ?? false,
    mongoDBMajorVersion: major,
    mongoDBVersion: major === '8.0' ? MONGOD_VERSION : `${major}.12`,
    backupEnabled: spec.backupEnabled ?? true,
    pitEnabled: spec.pitEnabled ?? false,
    terminationProtectionEnabled: spec.terminationProtectionEnabled ?? false,
    encryptionAtRestProvider: ENCRYPTION[spec.regions[0]?.providerName ?? ''] ?? 'NONE',
    tags: spec.tags ?? [],
    replicationSpecs: Array.from({ length: shards }, (_, index) => ({
      id: ids.next(spec.createdAt),
      zoneId: ids.next(spec.createdAt),
      zoneName: spec.clusterType === 'GEOSHARDED' ? `Zone ${index + 1}` : 'Zone 1',
    })),
    regions: spec.regions.map((region, index) => ({ ...region, priority: 7 - index })),
    hostname: `${name.toLowerCase()}.${shortHash(name)}`,
  };
}

/** Five lowercase letters and digits derived from a name, like Atlas's host suffixes. */
function shortHash(name: string): string {
  let hash = 7;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 60_466_176;
  return hash.toString(36).padStart(5, '0').slice(-5);
}

export function region(
  providerName: CloudProvider,
  regionName: string,
  instanceSize: string,
  extra: Partial<Pick<ClusterRegion, 'electableNodes' | 'readOnlyNodes' | 'analyticsNodes'>> = {},
): Omit<ClusterRegion, 'priority'> {
  return {
    providerName,
    regionName,
    instanceSize,
    electableNodes: extra.electableNodes ?? 3,
    readOnlyNodes: extra.readOnlyNodes ?? 0,
    analyticsNodes: extra.analyticsNodes ?? 0,
    diskSizeGB: instanceSize === 'M10' ? 10 : 40,
  };
}

export function sharedTierDeployment(
  ids: IdGenerator,
  name: string,
  fields: Pick<SharedTierDeployment, 'createdAt' | 'backingProviderName' | 'regionName'> &
    Partial<SharedTierDeployment>,
): SharedTierDeployment {
  return {
    id: ids.next(fields.createdAt),
    stateName: 'IDLE',
    mongoDBVersion: MONGOD_VERSION,
    terminationProtectionEnabled: false,
    tags: [],
    hostname: `${name.toLowerCase()}.${shortHash(name)}`,
    ...fields,
  };
}

/** A schedule over the cluster's policy items; `rich` adds export and copy settings. */
export function backupSchedule(
  ids: IdGenerator,
  deployment: ClusterDeployment,
  policyItems: readonly PolicyItem[],
  options: { rich?: { exportBucketId: string }; createdAt: number },
): BackupSchedule {
  const base: BackupSchedule = {
    policyId: ids.next(options.createdAt),
    referenceHourOfDay: 3,
    referenceMinuteOfHour: 45,
    restoreWindowDays: deployment.pitEnabled ? 7 : 2,
    autoExportEnabled: false,
    useOrgAndGroupNamesInExportPrefix: false,
    copyPolicyItemsEnabled: false,
    autoCopySettingsEnabled: false,
    copySettings: [],
    extraRetentionSettings: [],
  };
  const rich = options.rich;
  const firstSpec = deployment.replicationSpecs[0];
  if (!rich || !firstSpec) return base;
  return {
    ...base,
    autoExportEnabled: true,
    export: { exportBucketId: rich.exportBucketId, frequencyType: 'monthly' },
    useOrgAndGroupNamesInExportPrefix: true,
    copyPolicyItemsEnabled: true,
    autoCopySettingsEnabled: true,
    copySettings: [
      {
        cloudProvider: 'AWS',
        regionName: 'US_WEST_2',
        replicationSpecId: firstSpec.id,
        zoneId: firstSpec.zoneId,
        shouldCopyOplogs: deployment.pitEnabled,
        frequencies: ['DAILY', 'WEEKLY', 'ON_DEMAND'],
        copyPolicyItems: policyItems
          .filter((item) => item.frequencyType === 'daily' || item.frequencyType === 'weekly')
          .map(({ id, frequencyType, retentionUnit, retentionValue }) => ({
            id,
            frequencyType,
            retentionUnit,
            retentionValue,
          })),
      },
    ],
    extraRetentionSettings: [{ frequencyType: 'MONTHLY', retentionDays: 400 }],
  };
}

const downloadUrl = (cluster: string, name: string) =>
  `https://restore-simulated.s3.amazonaws.com/${cluster.toLowerCase()}/${name}.tar.gz?X-Amz-Expires=86400`;

/**
 * Cluster0's restore jobs: every delivery type and every outcome, oldest first (ids grow with time).
 * Completed snapshots are passed newest last.
 */
export function replicaSetRestoreJobs(
  ids: IdGenerator,
  epoch: number,
  projectId: string,
  completed: readonly ClusterSnapshot[],
) {
  const snapshot = (fromNewest: number) => {
    const found = completed[completed.length - 1 - fromNewest];
    if (!found) throw new Error('seed: restore jobs need completed snapshots');
    return found;
  };
  const job = (
    hoursAgo: number,
    fields: Partial<ClusterRestoreJob> & Pick<ClusterRestoreJob, 'deliveryType'>,
  ): ClusterRestoreJob => {
    const createdAt = epoch - hoursAgo * HOUR;
    const restored = completed.find((candidate) => candidate.id === fields.snapshotId);
    return {
      id: ids.next(createdAt),
      createdAt,
      timestamp: restored?.createdAt ?? createdAt - HOUR,
      cancelled: false,
      failed: false,
      expired: false,
      deliveryUrl: [],
      ...fields,
    };
  };
  const pointInTimeSeconds = Math.floor((epoch - 30 * HOUR) / 1000);
  const into = (targetClusterName: string) => ({ targetClusterName, targetGroupId: projectId });
  return {
    expiredDownload: job(90, {
      deliveryType: 'download',
      snapshotId: snapshot(12).id,
      expired: true,
      finishedAt: epoch - 89 * HOUR,
      expiresAt: epoch - 65 * HOUR,
      deliveryUrl: [downloadUrl('Cluster0', 'expired')],
    }),
    cancelledPointInTime: job(80, {
      deliveryType: 'pointInTime',
      ...into('Staging0'),
      oplogTs: pointInTimeSeconds - 7_200,
      oplogInc: 3,
      timestamp: (pointInTimeSeconds - 7_200) * 1000,
      cancelled: true,
    }),
    failedAutomated: job(70, {
      deliveryType: 'automated',
      ...into('Staging0'),
      snapshotId: snapshot(10).id,
      failed: true,
      finishedAt: epoch - 69 * HOUR,
    }),
    finishedPointInTime: job(50, {
      deliveryType: 'pointInTime',
      ...into('Staging0'),
      pointInTimeUTCSeconds: pointInTimeSeconds - 3_600,
      timestamp: (pointInTimeSeconds - 3_600) * 1000,
      finishedAt: epoch - 49 * HOUR,
    }),
    finishedDownload: job(20, {
      deliveryType: 'download',
      snapshotId: snapshot(4).id,
      finishedAt: epoch - 19 * HOUR,
      expiresAt: epoch + 5 * HOUR,
      deliveryUrl: [downloadUrl('Cluster0', 'latest')],
    }),
    finishedAutomated: job(10, {
      deliveryType: 'automated',
      ...into('Reporting0'),
      snapshotId: snapshot(2).id,
      finishedAt: epoch - 9 * HOUR,
    }),
    runningPointInTime: job(3, {
      deliveryType: 'pointInTime',
      ...into('Reporting0'),
      pointInTimeUTCSeconds: pointInTimeSeconds,
      timestamp: pointInTimeSeconds * 1000,
    }),
    runningAutomated: job(2, {
      deliveryType: 'automated',
      ...into('Staging0'),
      snapshotId: snapshot(1).id,
    }),
    runningDownload: job(1, { deliveryType: 'download', snapshotId: snapshot(0).id }),
  };
}

/** Sharded0's one restore job: a running download, one component per shard and config server. */
export function shardedRestoreJob(
  ids: IdGenerator,
  epoch: number,
  cluster: ClusterBackups,
): ClusterRestoreJob {
  const snapshot = cluster.snapshots.at(-1);
  if (!snapshot) throw new Error('seed: Sharded0 needs snapshots');
  const createdAt = epoch - 30 * MINUTE;
  return {
    id: ids.next(createdAt),
    createdAt,
    deliveryType: 'download',
    snapshotId: snapshot.id,
    timestamp: snapshot.createdAt,
    cancelled: false,
    failed: false,
    expired: false,
    deliveryUrl: [],
    components: cluster.replicaSetNames.map((replicaSetName) => ({ replicaSetName })),
  };
}
