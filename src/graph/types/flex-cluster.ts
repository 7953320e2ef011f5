import { type AtlasFlexCluster, getFlexCluster } from '../../atlas/flex-clusters.ts';
import { type AtlasFlexRestoreJob, flexRestoreJobs } from '../../atlas/restore-jobs.ts';
import { flexSnapshots } from '../../atlas/snapshots.ts';
import { builder } from '../builder.ts';
import type { GraphContext } from '../context.ts';
import { loadFlexCluster, loadFlexRestoreJob } from '../loaders/lookups.ts';
import { connectionType } from '../relay/connection.ts';
import { connectionField } from '../relay/connection-field.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { describedFields } from './deployment-fields.ts';
import { FlexClusterRef, ProjectRef, RestoreJobRef } from './refs.ts';
import { RestoreJobConnection } from './restore-job.ts';
import { type FlexClusterShape, flexJobShape, type NodeShape, projectShape } from './shapes.ts';
import { FlexSnapshotConnection } from './snapshot.ts';

/** The Flex cluster as Atlas describes it: one GET, none when a list of this operation held it. */
const described = (cluster: FlexClusterShape, context: GraphContext) =>
  context.loaders.requests.load<AtlasFlexCluster>(getFlexCluster(cluster.groupId, cluster.name));

const FlexProviderSettingsRef = builder
  .objectRef<NonNullable<AtlasFlexCluster['providerSettings']>>('FlexProviderSettings')
  .implement({
    description: 'Where a Flex cluster runs.',
    fields: (t) => ({
      backingProviderName: t.exposeString('backingProviderName', {
        description: 'The cloud under it: AWS, AZURE or GCP.',
      }),
      regionName: t.exposeString('regionName'),
      diskSizeGB: t.exposeFloat('diskSizeGB'),
    }),
  });

FlexClusterRef.implement({
  description:
    'A Flex cluster, reached by name: the successor of serverless instances. Its name and lists cost no call for the cluster itself; its other fields read it once.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as NodeShape).kind === 'FlexCluster',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: false }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (cluster) => projectShape(cluster.groupId),
    }),
    ...describedFields(t, described),
    clusterType: t.string({
      description: 'Always REPLICASET for Flex clusters.',
      resolve: async (cluster, _, context) =>
        (await described(cluster, context)).clusterType ?? null,
    }),
    backupEnabled: t.boolean({
      resolve: async (cluster, _, context) =>
        (await described(cluster, context)).backupSettings?.enabled ?? null,
    }),
    providerSettings: t.field({
      type: FlexProviderSettingsRef,
      resolve: async (cluster, _, context) =>
        (await described(cluster, context)).providerSettings ?? null,
    }),
    restoreJobs: connectionField(t, {
      type: RestoreJobConnection,
      description: 'Restore jobs of this Flex cluster, newest first.',
      list: (cluster) => flexRestoreJobs(cluster.groupId, cluster.name),
      node: (raw: AtlasFlexRestoreJob, cluster) => flexJobShape(cluster.groupId, cluster.name, raw),
    }),
    snapshots: connectionField(t, {
      type: FlexSnapshotConnection,
      description: 'Backup snapshots of this Flex cluster, newest first.',
      list: (cluster) => flexSnapshots(cluster.groupId, cluster.name),
    }),
    restoreJob: t.field({
      type: RestoreJobRef,
      description: 'One restore job by its Atlas id; null when it does not exist.',
      args: { id: t.arg({ type: 'ObjectId', required: true }) },
      resolve: (cluster, { id }, context) =>
        loadFlexRestoreJob(context, cluster.groupId, cluster.name, id),
    }),
  }),
});

export const FlexClusterConnection = connectionType('FlexCluster', FlexClusterRef);

registerRefetch('FlexCluster', (id, context) => loadFlexCluster(context, id.groupId, id.keys[0]!));
