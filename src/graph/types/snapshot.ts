import type {
  AtlasClusterSnapshot,
  AtlasFlexSnapshot,
  AtlasServerlessSnapshot,
} from '../../atlas/snapshots.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { upstreamId } from '../lib/upstream-id.ts';
import { loadClusterSnapshot } from '../loaders/lookups.ts';
import { connectionType } from '../relay/connection.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { ClusterRef, ClusterSnapshotRef } from './refs.ts';
import { type ClusterSnapshotShape, clusterShape } from './shapes.ts';

/**
 * Backup snapshots, as restores, exports and pipeline runs name them. A dedicated cluster's snapshot is a
 * node (one GET refetches it); serverless and Flex snapshots are not.
 */

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

ClusterSnapshotRef.implement({
  description:
    'A Cloud Backup snapshot of a dedicated cluster. Sharded-cluster fields are set only where Atlas gives them (availableSnapshots).',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as ClusterSnapshotShape).kind === 'ClusterSnapshot',
  fields: (t) => ({
    atlasId: t.field({ type: 'ObjectId', nullable: false, resolve: (s) => atlasId(s.raw) }),
    cluster: t.field({
      type: ClusterRef,
      nullable: false,
      resolve: (s) => clusterShape(s.groupId, s.clusterName),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.raw.createdAt ?? null }),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.raw.expiresAt ?? null }),
    description: t.string({ resolve: (s) => s.raw.description ?? null }),
    frequencyType: t.field({
      type: SnapshotFrequencyType.ref,
      resolve: (s, _, c) => SnapshotFrequencyType.known(s.raw.frequencyType, c),
    }),
    snapshotType: t.field({
      type: ClusterSnapshotType.ref,
      resolve: (s, _, c) => ClusterSnapshotType.known(s.raw.snapshotType, c),
    }),
    status: t.field({
      type: SnapshotStatus.ref,
      resolve: (s, _, c) => SnapshotStatus.known(s.raw.status, c),
    }),
    type: t.field({
      type: ClusterSnapshotClusterType.ref,
      resolve: (s, _, c) => ClusterSnapshotClusterType.known(s.raw.type, c),
    }),
    storageSizeBytes: t.field({ type: 'Long', resolve: (s) => s.raw.storageSizeBytes ?? null }),
    mongodVersion: t.string({ resolve: (s) => s.raw.mongodVersion ?? null }),
    masterKeyUUID: t.string({
      description: 'The encryption key, for encrypted snapshots.',
      resolve: (s) => s.raw.masterKeyUUID ?? null,
    }),
    policyItemIds: t.field({
      type: ['ObjectId'],
      nullable: { list: true, items: false },
      description: 'The backup policy items that took this snapshot.',
      resolve: (s) => s.raw.policyItems ?? null,
    }),
    cloudProvider: t.field({
      type: CloudProvider.ref,
      resolve: (s, _, c) => CloudProvider.known(s.raw.cloudProvider, c),
    }),
    copyRegions: t.stringList({
      nullable: { list: true, items: false },
      resolve: (s) => s.raw.copyRegions ?? null,
    }),
    replicaSetName: t.string({ resolve: (s) => s.raw.replicaSetName ?? null }),
    configServerType: t.field({
      type: ConfigServerType.ref,
      resolve: (s, _, c) => ConfigServerType.known(s.raw.configServerType, c),
    }),
    members: t.field({
      type: [ClusterSnapshotMemberRef],
      nullable: { list: true, items: false },
      resolve: (s) => s.raw.members ?? null,
    }),
    snapshotIds: t.field({
      type: ['ObjectId'],
      nullable: { list: true, items: false },
      description:
        "A sharded-cluster snapshot's member snapshots (one per shard and config server); null for a replica set, and where Atlas gives none (a cluster's snapshot list).",
      resolve: (s) => s.raw.snapshotIds ?? null,
    }),
  }),
});

registerRefetch('ClusterSnapshot', (id, context) =>
  loadClusterSnapshot(context, id.groupId, id.keys[0]!, id.keys[1]!),
);

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
