import { UpstreamError } from '../../atlas/errors.ts';
import type {
  AtlasClusterSnapshot,
  AtlasFlexSnapshot,
  AtlasServerlessSnapshot,
} from '../../atlas/snapshots.ts';
import { builder } from '../builder.ts';
import { connectionType } from '../relay/connection.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

/** Backup snapshots, as restores, exports and pipeline runs name them. Not nodes: Atlas keys them by parent. */

const atlasId = (snapshot: { id?: string }) => {
  if (!snapshot.id)
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Atlas returned a snapshot without an id.');
  return snapshot.id;
};

export const CloudProvider = upstreamEnum(
  'CloudProvider',
  ['AWS', 'AZURE', 'GCP'],
  'A cloud provider.',
);
const SnapshotFrequencyType = upstreamEnum(
  'SnapshotFrequencyType',
  ['hourly', 'daily', 'weekly', 'monthly', 'yearly'],
  'The backup policy schedule that took a cluster snapshot.',
);
const ClusterSnapshotType = upstreamEnum(
  'ClusterSnapshotType',
  ['onDemand', 'scheduled', 'fallback'],
  'How a cluster snapshot was taken.',
);
const SnapshotStatus = upstreamEnum(
  'SnapshotStatus',
  ['queued', 'inProgress', 'completed', 'failed'],
  'Where a snapshot stands.',
);
const ClusterSnapshotClusterType = upstreamEnum(
  'ClusterSnapshotClusterType',
  ['replicaSet', 'shardedCluster'],
  'The kind of cluster a snapshot is of.',
);
const ConfigServerType = upstreamEnum(
  'ClusterSnapshotConfigServerType',
  ['EMBEDDED', 'DEDICATED'],
  'How a sharded cluster runs its config server.',
);
const ServerlessSnapshotFrequencyType = upstreamEnum(
  'ServerlessSnapshotFrequencyType',
  ['hourly', 'daily', 'weekly', 'monthly'],
  'The schedule that took a serverless snapshot.',
);
const ServerlessSnapshotType = upstreamEnum(
  'ServerlessSnapshotType',
  ['onDemand', 'scheduled'],
  'How a serverless snapshot was taken.',
);
const FlexSnapshotStatus = upstreamEnum(
  'FlexSnapshotStatus',
  ['PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED'],
  'Where a Flex cluster snapshot stands.',
);

type Member = NonNullable<AtlasClusterSnapshot['members']>[number];

const ClusterSnapshotMemberRef = builder.objectRef<Member>('ClusterSnapshotMember').implement({
  description: 'The snapshot of one shard or config server of a sharded cluster.',
  fields: (t) => ({
    atlasId: t.field({ type: 'ObjectId', resolve: (m) => m.id ?? null }),
    replicaSetName: t.string({ resolve: (m) => m.replicaSetName ?? null }),
    cloudProvider: t.field({
      type: CloudProvider.ref,
      resolve: (m, _, c) => CloudProvider.known(m.cloudProvider, c),
    }),
  }),
});

export const ClusterSnapshotRef = builder
  .objectRef<AtlasClusterSnapshot>('ClusterSnapshot')
  .implement({
    description:
      'A Cloud Backup snapshot of a dedicated cluster. Sharded-cluster fields are set only where Atlas gives them (availableSnapshots).',
    fields: (t) => ({
      atlasId: t.field({ type: 'ObjectId', nullable: false, resolve: atlasId }),
      createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt ?? null }),
      expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt ?? null }),
      description: t.string({ resolve: (s) => s.description ?? null }),
      frequencyType: t.field({
        type: SnapshotFrequencyType.ref,
        resolve: (s, _, c) => SnapshotFrequencyType.known(s.frequencyType, c),
      }),
      snapshotType: t.field({
        type: ClusterSnapshotType.ref,
        resolve: (s, _, c) => ClusterSnapshotType.known(s.snapshotType, c),
      }),
      status: t.field({
        type: SnapshotStatus.ref,
        resolve: (s, _, c) => SnapshotStatus.known(s.status, c),
      }),
      type: t.field({
        type: ClusterSnapshotClusterType.ref,
        resolve: (s, _, c) => ClusterSnapshotClusterType.known(s.type, c),
      }),
      storageSizeBytes: t.field({ type: 'Long', resolve: (s) => s.storageSizeBytes ?? null }),
      mongodVersion: t.string({ resolve: (s) => s.mongodVersion ?? null }),
      masterKeyUUID: t.string({
        description: 'The encryption key, for encrypted snapshots.',
        resolve: (s) => s.masterKeyUUID ?? null,
      }),
      policyItemIds: t.field({
        type: ['ObjectId'],
        nullable: { list: true, items: false },
        description: 'The backup policy items that took this snapshot.',
        resolve: (s) => s.policyItems ?? null,
      }),
      cloudProvider: t.field({
        type: CloudProvider.ref,
        resolve: (s, _, c) => CloudProvider.known(s.cloudProvider, c),
      }),
      copyRegions: t.stringList({
        nullable: { list: true, items: false },
        resolve: (s) => s.copyRegions ?? null,
      }),
      replicaSetName: t.string({ resolve: (s) => s.replicaSetName ?? null }),
      configServerType: t.field({
        type: ConfigServerType.ref,
        resolve: (s, _, c) => ConfigServerType.known(s.configServerType, c),
      }),
      members: t.field({
        type: [ClusterSnapshotMemberRef],
        nullable: { list: true, items: false },
        resolve: (s) => s.members ?? null,
      }),
    }),
  });

export const ServerlessSnapshotRef = builder
  .objectRef<AtlasServerlessSnapshot>('ServerlessSnapshot')
  .implement({
    description: 'A backup snapshot of a serverless instance.',
    fields: (t) => ({
      atlasId: t.field({ type: 'ObjectId', nullable: false, resolve: atlasId }),
      createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt ?? null }),
      expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt ?? null }),
      frequencyType: t.field({
        type: ServerlessSnapshotFrequencyType.ref,
        resolve: (s, _, c) => ServerlessSnapshotFrequencyType.known(s.frequencyType, c),
      }),
      snapshotType: t.field({
        type: ServerlessSnapshotType.ref,
        resolve: (s, _, c) => ServerlessSnapshotType.known(s.snapshotType, c),
      }),
      status: t.field({
        type: SnapshotStatus.ref,
        resolve: (s, _, c) => SnapshotStatus.known(s.status, c),
      }),
      storageSizeBytes: t.field({ type: 'Long', resolve: (s) => s.storageSizeBytes ?? null }),
      mongodVersion: t.string({ resolve: (s) => s.mongodVersion ?? null }),
      serverlessInstanceName: t.string({ resolve: (s) => s.serverlessInstanceName ?? null }),
    }),
  });

export const FlexSnapshotRef = builder.objectRef<AtlasFlexSnapshot>('FlexSnapshot').implement({
  description: 'A backup snapshot of a Flex cluster.',
  fields: (t) => ({
    atlasId: t.field({ type: 'ObjectId', nullable: false, resolve: atlasId }),
    status: t.field({
      type: FlexSnapshotStatus.ref,
      resolve: (s, _, c) => FlexSnapshotStatus.known(s.status, c),
    }),
    mongoDBVersion: t.string({ resolve: (s) => s.mongoDBVersion ?? null }),
    scheduledTime: t.field({ type: 'DateTime', resolve: (s) => s.scheduledTime ?? null }),
    startTime: t.field({ type: 'DateTime', resolve: (s) => s.startTime ?? null }),
    finishTime: t.field({ type: 'DateTime', resolve: (s) => s.finishTime ?? null }),
    expiration: t.field({ type: 'DateTime', resolve: (s) => s.expiration ?? null }),
  }),
});

export const ClusterSnapshotConnection = connectionType('ClusterSnapshot', ClusterSnapshotRef);
export const ServerlessSnapshotConnection = connectionType(
  'ServerlessSnapshot',
  ServerlessSnapshotRef,
);
export const FlexSnapshotConnection = connectionType('FlexSnapshot', FlexSnapshotRef);
