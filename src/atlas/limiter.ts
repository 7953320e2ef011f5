import type { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AtlasBuckets, type EndpointSet } from './atlas-buckets.ts';
import { AtlasCallError } from './errors.ts';
import { FleetSlots } from './fleet-slots.ts';

export interface ProjectLimiterOptions {
  /** Calls in flight at once, per project and credential (for the fleet with Redis). */
  concurrency: number;
  /**
   * The fallback bucket's steady refill per minute and capacity (Atlas: 500 and 1200 for Cloud Backups),
   * for routes in no endpoint set Atlas listed (src/atlas/atlas-buckets.ts).
   */
  ratePerMinute: number;
  burst: number;
  /** Shares the configured bucket between replicas, for every call; without it, none is shared. */
  redis?: Redis;
  now?: () => number;
}

/** One upstream call, as the limiter sees it. */
export interface LimiterTarget {
  /** The credential's key (never the secret): Atlas's buckets are per credential too. */
  credential: string;
  method: string;
  path: string;
  /** Who asked (src/auth/caller.ts `fairnessKey`): callers of one project take turns when calls queue. */
  caller?: string;
}

/** Gates every upstream call of one project and credential, so a busy screen queues instead of being throttled. */
export interface ProjectLimiter {
  /**
   * Waits until one more call for `target` may start; resolves to its release. Rejects when `signal`
   * aborts (the client went away) or when the wait would pass `deadline`.
   */
  acquire(target: LimiterTarget, deadline: number, signal?: AbortSignal): Promise<() => void>;
  /** Atlas's answer to a call: its `RateLimit-*` headers, and a 429's body, steer the bucket. */
  observe(target: LimiterTarget, answer: ObservedAnswer): void;
  /**
   * Whether `calls` more calls of this credential to `project` can be served before `deadline`: when
   * not, the seconds after which they could.
   */
  admits(credential: string, project: string, calls: number, deadline: number): AdmissionVerdict;
  /** The endpoint sets `listRateLimits` answered. */
  learnSets(sets: readonly EndpointSet[]): void;
  /** Calls waiting for a slot or a token, across keys (for metrics). */
  readonly queued: number;
  /** Tokens left per project and endpoint set (for metrics). */
  remaining(): { project: string; set: string; tokens: number }[];
  /** Seconds calls spent waiting for a slot or a token, told as each call starts (for metrics). */
  onWait?: (seconds: number) => void;
}

export interface ObservedAnswer {
  status: number;
  limit?: number;
  remaining?: number;
  retryAfter?: number;
  /** A 429's ApiError `parameters`. */
  parameters?: unknown;
}

export type AdmissionVerdict = { admitted: true } | { admitted: false; retryAfter: number };

interface Lane {
  active: number;
  /** Waiting calls by caller, served in turn: one caller's flood cannot starve the others. */
  waiting: Map<string, (() => void)[]>;
}

const MINUTE_SECONDS = 60;

/**
 * With Redis, the configured bucket is shared by every replica, for every call: rate-limiter-flexible
 * counts fixed windows, so the bucket is approximated by windows that admit the same average rate: a
 * bucket no larger than a minute's refill is one window of `burst` calls lasting burst/rate minutes; a
 * larger one is a minute's steady rate plus a burst window holding the remainder, refilled at the same pace.
 */
function fleetBucket(
  options: ProjectLimiterOptions & { redis: Redis },
): RateLimiterAbstract | BurstyRateLimiter {
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    new RateLimiterRedis({
      storeClient: options.redis,
      keyPrefix,
      points,
      duration,
      // A Redis outage must not stop traffic: this process's own bucket takes over meanwhile.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
  const windowFor = (points: number) =>
    Math.max(1, Math.round((points / options.ratePerMinute) * MINUTE_SECONDS));
  if (options.burst <= options.ratePerMinute) {
    return make('atlas-graph:upstream', options.burst, windowFor(options.burst));
  }
  const extra = options.burst - options.ratePerMinute;
  return new BurstyRateLimiter(
    make('atlas-graph:upstream', options.ratePerMinute, MINUTE_SECONDS),
    make('atlas-graph:upstream-burst', extra, windowFor(extra)),
  );
}

const projectOf = (path: string) => /^\/api\/atlas\/v2\/groups\/([^/]+)/.exec(path)?.[1] ?? '-';

export function createProjectLimiter(options: ProjectLimiterOptions): ProjectLimiter {
  const now = options.now ?? Date.now;
  const fleet = options.redis ? fleetBucket({ ...options, redis: options.redis }) : undefined;
  const buckets = new AtlasBuckets(
    { capacity: options.burst, refillRate: options.ratePerMinute, periodSeconds: MINUTE_SECONDS },
    now,
  );
  const lanes = new Map<string, Lane>();
  // With Redis the concurrency cap holds for the fleet too (src/atlas/fleet-slots.ts).
  const fleetSlots = options.redis ? new FleetSlots(options.redis, options.concurrency) : undefined;
  let queued = 0;
  const waitFor = <T>(
    start: (resolve: (value: T) => void) => () => void,
    deadline: number,
    signal?: AbortSignal,
  ) =>
    new Promise<T>((resolve, reject) => {
      queued += 1;
      let cancel = () => {};
      const finish = (outcome: () => void) => {
        queued -= 1;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        cancel();
        outcome();
      };
      const onAbort = () =>
        finish(() =>
          reject(
            new AtlasCallError('UPSTREAM_UNAVAILABLE', 'The request was cancelled while queued.'),
          ),
        );
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new AtlasCallError(
                'UPSTREAM_TIMEOUT',
                'No upstream slot came free before the deadline.',
              ),
            ),
          ),
        Math.max(0, deadline - Date.now()),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      cancel = start((value) => {
        cancel = () => {};
        finish(() => resolve(value));
      });
    });

  async function takeSlot(
    key: string,
    caller: string,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const lane = lanes.get(key) ?? { active: 0, waiting: new Map() };
    lanes.set(key, lane);
    if (lane.active < options.concurrency) {
      lane.active += 1;
      return;
    }
    await waitFor<void>(
      (resolve) => {
        const wake = () => resolve();
        const queue = lane.waiting.get(caller) ?? [];
        queue.push(wake);
        lane.waiting.set(caller, queue);
        return () => {
          const index = queue.indexOf(wake);
          if (index >= 0) queue.splice(index, 1);
          if (queue.length === 0 && lane.waiting.get(caller) === queue) lane.waiting.delete(caller);
        };
      },
      deadline,
      signal,
    );
    // The releasing call handed its slot over: `active` already counts this one.
  }

  function release(key: string): void {
    const lane = lanes.get(key);
    if (!lane) return;
    // Round robin: the first caller in line is served, then goes to the back of the line (a Map keeps
    // insertion order, so deleting and setting again moves it there).
    const first = lane.waiting.entries().next();
    if (!first.done) {
      const [caller, queue] = first.value;
      const next = queue.shift();
      lane.waiting.delete(caller);
      if (queue.length > 0) lane.waiting.set(caller, queue);
      if (next) {
        next();
        return;
      }
    }
    lane.active -= 1;
    if (lane.active === 0 && lane.waiting.size === 0) lanes.delete(key);
  }

  const rateLimited = (wait: number) =>
    new AtlasCallError(
      'RATE_LIMITED',
      'The per-project upstream rate limit is reached; retry later.',
      {
        retryAfter: Math.ceil(wait / 1000),
      },
    );

  const sleep = (wait: number, deadline: number, signal?: AbortSignal) =>
    waitFor<void>(
      (resolve) => {
        const timer = setTimeout(resolve, wait);
        return () => clearTimeout(timer);
      },
      deadline,
      signal,
    );

  async function takeToken(
    target: LimiterTarget,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const ref = buckets.resolve(target.credential, target.method, target.path);
    for (;;) {
      const wait = buckets.take(ref);
      if (wait === 0) break;
      if (now() + wait > deadline) throw rateLimited(wait);
      await sleep(wait, deadline, signal);
    }
    if (!fleet) return;
    const key = `${target.credential}|${projectOf(target.path)}`;
    for (;;) {
      try {
        await fleet.consume(key);
        return;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const wait = rejection.msBeforeNext;
        if (now() + wait > deadline) {
          buckets.refund(ref);
          throw rateLimited(wait);
        }
        await sleep(wait, deadline, signal);
      }
    }
  }

  const limiter: ProjectLimiter = {
    async acquire(target, deadline, signal) {
      if (signal?.aborted)
        throw new AtlasCallError('UPSTREAM_UNAVAILABLE', 'The request was cancelled.');
      const key = `${target.credential}|${projectOf(target.path)}`;
      const started = now();
      await takeSlot(key, target.caller ?? '-', deadline, signal);
      let leave = () => release(key);
      try {
        if (fleetSlots) {
          const lease = await fleetSlots.acquire(key, deadline, signal);
          if (!lease) {
            if (signal?.aborted)
              throw new AtlasCallError(
                'UPSTREAM_UNAVAILABLE',
                'The request was cancelled while queued.',
              );
            throw new AtlasCallError(
              'UPSTREAM_TIMEOUT',
              'No upstream slot came free before the deadline.',
            );
          }
          leave = () => {
            lease();
            release(key);
          };
        }
        await takeToken(target, deadline, signal);
      } catch (error) {
        leave();
        throw error;
      }
      limiter.onWait?.((now() - started) / 1000);
      let released = false;
      return () => {
        if (!released) {
          released = true;
          leave();
        }
      };
    },
    observe(target, answer) {
      const ref = buckets.resolve(target.credential, target.method, target.path);
      if (answer.status === 429) buckets.throttled(ref, answer.retryAfter, answer.parameters);
      else buckets.observe(ref, answer.limit, answer.remaining);
    },
    admits(credential, project, calls, deadline) {
      // Which routes an operation will use is not known before it runs, only how many calls at most:
      // it is refused when none of the project's buckets (the fallback, and every listed GROUP bucket
      // it has used) could serve them all. A bucket that runs dry mid-way is then the limiter's, per call.
      const refs = [
        buckets.resolve(credential, 'GET', `/api/atlas/v2/groups/${project}`),
        ...buckets.projectBuckets(credential, project),
      ];
      let readyInMs = Number.POSITIVE_INFINITY;
      for (const ref of refs) {
        const budget = buckets.budget(ref, deadline, calls);
        if (budget.calls >= calls) return { admitted: true };
        readyInMs = Math.min(readyInMs, budget.readyInMs);
      }
      const seconds = Number.isFinite(readyInMs) ? Math.max(1, Math.ceil(readyInMs / 1000)) : 60;
      return { admitted: false, retryAfter: seconds };
    },
    learnSets(sets) {
      buckets.learnSets(sets);
    },
    get queued() {
      return queued;
    },
    remaining: () => buckets.remaining(),
  };
  return limiter;
}
