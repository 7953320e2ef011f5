import type { AtlasPipeline } from '../../atlas/pipelines.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

type Source = NonNullable<AtlasPipeline['source']>;
const text = (value: unknown) => (typeof value === 'string' ? value : null);

export const IngestionSourceType = upstreamEnum(
  'IngestionSourceType',
  ['PERIODIC_CPS', 'ON_DEMAND_CPS'],
  'Where a pipeline takes its snapshots from.',
);

export const IngestionSourceRef = builder.interfaceRef<Source>('IngestionSource').implement({
  description: 'The snapshots a pipeline ingests.',
  resolveType: (source) =>
    source.type === 'PERIODIC_CPS' ? 'PeriodicCpsSnapshotSource' : 'OnDemandCpsSnapshotSource',
  fields: (t) => ({
    type: t.field({
      type: IngestionSourceType.ref,
      resolve: (s, _, c) => IngestionSourceType.known(s.type, c),
    }),
    clusterName: t.string({ resolve: (s) => text(s.clusterName) }),
    databaseName: t.string({ resolve: (s) => text(s.databaseName) }),
    collectionName: t.string({ resolve: (s) => text(s.collectionName) }),
    projectId: t.field({
      type: 'ObjectId',
      description: 'Atlas `groupId` of the source cluster.',
      resolve: (s) => text(s.groupId),
    }),
  }),
});

builder.objectRef<Source>('PeriodicCpsSnapshotSource').implement({
  description: 'Scheduled Cloud Backup snapshots of a cluster, per one backup policy item.',
  interfaces: [IngestionSourceRef],
  fields: (t) => ({
    policyItemId: t.field({ type: 'ObjectId', resolve: (s) => text(s.policyItemId) }),
  }),
});

builder.objectRef<Source>('OnDemandCpsSnapshotSource').implement({
  description: 'On-demand Cloud Backup snapshots of a cluster, ingested by `triggerPipelineRun`.',
  interfaces: [IngestionSourceRef],
  fields: () => ({}),
});
