import type { AtlasPolicyItem } from '../../atlas/pipelines.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

const PolicyItemFrequencyType = upstreamEnum(
  'PolicyItemFrequencyType',
  ['daily', 'hourly', 'weekly', 'monthly', 'yearly', 'ondemand'],
  'How often a backup policy item takes a snapshot.',
);
const PolicyItemRetentionUnit = upstreamEnum(
  'PolicyItemRetentionUnit',
  ['days', 'weeks', 'months', 'years'],
  'The unit of a snapshot retention period.',
);

/** A backup policy item of a cluster: a schedule a periodic pipeline can ingest from (its `policyItemId`). */
export const PolicyItemRef = builder.objectRef<AtlasPolicyItem>('PolicyItem').implement({
  description: "One schedule of a cluster's backup policy.",
  fields: (t) => ({
    atlasId: t.expose('id', { type: 'ObjectId' }),
    frequencyType: t.field({
      type: PolicyItemFrequencyType.ref,
      resolve: (item, _, c) => PolicyItemFrequencyType.known(item.frequencyType, c),
    }),
    frequencyInterval: t.exposeInt('frequencyInterval', {
      description: 'Hours, weekday, or day of month, by frequency type (40: last day).',
    }),
    retentionUnit: t.field({
      type: PolicyItemRetentionUnit.ref,
      resolve: (item, _, c) => PolicyItemRetentionUnit.known(item.retentionUnit, c),
    }),
    retentionValue: t.exposeInt('retentionValue'),
  }),
});
