import type { AtlasServerlessRestoreJob } from '../../atlas/restore-jobs.ts';
import type { builder } from '../builder.ts';
import { BsonTimestampRef } from './bson-timestamp.ts';

type SchemaTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/**
 * The raw fields of the restore jobs Atlas describes by flags rather than a status (dedicated clusters'
 * and serverless instances'): the same schema upstream, so the same fields here.
 */
export function restoreJobFlagFields<Parent extends { raw: AtlasServerlessRestoreJob }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Parent>,
) {
  return {
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
  };
}
