/**
 * Atlas's rate-limit endpoint sets, with the default limits the contract's README lists ("not part of
 * the API contract"): which operations share a token bucket, at which scope, and how big it is. The
 * pipeline, serverless backup, serverless instance and Flex backup paths are in no published set; they
 * share a per-project bucket with the Cloud Backups defaults (src/simulator/rate-limit.ts).
 */
import { API_PREFIX, GROUP_PREFIX, type HttpMethod } from './operation.ts';

export type EndpointSetScope = 'IP' | 'GROUP' | 'ORGANIZATION' | 'USER';

export interface EndpointSet {
  id: string;
  name: string;
  scope: EndpointSetScope;
  capacity: number;
  /** Tokens added every `refillDurationSeconds`. */
  refillRate: number;
  refillDurationSeconds: number;
  endpoints: readonly { method: HttpMethod; path: string }[];
}

const CLUSTER = `${GROUP_PREFIX}/clusters/{clusterName}`;
const get = (path: string) => ({ method: 'GET' as const, path });

export const ENDPOINT_SETS: readonly EndpointSet[] = [
  {
    id: 'cloud-backups',
    name: 'Cloud Backups',
    scope: 'GROUP',
    capacity: 1_200,
    refillRate: 500,
    refillDurationSeconds: 60,
    endpoints: [
      get(`${GROUP_PREFIX}/backup/exportBuckets`),
      get(`${GROUP_PREFIX}/backup/exportBuckets/{exportBucketId}`),
      get(`${CLUSTER}/backup/exports`),
      { method: 'POST', path: `${CLUSTER}/backup/exports` },
      get(`${CLUSTER}/backup/exports/{exportId}`),
      get(`${CLUSTER}/backup/restoreJobs`),
      { method: 'POST', path: `${CLUSTER}/backup/restoreJobs` },
      get(`${CLUSTER}/backup/restoreJobs/{restoreJobId}`),
      { method: 'DELETE', path: `${CLUSTER}/backup/restoreJobs/{restoreJobId}` },
      get(`${CLUSTER}/backup/schedule`),
      get(`${CLUSTER}/backup/snapshots`),
      { method: 'POST', path: `${CLUSTER}/backup/snapshots` },
      get(`${CLUSTER}/backup/snapshots/{snapshotId}`),
      { method: 'DELETE', path: `${CLUSTER}/backup/snapshots/{snapshotId}` },
    ],
  },
  {
    id: 'projects-group',
    name: 'Projects',
    scope: 'GROUP',
    capacity: 1_200,
    refillRate: 500,
    refillDurationSeconds: 60,
    endpoints: [get(GROUP_PREFIX)],
  },
  {
    id: 'projects-user',
    name: 'Projects',
    scope: 'USER',
    capacity: 1_200,
    refillRate: 500,
    refillDurationSeconds: 60,
    endpoints: [get(`${API_PREFIX}/groups`)],
  },
  {
    id: 'clusters',
    name: 'Clusters',
    scope: 'GROUP',
    capacity: 10_000,
    refillRate: 5_000,
    refillDurationSeconds: 60,
    endpoints: [get(`${GROUP_PREFIX}/clusters`), get(CLUSTER)],
  },
  {
    id: 'flex-clusters',
    name: 'Flex Clusters',
    scope: 'GROUP',
    capacity: 1_200,
    refillRate: 500,
    refillDurationSeconds: 60,
    endpoints: [get(`${GROUP_PREFIX}/flexClusters`), get(`${GROUP_PREFIX}/flexClusters/{name}`)],
  },
  {
    id: 'rate-limits-inspection',
    name: 'Rate Limits Inspection',
    scope: 'USER',
    capacity: 300,
    refillRate: 100,
    refillDurationSeconds: 60,
    endpoints: [get(`${API_PREFIX}/rateLimits`), get(`${API_PREFIX}/rateLimits/{endpointSetId}`)],
  },
  {
    id: 'root',
    name: 'Root',
    scope: 'USER',
    capacity: 300,
    refillRate: 100,
    refillDurationSeconds: 60,
    endpoints: [get(API_PREFIX)],
  },
];

/** The name overrides use for the per-project bucket of operations in no set. */
export const UNLISTED_SET = 'unlisted';

/** The set an operation (method and path template) belongs to, if it is in one. */
export function endpointSetOf(method: string, pathTemplate: string): EndpointSet | undefined {
  return ENDPOINT_SETS.find((set) =>
    set.endpoints.some((endpoint) => endpoint.method === method && endpoint.path === pathTemplate),
  );
}
