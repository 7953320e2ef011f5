import type { AtlasClusterRestoreJob } from '../../atlas/restore-jobs.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { loadClusterRestoreJob } from '../loaders/lookups.ts';
import { connectionType } from '../relay/connection.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { ClusterRef, ClusterRestoreJobRef, RestoreJobRef } from './refs.ts';
import { restoreJobFlagFields } from './restore-job-flags.ts';
import { clusterShape, type RestoreJobShape } from './shapes.ts';

export const ClusterRestoreJobDeliveryType = upstreamEnum(
  'ClusterRestoreJobDeliveryType',
  ['automated', 'download', 'pointInTime'],
  'Cloud Backup delivery types of dedicated clusters, as Atlas names them.',
);

type PrivateUrl = NonNullable<AtlasClusterRestoreJob['privateDownloadDeliveryUrls']>[number];

const PrivateDownloadUrlRef = builder
  .objectRef<PrivateUrl>('PrivateDownloadDeliveryUrl')
  .implement({
    description: 'A download link reachable through one private endpoint.',
    fields: (t) => ({
      deliveryUrl: t.exposeString('deliveryUrl'),
      endpointId: t.exposeString('endpointId', { description: 'The interface endpoint (vpce-…).' }),
    }),
  });

const RestoreComponentRef = builder
  .objectRef<NonNullable<AtlasClusterRestoreJob['components']>[number]>('ClusterRestoreComponent')
  .implement({
    description: 'The download of one shard (replica set) of a sharded-cluster restore.',
    fields: (t) => ({
      replicaSetName: t.exposeString('replicaSetName'),
      downloadUrl: t.exposeString('downloadUrl'),
      privateDownloadDeliveryUrls: t.field({
        type: [PrivateDownloadUrlRef],
        nullable: { list: true, items: false },
        resolve: (component) => component.privateDownloadDeliveryUrls ?? null,
      }),
    }),
  });

ClusterRestoreJobRef.implement({
  description:
    "A Cloud Backup restore job of a dedicated cluster: a snapshot or a moment restored into a cluster, or a snapshot's download.",
  interfaces: [NodeRef, RestoreJobRef],
  isTypeOf: (value) => (value as RestoreJobShape).kind === 'ClusterRestoreJob',
  fields: (t) => ({
    upstreamDeliveryType: t.field({
      type: ClusterRestoreJobDeliveryType.ref,
      resolve: (job, _, c) => ClusterRestoreJobDeliveryType.known(job.raw.deliveryType, c),
    }),
    ...restoreJobFlagFields(t),
    privateDownloadDeliveryUrls: t.field({
      type: [PrivateDownloadUrlRef],
      nullable: { list: true, items: false },
      resolve: (job) => job.raw.privateDownloadDeliveryUrls ?? null,
    }),
    components: t.field({
      type: [RestoreComponentRef],
      nullable: { list: true, items: false },
      description: 'Per shard, for a sharded cluster.',
      resolve: (job) => job.raw.components ?? null,
    }),
    cluster: t.field({
      type: ClusterRef,
      nullable: false,
      description: 'The cluster whose backup is restored.',
      resolve: (job) => clusterShape(job.groupId, job.clusterName),
    }),
  }),
});

export const ClusterRestoreJobConnection = connectionType(
  'ClusterRestoreJob',
  ClusterRestoreJobRef,
);

registerRefetch('ClusterRestoreJob', (id, context) =>
  loadClusterRestoreJob(context, id.groupId, id.keys[0]!, id.keys[1]!),
);
