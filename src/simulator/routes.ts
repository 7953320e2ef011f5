/** The route table: every operation of the contract subset, matched on percent-decoded segments. */
import { backupScheduleOperations } from './backup-schedule.ts';
import { clusterRestoreJobOperations } from './cluster-restore-jobs.ts';
import { clusterOperations } from './clusters.ts';
import { type AtlasError, badRequest } from './errors.ts';
import { exportBucketOperations } from './export-buckets.ts';
import { exportOperations } from './exports.ts';
import { flexOperations } from './flex.ts';
import { flexClusterOperations } from './flex-clusters.ts';
import type { Operation } from './operation.ts';
import { pipelineRunOperations } from './pipeline-runs.ts';
import { pipelineOperations } from './pipelines.ts';
import { projectOperations } from './projects.ts';
import { rateLimitOperations } from './rate-limits.ts';
import { rootOperations } from './root.ts';
import { serverlessOperations } from './serverless.ts';
import { serverlessInstanceOperations } from './serverless-instances.ts';
import { snapshotOperations } from './snapshots.ts';
import { CLUSTER_NAME, OBJECT_ID, PIPELINE_NAME } from './validation.ts';

export const OPERATIONS: readonly Operation[] = [
  ...rootOperations,
  ...pipelineOperations,
  ...pipelineRunOperations,
  ...exportOperations,
  ...exportBucketOperations,
  ...snapshotOperations,
  ...serverlessOperations,
  ...flexOperations,
  ...projectOperations,
  ...clusterOperations,
  ...flexClusterOperations,
  ...serverlessInstanceOperations,
  ...clusterRestoreJobOperations,
  ...backupScheduleOperations,
  ...rateLimitOperations,
];

/** The contract's path-parameter patterns, by parameter name. */
const PATH_PARAMETER_PATTERNS: Record<string, RegExp> = {
  groupId: OBJECT_ID,
  exportId: OBJECT_ID,
  exportBucketId: OBJECT_ID,
  snapshotId: OBJECT_ID,
  restoreJobId: OBJECT_ID,
  pipelineRunId: OBJECT_ID,
  clusterName: CLUSTER_NAME,
  name: CLUSTER_NAME,
  pipelineName: PIPELINE_NAME,
};

export interface RouteMatch {
  operation: Operation;
  /** Path parameters as received (still percent-encoded). */
  rawParams: Record<string, string>;
}

const compiled = OPERATIONS.map((operation) => ({
  operation,
  segments: operation.path.split('/'),
}));

export function matchRoute(method: string, rawPath: string): RouteMatch | undefined {
  const segments = rawPath.split('/');
  for (const { operation, segments: template } of compiled) {
    if (operation.method !== method || template.length !== segments.length) continue;
    const rawParams: Record<string, string> = {};
    const matches = template.every((part, index) => {
      const segment = segments[index] ?? '';
      if (!part.startsWith('{')) return part === segment;
      rawParams[part.slice(1, -1)] = segment;
      return segment !== '';
    });
    if (matches) return { operation, rawParams };
  }
  return undefined;
}

/** Decodes path parameters and checks them against the contract's patterns (400 otherwise). */
export function decodePathParams(rawParams: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(rawParams)) {
    const value = decodeSegment(raw);
    const pattern = PATH_PARAMETER_PATTERNS[name];
    if (value === undefined || (pattern && !pattern.test(value)))
      throw invalidPathParameter(name, raw);
    params[name] = value;
  }
  return params;
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function invalidPathParameter(name: string, raw: string): AtlasError {
  const description = `"${raw}" is not a valid ${name}.`;
  const errorCode = name === 'groupId' ? 'INVALID_GROUP_ID' : 'INVALID_PATH_PARAMETER';
  return badRequest(errorCode, `Invalid path parameter ${name}: ${description}`, [
    { field: name, description },
  ]);
}
