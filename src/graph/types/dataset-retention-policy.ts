import type { AtlasDatasetRetentionPolicy } from '../../atlas/pipelines.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

export const DatasetRetentionPolicyUnits = upstreamEnum(
  'DatasetRetentionPolicyUnits',
  ['DAYS', 'WEEKS', 'MONTHS'],
  'The unit of a dataset retention period.',
);

export const DatasetRetentionPolicyRef = builder
  .objectRef<AtlasDatasetRetentionPolicy>('DatasetRetentionPolicy')
  .implement({
    description: 'How long the datasets of a pipeline run are kept.',
    fields: (t) => ({
      units: t.field({
        type: DatasetRetentionPolicyUnits.ref,
        resolve: (policy, _, context) => DatasetRetentionPolicyUnits.known(policy.units, context),
      }),
      value: t.int({ resolve: (policy) => policy.value ?? null }),
      lastModifiedDate: t.field({
        type: 'DateTime',
        resolve: (policy) => policy.lastModifiedDate ?? null,
      }),
    }),
  });

export const DatasetRetentionPolicyInput = builder.inputType('DatasetRetentionPolicyInput', {
  fields: (t) => ({
    units: t.field({ type: DatasetRetentionPolicyUnits.ref, required: true }),
    value: t.int({ required: true, description: 'At least 1.' }),
  }),
});
