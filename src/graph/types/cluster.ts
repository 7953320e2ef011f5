import { type AtlasExportJob, exportJobs } from '../../atlas/export-jobs.ts';
import { type AtlasClusterSnapshot, clusterSnapshots } from '../../atlas/snapshots.ts';
import { loadExportJob } from '../loaders/lookups.ts';
import { connectionField } from '../relay/connection-field.ts';
import { ExportJobConnection } from './export-job.ts';
import { ClusterRef, ExportJobRef, ProjectRef } from './refs.ts';
import { clusterSnapshotShape, exportJobShape, projectShape } from './shapes.ts';
import { ClusterSnapshotConnection } from './snapshot.ts';

ClusterRef.implement({
  description: 'An Atlas cluster, reached by name; its Cloud Backup snapshot exports.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: false }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (cluster) => projectShape(cluster.groupId),
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
  }),
});
