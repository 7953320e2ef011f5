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
      value: t.exposeInt('value'),
      lastModifiedDate: t.expose('lastModifiedDate', { type: 'DateTime' }),
    }),
  });
