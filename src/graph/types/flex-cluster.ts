import { type AtlasFlexRestoreJob, flexRestoreJobs } from '../../atlas/restore-jobs.ts';
import { flexSnapshots } from '../../atlas/snapshots.ts';
import { loadFlexRestoreJob } from '../loaders/lookups.ts';
import { connectionField } from '../relay/connection-field.ts';
import { FlexClusterRef, ProjectRef, RestoreJobRef } from './refs.ts';
import { RestoreJobConnection } from './restore-job.ts';
import { flexJobShape, projectShape } from './shapes.ts';
import { FlexSnapshotConnection } from './snapshot.ts';

FlexClusterRef.implement({
  description: 'A Flex cluster, reached by name: the successor of serverless instances.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: false }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (cluster) => projectShape(cluster.groupId),
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
