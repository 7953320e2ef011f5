import { builder } from '../builder.ts';
import { DatasetRetentionPolicyUnits } from '../types/dataset-retention-policy.ts';

/** What a pipeline and a triggered run both take as their datasets' retention. */
export const DatasetRetentionPolicyInput = builder.inputType('DatasetRetentionPolicyInput', {
  fields: (t) => ({
    units: t.field({ type: DatasetRetentionPolicyUnits.ref, required: true }),
    value: t.int({ required: true, description: 'At least 1.' }),
  }),
});
