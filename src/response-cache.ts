import { createRedisCache } from '@envelop/response-cache-redis';
import { type Cache, createInMemoryCache } from '@graphql-yoga/plugin-response-cache';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CachedEntity } from './graph/context.ts';
import { decodeOpaque } from './graph/relay/opaque.ts';
import type { GatewayMetrics } from './metrics.ts';

/** A tag entity, not a schema type: one per project a cached response touches. */
const PROJECT_TAG = 'AtlasGraphProject';

interface Fill {
  done: Promise<void>;
  finish: () => void;
  storing: boolean;
}

/**
 * Single-flight fills (docs/upstream.md, "How the budget is spent"): while one request computes the
 * answer for a key that missed, identical requests wait for it instead of each running the operation,
 * so an entry expiring under fifty viewers costs one execution, not fifty. A waiter goes on (and
 * executes itself) when the first ends without storing (an error), or after `maxWaitMs`.
 */
export class CacheFills {
  private readonly fills = new Map<string, Fill>();
  private readonly maxWaitMs: number;

  constructor(maxWaitMs: number) {
    this.maxWaitMs = maxWaitMs;
  }

  /** Resolves when `key` may be read: at once (the caller fills it, true), or after the fill under way. */
  async enter(key: string): Promise<boolean> {
    const fill = this.fills.get(key);
    if (!fill) {
      let finish = () => {};
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      this.fills.set(key, { done, finish, storing: false });
      return true;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      fill.done,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.maxWaitMs);
      }),
    ]);
    clearTimeout(timer);
    return false;
  }

  /** The filler is writing the entry: waiters go once it is written (`stored`), not before. */
  storing(key: string): void {
    const fill = this.fills.get(key);
    if (fill) fill.storing = true;
  }

  stored(key: string): void {
    this.release(key);
  }

  /** The filler's request is over; unless its entry is still being written, waiters go on. */
  ended(key: string): void {
    if (!this.fills.get(key)?.storing) this.release(key);
  }

  private release(key: string): void {
    const fill = this.fills.get(key);
    if (!fill) return;
    this.fills.delete(key);
    fill.finish();
  }
}

/**
 * The response cache's store, in memory or in Redis (shared by every replica), tagging each cached
 * response with the projects it holds: every global ID carries its project (docs/graph.md), so a `node(id)`
 * answer is found by its project's invalidation as surely as a `project(id)` one. A store failure never
 * fails a request: a failed read is a miss, a failed write is not cached.
 */
export class ProjectTaggedCache implements Cache {
  private readonly store: Cache;
  private readonly logger: Logger;
  private readonly metrics: GatewayMetrics;
  /** Set by the response cache plugin: writes tell waiting requests their entry is there. */
  fills?: CacheFills;

  constructor(store: Cache, logger: Logger, metrics: GatewayMetrics) {
    this.store = store;
    this.logger = logger;
    this.metrics = metrics;
  }

  static inMemory(logger: Logger, metrics: GatewayMetrics): ProjectTaggedCache {
    return new ProjectTaggedCache(createInMemoryCache(), logger, metrics);
  }

  /** `redis` should carry a key prefix of its own (see yoga.ts), so cache keys never meet other keys. */
  static inRedis(redis: Redis, logger: Logger, metrics: GatewayMetrics): ProjectTaggedCache {
    return new ProjectTaggedCache(createRedisCache({ redis }) as Cache, logger, metrics);
  }

  /** Fills of this cache become single-flight: its writes release the requests waiting for them. */
  singleFlight(maxWaitMs: number): CacheFills {
    this.fills ??= new CacheFills(maxWaitMs);
    return this.fills;
  }

  async get(key: string) {
    try {
      const cached = await this.store.get(key);
      this.metrics.cacheLookup(cached != null);
      return cached;
    } catch (error) {
      this.logger.warn(
        { err: { message: (error as Error).message } },
        'response cache read failed; answering uncached',
      );
      this.metrics.cacheLookup(false);
      return undefined;
    }
  }

  async set(
    key: string,
    result: Parameters<Cache['set']>[1],
    entities: Parameters<Cache['set']>[2],
    ttl: number,
  ) {
    const tagged = [...entities];
    for (const groupId of projectsOf(tagged)) tagged.push({ typename: PROJECT_TAG, id: groupId });
    this.fills?.storing(key);
    try {
      await this.store.set(key, result, tagged, ttl);
    } catch (error) {
      this.logger.warn(
        { err: { message: (error as Error).message } },
        'response cache write failed',
      );
    } finally {
      this.fills?.stored(key);
    }
  }

  async invalidate(entities: Parameters<Cache['invalidate']>[0]) {
    try {
      await this.store.invalidate(entities);
    } catch (error) {
      // The change upstream is done; a stale answer can outlive it by one TTL at most.
      this.logger.warn(
        { err: { message: (error as Error).message } },
        'response cache invalidation failed',
      );
    }
  }

  /**
   * `GraphContext.invalidate`: a mutation names the objects it changed; every cached response holding
   * anything of their projects is dropped (for every credential and caller). Per project rather than per
   * object, because a change also moves lists, counts and null lookups that do not hold the object.
   */
  invalidateProjectsOf(entities: readonly CachedEntity[]): Promise<void> {
    return this.invalidate(
      [...projectsOf(entities)].map((groupId) => ({ typename: PROJECT_TAG, id: groupId })),
    );
  }
}

/** The projects named by global IDs (each carries its project id, docs/graph.md). */
function projectsOf(entities: Iterable<{ id?: number | string }>): Set<string> {
  const projects = new Set<string>();
  for (const entity of entities) {
    const groupId = typeof entity.id === 'string' ? decodeOpaque(entity.id)?.[2] : undefined;
    if (typeof groupId === 'string') projects.add(groupId);
  }
  return projects;
}
