import type { AtlasCluster, AtlasHardwareSpec } from '../../atlas/clusters.ts';
import { builder } from '../builder.ts';

/** One region of one shard or zone, flattened from Atlas's replication specs. */
export interface ClusterRegionShape {
  zoneName?: string;
  providerName?: string;
  backingProviderName?: string;
  regionName?: string;
  priority?: number;
  electable?: AtlasHardwareSpec;
  readOnly?: AtlasHardwareSpec;
  analytics?: AtlasHardwareSpec;
}

/** Every region config of every replication spec, in Atlas's order. */
export const clusterRegions = (cluster: AtlasCluster): ClusterRegionShape[] =>
  (cluster.replicationSpecs ?? []).flatMap((spec) =>
    (spec.regionConfigs ?? []).map((config) => ({
      zoneName: spec.zoneName,
      providerName: config.providerName,
      backingProviderName: config.backingProviderName,
      // The contract types region names loosely (an object of per-provider enums); Atlas sends strings.
      regionName: typeof config.regionName === 'string' ? config.regionName : undefined,
      priority: config.priority,
      electable: config.electableSpecs,
      readOnly: config.readOnlySpecs,
      analytics: config.analyticsSpecs,
    })),
  );

const nodeCount = (spec: AtlasHardwareSpec | undefined) =>
  typeof spec?.nodeCount === 'number' ? spec.nodeCount : null;

export const ClusterRegionRef = builder.objectRef<ClusterRegionShape>('ClusterRegion').implement({
  description:
    "One region of a dedicated cluster's shard or zone: provider, region, priority and hardware.",
  fields: (t) => ({
    zoneName: t.string({ resolve: (region) => region.zoneName ?? null }),
    providerName: t.string({
      description: 'AWS, AZURE, GCP, or TENANT for shared tiers.',
      resolve: (region) => region.providerName ?? null,
    }),
    backingProviderName: t.string({
      description: 'The cloud under a TENANT region.',
      resolve: (region) => region.backingProviderName ?? null,
    }),
    regionName: t.string({ resolve: (region) => region.regionName ?? null }),
    priority: t.int({
      description: 'Election priority, 7 for the highest.',
      resolve: (region) => region.priority ?? null,
    }),
    instanceSize: t.string({
      description: "The electable nodes' size, such as M10.",
      resolve: (region) =>
        typeof region.electable?.instanceSize === 'string' ? region.electable.instanceSize : null,
    }),
    electableNodeCount: t.int({ resolve: (region) => nodeCount(region.electable) }),
    readOnlyNodeCount: t.int({ resolve: (region) => nodeCount(region.readOnly) }),
    analyticsNodeCount: t.int({ resolve: (region) => nodeCount(region.analytics) }),
    diskSizeGB: t.float({
      resolve: (region) =>
        typeof region.electable?.diskSizeGB === 'number' ? region.electable.diskSizeGB : null,
    }),
  }),
});
