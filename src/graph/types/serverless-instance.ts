import { type AtlasServerlessRestoreJob, serverlessRestoreJobs } from '../../atlas/restore-jobs.ts';
import { serverlessSnapshots } from '../../atlas/snapshots.ts';
import { SERVERLESS_DEPRECATION } from '../lib/deprecations.ts';
import { loadServerlessRestoreJob } from '../loaders/lookups.ts';
import { connectionField } from '../relay/connection-field.ts';
import { ProjectRef, RestoreJobRef, ServerlessInstanceRef } from './refs.ts';
import { RestoreJobConnection } from './restore-job.ts';
import { projectShape, serverlessJobShape } from './shapes.ts';
import { ServerlessSnapshotConnection } from './snapshot.ts';

ServerlessInstanceRef.implement({
  description: `A serverless instance, reached by name. ${SERVERLESS_DEPRECATION}`,
  fields: (t) => ({
    name: t.exposeString('name', { nullable: false }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (instance) => projectShape(instance.groupId),
    }),
    restoreJobs: connectionField(t, {
      type: RestoreJobConnection,
      description: 'Restore jobs of this instance, newest first.',
      list: (instance) => serverlessRestoreJobs(instance.groupId, instance.name),
      node: (raw: AtlasServerlessRestoreJob, instance) =>
        serverlessJobShape(instance.groupId, instance.name, raw),
    }),
    snapshots: connectionField(t, {
      type: ServerlessSnapshotConnection,
      description: 'Backup snapshots of this instance, newest first.',
      list: (instance) => serverlessSnapshots(instance.groupId, instance.name),
    }),
    restoreJob: t.field({
      type: RestoreJobRef,
      description: 'One restore job by its Atlas id; null when it does not exist.',
      args: { id: t.arg({ type: 'ObjectId', required: true }) },
      resolve: (instance, { id }, context) =>
        loadServerlessRestoreJob(context, instance.groupId, instance.name, id),
    }),
  }),
});
