import type {
  AtlasClusterSnapshot,
  AtlasFlexSnapshot,
  AtlasServerlessSnapshot,
} from '../../atlas/snapshots.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { upstreamId } from '../lib/upstream-id.ts';
import { connectionType } from '../relay/connection.ts';

/** Backup snapshots, as restores, exports and pipeline runs name them. Not nodes: Atlas keys them by parent. */

const atlasId = (snapshot: { id?: string }) => upstreamId(snapshot.id, 'a snapshot');

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
    atlasId: t.expose('id', { type: 'ObjectId' }),
    replicaSetName: t.exposeString('replicaSetName'),
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
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
      description: t.exposeString('description'),
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
      storageSizeBytes: t.expose('storageSizeBytes', { type: 'Long' }),
      mongodVersion: t.exposeString('mongodVersion'),
      masterKeyUUID: t.exposeString('masterKeyUUID', {
        description: 'The encryption key, for encrypted snapshots.',
      }),
      policyItemIds: t.expose('policyItems', {
        type: ['ObjectId'],
        nullable: { list: true, items: false },
        description: 'The backup policy items that took this snapshot.',
      }),
      cloudProvider: t.field({
        type: CloudProvider.ref,
        resolve: (s, _, c) => CloudProvider.known(s.cloudProvider, c),
      }),
      copyRegions: t.exposeStringList('copyRegions', {
        nullable: { list: true, items: false },
      }),
      replicaSetName: t.exposeString('replicaSetName'),
      configServerType: t.field({
        type: ConfigServerType.ref,
        resolve: (s, _, c) => ConfigServerType.known(s.configServerType, c),
      }),
      members: t.expose('members', {
        type: [ClusterSnapshotMemberRef],
        nullable: { list: true, items: false },
      }),
    }),
  });

export const ServerlessSnapshotRef = builder
  .objectRef<AtlasServerlessSnapshot>('ServerlessSnapshot')
  .implement({
    description: 'A backup snapshot of a serverless instance.',
    fields: (t) => ({
      atlasId: t.field({ type: 'ObjectId', nullable: false, resolve: atlasId }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
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
      storageSizeBytes: t.expose('storageSizeBytes', { type: 'Long' }),
      mongodVersion: t.exposeString('mongodVersion'),
      serverlessInstanceName: t.exposeString('serverlessInstanceName'),
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
    mongoDBVersion: t.exposeString('mongoDBVersion'),
    scheduledTime: t.expose('scheduledTime', { type: 'DateTime' }),
    startTime: t.expose('startTime', { type: 'DateTime' }),
    finishTime: t.expose('finishTime', { type: 'DateTime' }),
    expiration: t.expose('expiration', { type: 'DateTime' }),
  }),
});

export const ClusterSnapshotConnection = connectionType('ClusterSnapshot', ClusterSnapshotRef);
export const ServerlessSnapshotConnection = connectionType(
  'ServerlessSnapshot',
  ServerlessSnapshotRef,
);
export const FlexSnapshotConnection = connectionType('FlexSnapshot', FlexSnapshotRef);
