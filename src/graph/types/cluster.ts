import type { AtlasBackupSchedule } from '../../atlas/backup-schedule.ts';
import { type AtlasCluster, getCluster } from '../../atlas/clusters.ts';
import { type AtlasExportJob, exportJobs } from '../../atlas/export-jobs.ts';
import { type AtlasClusterRestoreJob, clusterRestoreJobs } from '../../atlas/restore-jobs.ts';
import { type AtlasClusterSnapshot, clusterSnapshots } from '../../atlas/snapshots.ts';
import type { GraphContext } from '../context.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import {
  loadBackupSchedule,
  loadCluster,
  loadClusterRestoreJob,
  loadExportJob,
} from '../loaders/lookups.ts';
import { connectionType } from '../relay/connection.ts';
import { connectionField } from '../relay/connection-field.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { BackupScheduleRef } from './backup-schedule.ts';
import { ClusterRegionRef, clusterRegions } from './cluster-region.ts';
import { ClusterRestoreJobConnection } from './cluster-restore-job.ts';
import { describedFields } from './deployment-fields.ts';
import { ExportJobConnection } from './export-job.ts';
import { ClusterRef, ClusterRestoreJobRef, ExportJobRef, ProjectRef } from './refs.ts';
import {
  type ClusterShape,
  clusterJobShape,
  clusterSnapshotShape,
  exportJobShape,
  type NodeShape,
  projectShape,
} from './shapes.ts';
import { ClusterSnapshotConnection } from './snapshot.ts';

const ClusterType = upstreamEnum(
  'ClusterType',
  ['REPLICASET', 'SHARDED', 'GEOSHARDED'],
  'The topology of a dedicated cluster.',
);

/** The cluster as Atlas describes it: one GET, none when a list of this operation held it. */
const described = (cluster: ClusterShape, context: GraphContext) =>
  context.loaders.requests.load<AtlasCluster>(getCluster(cluster.groupId, cluster.name));

ClusterRef.implement({
  description:
    'A dedicated Atlas cluster, reached by name: its description, Cloud Backup snapshots, restore jobs, schedule and exports. Its name and lists cost no call for the cluster itself; its other fields read it once.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as NodeShape).kind === 'Cluster',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: false }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (cluster) => projectShape(cluster.groupId),
    }),
    ...describedFields(t, described),
    paused: t.boolean({
      resolve: async (cluster, _, context) => (await described(cluster, context)).paused ?? null,
    }),
    clusterType: t.field({
      type: ClusterType.ref,
      resolve: async (cluster, _, context) =>
        ClusterType.known((await described(cluster, context)).clusterType, context),
    }),
    backupEnabled: t.boolean({
      resolve: async (cluster, _, context) =>
        (await described(cluster, context)).backupEnabled ?? null,
    }),
    pitEnabled: t.boolean({
      description: 'Continuous Cloud Backup: restores to any moment of the restore window.',
      resolve: async (cluster, _, context) =>
        (await described(cluster, context)).pitEnabled ?? null,
    }),
    regions: t.field({
      type: [ClusterRegionRef],
      nullable: { list: true, items: false },
      description: "Every region of every shard or zone, in Atlas's order.",
      resolve: async (cluster, _, context) => clusterRegions(await described(cluster, context)),
    }),
    exportJobs: connectionField(t, {
      type: ExportJobConnection,
      description: 'Snapshot export jobs of this cluster, newest first.',
      list: (cluster) => exportJobs(cluster.groupId, cluster.name),
      node: (raw: AtlasExportJob, cluster) => exportJobShape(cluster.groupId, cluster.name, raw),
    }),
    snapshots: connectionField(t, {
      type: ClusterSnapshotConnection,
      description: 'Cloud Backup snapshots of this cluster, newest first.',
      list: (cluster) => clusterSnapshots(cluster.groupId, cluster.name),
      node: (raw: AtlasClusterSnapshot, cluster) =>
        clusterSnapshotShape(cluster.groupId, cluster.name, raw),
    }),
    exportJob: t.field({
      type: ExportJobRef,
      description: 'One export job by its Atlas id; null when it does not exist.',
      args: { id: t.arg({ type: 'ObjectId', required: true }) },
      resolve: (cluster, { id }, context) =>
        loadExportJob(context, cluster.groupId, cluster.name, id),
    }),
    restoreJobs: connectionField(t, {
      type: ClusterRestoreJobConnection,
      description: 'Cloud Backup restore jobs of this cluster, newest first.',
      list: (cluster) => clusterRestoreJobs(cluster.groupId, cluster.name),
      node: (raw: AtlasClusterRestoreJob, cluster) =>
        clusterJobShape(cluster.groupId, cluster.name, raw),
    }),
    restoreJob: t.field({
      type: ClusterRestoreJobRef,
      description: 'One restore job by its Atlas id; null when it does not exist.',
      args: { id: t.arg({ type: 'ObjectId', required: true }) },
      resolve: (cluster, { id }, context) =>
        loadClusterRestoreJob(context, cluster.groupId, cluster.name, id),
    }),
    backupSchedule: t.field({
      type: BackupScheduleRef,
      description: 'The Cloud Backup schedule; null when Atlas has none for this cluster.',
      resolve: async (cluster, _, context) => {
        const schedule = await loadBackupSchedule<AtlasBackupSchedule>(
          context,
          cluster.groupId,
          cluster.name,
        );
        return schedule && { ...schedule, groupId: cluster.groupId };
      },
    }),
  }),
});

export const ClusterConnection = connectionType('Cluster', ClusterRef);

registerRefetch('Cluster', (id, context) => loadCluster(context, id.groupId, id.keys[0]!));
