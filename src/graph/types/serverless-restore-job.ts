import { SERVERLESS_DEPRECATION } from '../lib/deprecations.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { loadServerlessRestoreJob } from '../loaders/lookups.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { BsonTimestampRef } from './bson-timestamp.ts';
import { RestoreJobRef, ServerlessInstanceRef, ServerlessRestoreJobRef } from './refs.ts';
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
    cancelled: t.boolean({ resolve: (job) => job.raw.cancelled ?? null }),
    expired: t.boolean({ resolve: (job) => job.raw.expired ?? null }),
    failed: t.boolean({ resolve: (job) => job.raw.failed ?? null }),
    deliveryUrl: t.stringList({
      nullable: { list: true, items: false },
      description:
        'Signed download links (download delivery). Never logged or cached in shared stores.',
      resolve: (job) => job.raw.deliveryUrl ?? null,
    }),
    desiredTimestamp: t.field({
      type: BsonTimestampRef,
      resolve: (job) => job.raw.desiredTimestamp ?? null,
    }),
    timestamp: t.field({ type: 'DateTime', resolve: (job) => job.raw.timestamp ?? null }),
    oplogTs: t.int({ resolve: (job) => job.raw.oplogTs ?? null }),
    oplogInc: t.int({ resolve: (job) => job.raw.oplogInc ?? null }),
    pointInTimeUTCSeconds: t.int({ resolve: (job) => job.raw.pointInTimeUTCSeconds ?? null }),
    targetClusterName: t.string({ resolve: (job) => job.raw.targetClusterName ?? null }),
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
