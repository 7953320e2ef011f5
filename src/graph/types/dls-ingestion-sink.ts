import type { AtlasPipeline } from '../../atlas/pipelines.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

type Sink = NonNullable<AtlasPipeline['sink']>;

const IngestionSinkType = upstreamEnum(
  'IngestionSinkType',
  ['DLS'],
  'Where a pipeline writes: DLS is Atlas Data Lake Storage.',
);
export const DlsMetadataProvider = upstreamEnum(
  'DlsIngestionSinkMetadataProvider',
  ['AWS'],
  'Cloud provider holding the sink metadata.',
);

const PartitionFieldRef = builder
  .objectRef<{ fieldName?: string; order?: number }>('PartitionField')
  .implement({
    fields: (t) => ({
      fieldName: t.string({ nullable: false, resolve: (f) => f.fieldName ?? '' }),
      order: t.int({ nullable: false, resolve: (f) => f.order ?? 0 }),
    }),
  });

export const DlsIngestionSinkRef = builder.objectRef<Sink>('DlsIngestionSink').implement({
  description: 'Atlas Data Lake Storage, where a pipeline writes its datasets.',
  fields: (t) => ({
    type: t.field({
      type: IngestionSinkType.ref,
      resolve: (s, _, c) => IngestionSinkType.known(s.type, c),
    }),
    metadataProvider: t.field({
      type: DlsMetadataProvider.ref,
      resolve: (s, _, c) => DlsMetadataProvider.known(s.metadataProvider, c),
    }),
    metadataRegion: t.string({
      resolve: (s) => (typeof s.metadataRegion === 'string' ? s.metadataRegion : null),
    }),
    partitionFields: t.field({
      type: [PartitionFieldRef],
      nullable: { list: true, items: false },
      resolve: (s) => (Array.isArray(s.partitionFields) ? s.partitionFields : null),
    }),
  }),
});
