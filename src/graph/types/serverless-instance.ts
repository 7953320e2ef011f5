import { serverlessRestoreJobs, type AtlasServerlessRestoreJob } from '../../atlas/restore-jobs.ts';
import { builder } from '../builder.ts';
import { connectionArgs, resolveConnection } from '../relay/connection.ts';
import { collectionSource } from '../relay/connection-sources.ts';
import { SERVERLESS_DEPRECATION } from '../lib/deprecations.ts';
import { ProjectRef } from './project.ts';
import {
  RestoreJobConnection,
  RestoreJobRef,
  loadServerlessRestoreJob,
  serverlessJobShape,
} from './restore-job.ts';
import { serverlessSnapshots, type AtlasServerlessSnapshot } from '../../atlas/snapshots.ts';
import { ServerlessSnapshotConnection } from './snapshot.ts';
import { projectShape, type ServerlessInstanceShape } from './shapes.ts';

export const ServerlessInstanceRef = builder
  .objectRef<ServerlessInstanceShape>('ServerlessInstance')
  .implement({
    description: `A serverless instance, reached by name. ${SERVERLESS_DEPRECATION}`,
    fields: (t) => ({
      name: t.string({ nullable: false, resolve: (instance) => instance.name }),
      project: t.field({
        type: ProjectRef,
        nullable: false,
        resolve: (instance) => projectShape(instance.groupId),
      }),
      restoreJobs: t.field({
        type: RestoreJobConnection,
        nullable: false,
        description: 'Restore jobs of this instance, newest first.',
        args: connectionArgs(t.arg),
        resolve: (instance, args, context, info) =>
          resolveConnection(
            args,
            info,
            collectionSource<AtlasServerlessRestoreJob>(
              serverlessRestoreJobs(instance.groupId, instance.name),
              context,
            ),
            (raw) => serverlessJobShape(instance.groupId, instance.name, raw),
          ),
      }),
      snapshots: t.field({
        type: ServerlessSnapshotConnection,
        nullable: false,
        description: 'Backup snapshots of this instance, newest first.',
        args: connectionArgs(t.arg),
        resolve: (instance, args, context, info) =>
          resolveConnection(
            args,
            info,
            collectionSource<AtlasServerlessSnapshot>(
              serverlessSnapshots(instance.groupId, instance.name),
              context,
            ),
            (raw) => raw,
          ),
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
