/** Upstream deprecations the schema repeats in `@deprecated` reasons and type descriptions. */
export const PIPELINES_DEPRECATION =
  'Atlas Data Lake Pipelines are deprecated upstream and sunset on 2025-09-30; Atlas may no longer serve them.';
export const SERVERLESS_DEPRECATION =
  'Serverless instances are deprecated upstream (serverless backup sunset on 2026-01-22): use `flexCluster`, their successor.';
export const SERVERLESS_INSTANCES_DEPRECATION =
  'Serverless instances are deprecated upstream and sunset on 2027-01-18 (Atlas lists none since 2026-01-15): use `flexClusters`, their successor.';
