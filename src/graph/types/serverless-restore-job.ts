import { SERVERLESS_DEPRECATION } from '../lib/deprecations.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { loadServerlessRestoreJob } from '../loaders/lookups.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { RestoreJobRef, ServerlessInstanceRef, ServerlessRestoreJobRef } from './refs.ts';
import { restoreJobFlagFields } from './restore-job-flags.ts';
import { type RestoreJobShape, serverlessInstanceShape } from './shapes.ts';

export const ServerlessRestoreJobDeliveryType = upstreamEnum(
  'ServerlessRestoreJobDeliveryType',
  ['automated', 'download', 'pointInTime'],
  'Serverless backup delivery types as Atlas names them.',
);

ServerlessRestoreJobRef.implement({
  description: `A restore job of a serverless instance. ${SERVERLESS_DEPRECATION}`,
  interfaces: [NodeRef, RestoreJobRef],
  isTypeOf: (value) => (value as RestoreJobShape).kind === 'ServerlessRestoreJob',
  fields: (t) => ({
    upstreamDeliveryType: t.field({
      type: ServerlessRestoreJobDeliveryType.ref,
      resolve: (job, _, c) => ServerlessRestoreJobDeliveryType.known(job.raw.deliveryType, c),
    }),
    ...restoreJobFlagFields(t),
    serverlessInstance: t.field({
      type: ServerlessInstanceRef,
      nullable: false,
      resolve: (job) => serverlessInstanceShape(job.groupId, job.instanceName),
    }),
  }),
});

registerRefetch('ServerlessRestoreJob', (id, context) =>
  loadServerlessRestoreJob(context, id.groupId, id.keys[0]!, id.keys[1]!),
);
