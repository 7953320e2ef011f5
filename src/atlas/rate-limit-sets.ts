import type { Logger } from 'pino';
import type { EndpointSet, EndpointSetScope } from './atlas-buckets.ts';
import type { AtlasClient } from './client.ts';
import type { ProjectLimiter } from './limiter.ts';
import { ATLAS_2025_03_12 } from './media-types.ts';

interface ListedSet {
  endpointSetId: string;
  endpointSetName: string;
  scope: EndpointSetScope;
  endpoints: { method: string; path: string }[];
  capacity?: { value?: number };
  refillRate?: { value?: number };
  refillDurationSeconds?: { value?: number };
}

const READ_TIMEOUT_MS = 10_000;

/** `listRateLimits`: which routes share a bucket, at which scope, and its size (one page holds them all). */
export async function readRateLimitSets(client: AtlasClient): Promise<EndpointSet[]> {
  const page = await client.call<{ results?: ListedSet[] }>(
    {
      operation: 'listRateLimits',
      method: 'GET',
      path: '/api/atlas/v2/rateLimits',
      query: 'itemsPerPage=500',
      accept: ATLAS_2025_03_12,
    },
    { requestId: 'rate-limits', deadline: Date.now() + READ_TIMEOUT_MS },
  );
  return (page.results ?? [])
    .filter(
      (set) =>
        (set.capacity?.value ?? 0) > 0 &&
        (set.refillRate?.value ?? 0) > 0 &&
        (set.refillDurationSeconds?.value ?? 0) > 0,
    )
    .map((set) => ({
      id: set.endpointSetId,
      name: set.endpointSetName,
      scope: set.scope,
      limits: {
        capacity: set.capacity!.value!,
        refillRate: set.refillRate!.value!,
        periodSeconds: set.refillDurationSeconds!.value!,
      },
      endpoints: set.endpoints ?? [],
    }));
}

/**
 * Reads the endpoint sets at start and every `everyMs` (UPSTREAM_RATE_LIMITS_REFRESH_MS), with the
 * gateway's own credential. A failed read keeps what was known (at first: the configured bucket for
 * every route). Answers the stop function.
 */
export function refreshRateLimitSets(
  client: AtlasClient,
  limiter: ProjectLimiter,
  everyMs: number,
  logger: Logger,
): () => void {
  const read = () =>
    readRateLimitSets(client).then(
      (sets) => limiter.learnSets(sets),
      (error: Error) =>
        logger.warn({ err: { message: error.message } }, 'Atlas rate limits could not be read'),
    );
  void read();
  const timer = setInterval(read, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
