import { flexRestoreJobs, type AtlasFlexRestoreJob } from '../../atlas/restore-jobs.ts';
import { builder } from '../builder.ts';
import { connectionArgs, resolveConnection } from '../relay/connection.ts';
import { collectionSource } from '../relay/connection-sources.ts';
import { ProjectRef } from './project.ts';
import {
  RestoreJobConnection,
  RestoreJobRef,
  loadFlexRestoreJob,
  flexJobShape,
} from './restore-job.ts';
import { flexSnapshots, type AtlasFlexSnapshot } from '../../atlas/snapshots.ts';
import { FlexSnapshotConnection } from './snapshot.ts';
import { projectShape, type FlexClusterShape } from './shapes.ts';

export const FlexClusterRef = builder.objectRef<FlexClusterShape>('FlexCluster').implement({
  description: 'A Flex cluster, reached by name: the successor of serverless instances.',
  fields: (t) => ({
    name: t.string({ nullable: false, resolve: (cluster) => cluster.name }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (cluster) => projectShape(cluster.groupId),
    }),
    restoreJobs: t.field({
      type: RestoreJobConnection,
      nullable: false,
      description: 'Restore jobs of this Flex cluster, newest first.',
      args: connectionArgs(t.arg),
      resolve: (cluster, args, context, info) =>
        resolveConnection(
          args,
          info,
          collectionSource<AtlasFlexRestoreJob>(
            flexRestoreJobs(cluster.groupId, cluster.name),
            context,
          ),
          (raw) => flexJobShape(cluster.groupId, cluster.name, raw),
        ),
    }),
    snapshots: t.field({
      type: FlexSnapshotConnection,
      nullable: false,
      description: 'Backup snapshots of this Flex cluster, newest first.',
      args: connectionArgs(t.arg),
      resolve: (cluster, args, context, info) =>
        resolveConnection(
          args,
          info,
          collectionSource<AtlasFlexSnapshot>(
            flexSnapshots(cluster.groupId, cluster.name),
            context,
          ),
          (raw) => raw,
        ),
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
