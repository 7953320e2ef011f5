import { type AtlasServerlessRestoreJob, serverlessRestoreJobs } from '../../atlas/restore-jobs.ts';
import {
  type AtlasServerlessInstance,
  getServerlessInstance,
} from '../../atlas/serverless-instances.ts';
import { serverlessSnapshots } from '../../atlas/snapshots.ts';
import { builder } from '../builder.ts';
import type { GraphContext } from '../context.ts';
import { SERVERLESS_DEPRECATION } from '../lib/deprecations.ts';
import { loadServerlessInstance, loadServerlessRestoreJob } from '../loaders/lookups.ts';
import { connectionType } from '../relay/connection.ts';
import { connectionField } from '../relay/connection-field.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { describedFields } from './deployment-fields.ts';
import { ProjectRef, RestoreJobRef, ServerlessInstanceRef } from './refs.ts';
import { RestoreJobConnection } from './restore-job.ts';
import {
  type NodeShape,
  projectShape,
  type ServerlessInstanceShape,
  serverlessJobShape,
} from './shapes.ts';
import { ServerlessSnapshotConnection } from './snapshot.ts';

/** The instance as Atlas describes it: one GET, none when a list of this operation held it. */
const described = (instance: ServerlessInstanceShape, context: GraphContext) =>
  context.loaders.requests.load<AtlasServerlessInstance>(
    getServerlessInstance(instance.groupId, instance.name),
  );

const ServerlessProviderSettingsRef = builder
  .objectRef<NonNullable<AtlasServerlessInstance['providerSettings']>>('ServerlessProviderSettings')
  .implement({
    description: 'Where a serverless instance runs.',
    fields: (t) => ({
      backingProviderName: t.exposeString('backingProviderName', {
        description: 'The cloud under it: AWS, AZURE or GCP.',
      }),
      regionName: t.exposeString('regionName'),
      effectiveProviderName: t.exposeString('effectiveProviderName', {
        description: 'FLEX once Atlas has migrated the instance to a Flex cluster.',
      }),
      effectiveDiskSizeGBLimit: t.exposeInt('effectiveDiskSizeGBLimit'),
      effectiveInstanceSizeName: t.string({
        // The contract types it loosely (an object of per-provider enums); Atlas sends a string.
        resolve: (settings) =>
          typeof settings.effectiveInstanceSizeName === 'string'
            ? settings.effectiveInstanceSizeName
            : null,
      }),
    }),
  });

ServerlessInstanceRef.implement({
  description: `A serverless instance, reached by name. ${SERVERLESS_DEPRECATION}`,
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as NodeShape).kind === 'ServerlessInstance',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: false }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (instance) => projectShape(instance.groupId),
    }),
    ...describedFields(t, described),
    backupEnabled: t.boolean({
      description: 'Serverless continuous backup (no effect on Flex-backed instances).',
      resolve: async (instance, _, context) =>
        (await described(instance, context)).serverlessBackupOptions
          ?.serverlessContinuousBackupEnabled ?? null,
    }),
    providerSettings: t.field({
      type: ServerlessProviderSettingsRef,
      resolve: async (instance, _, context) =>
        (await described(instance, context)).providerSettings ?? null,
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

export const ServerlessInstanceConnection = connectionType(
  'ServerlessInstance',
  ServerlessInstanceRef,
);

registerRefetch('ServerlessInstance', (id, context) =>
  loadServerlessInstance(context, id.groupId, id.keys[0]!),
);
