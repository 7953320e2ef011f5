import { exportJobs, type AtlasExportJob } from '../../atlas/export-jobs.ts';
import { builder } from '../builder.ts';
import { connectionArgs, resolveConnection } from '../relay/connection.ts';
import { collectionSource } from '../relay/connection-sources.ts';
import { ExportJobConnection, ExportJobRef, exportJobShape, loadExportJob } from './export-job.ts';
import { ProjectRef } from './project.ts';
import { projectShape, type ClusterShape } from './shapes.ts';
import { clusterSnapshots, type AtlasClusterSnapshot } from '../../atlas/snapshots.ts';
import { ClusterSnapshotConnection } from './snapshot.ts';

export const ClusterRef = builder.objectRef<ClusterShape>('Cluster').implement({
  description: 'An Atlas cluster, reached by name; its Cloud Backup snapshot exports.',
  fields: (t) => ({
    name: t.string({ nullable: false, resolve: (cluster) => cluster.name }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (cluster) => projectShape(cluster.groupId),
    }),
    exportJobs: t.field({
      type: ExportJobConnection,
      nullable: false,
      description: 'Snapshot export jobs of this cluster, newest first.',
      args: connectionArgs(t.arg),
      resolve: (cluster, args, context, info) =>
        resolveConnection(
          args,
          info,
          collectionSource<AtlasExportJob>(exportJobs(cluster.groupId, cluster.name), context),
          (raw) => exportJobShape(cluster.groupId, cluster.name, raw),
        ),
    }),
    snapshots: t.field({
      type: ClusterSnapshotConnection,
      nullable: false,
      description: 'Cloud Backup snapshots of this cluster, newest first.',
      args: connectionArgs(t.arg),
      resolve: (cluster, args, context, info) =>
        resolveConnection(
          args,
          info,
          collectionSource<AtlasClusterSnapshot>(
            clusterSnapshots(cluster.groupId, cluster.name),
            context,
          ),
          (raw) => raw,
        ),
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
