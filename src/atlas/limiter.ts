import type { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AtlasCallError } from './errors.ts';

export interface ProjectLimiterOptions {
  /** Calls in flight at once, per project and credential (in this process). */
  concurrency: number;
  /** Steady token refill per minute, and the bucket's capacity (Atlas: 500 and 1200 for Cloud Backups). */
  ratePerMinute: number;
  burst: number;
  /** Shares the token bucket between replicas; without it, the bucket is this process's. */
  redis?: Redis;
}

/** Gates every upstream call of one project and credential, so a busy screen queues instead of being throttled. */
export interface ProjectLimiter {
  /**
   * Waits until one more call for `key` may start; resolves to its release. Rejects when `signal` aborts
   * (the client went away) or when the wait would pass `deadline`.
   */
  acquire(key: string, deadline: number, signal?: AbortSignal): Promise<() => void>;
  /** Calls waiting for a slot or a token, across keys (for metrics). */
  readonly queued: number;
}

interface Lane {
  active: number;
  waiting: (() => void)[];
}

const MINUTE_SECONDS = 60;

/**
 * Atlas refills a token bucket: `burst` tokens at most, `ratePerMinute` back each minute. rate-limiter-flexible
 * counts fixed windows, so the bucket is approximated by windows that admit the same average rate: a bucket
 * no larger than a minute's refill is one window of `burst` calls lasting burst/rate minutes; a larger one
 * is a minute's steady rate plus a burst window holding the remainder, refilled at the same pace.
 */
function tokenBucket(options: ProjectLimiterOptions): RateLimiterAbstract | BurstyRateLimiter {
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    options.redis
      ? new RateLimiterRedis({
          storeClient: options.redis,
          keyPrefix,
          points,
          duration,
          // A Redis outage must not stop traffic: this process's own bucket takes over meanwhile.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });
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

export function createProjectLimiter(options: ProjectLimiterOptions): ProjectLimiter {
  const bucket = tokenBucket(options);
  const lanes = new Map<string, Lane>();
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

  async function takeSlot(key: string, deadline: number, signal?: AbortSignal): Promise<void> {
    const lane = lanes.get(key) ?? { active: 0, waiting: [] };
    lanes.set(key, lane);
    if (lane.active < options.concurrency) {
      lane.active += 1;
      return;
    }
    await waitFor<void>(
      (resolve) => {
        const wake = () => resolve();
        lane.waiting.push(wake);
        return () => lane.waiting.splice(lane.waiting.indexOf(wake) >>> 0, 1);
      },
      deadline,
      signal,
    );
    // The releasing call handed its slot over: `active` already counts this one.
  }

  function release(key: string): void {
    const lane = lanes.get(key);
    if (!lane) return;
    const next = lane.waiting.shift();
    if (next) {
      next();
      return;
    }
    lane.active -= 1;
    if (lane.active === 0) lanes.delete(key);
  }

  async function takeToken(key: string, deadline: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      try {
        await bucket.consume(key);
        return;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const wait = rejection.msBeforeNext;
        if (Date.now() + wait > deadline) {
          throw new AtlasCallError(
            'RATE_LIMITED',
            'The per-project upstream rate limit is reached; retry later.',
            {
              retryAfter: Math.ceil(wait / 1000),
            },
          );
        }
        await waitFor<void>(
          (resolve) => {
            const timer = setTimeout(resolve, wait);
            return () => clearTimeout(timer);
          },
          deadline,
          signal,
        );
      }
    }
  }

  return {
    async acquire(key, deadline, signal) {
      if (signal?.aborted)
        throw new AtlasCallError('UPSTREAM_UNAVAILABLE', 'The request was cancelled.');
      await takeSlot(key, deadline, signal);
      try {
        await takeToken(key, deadline, signal);
      } catch (error) {
        release(key);
        throw error;
      }
      let released = false;
      return () => {
        if (!released) {
          released = true;
          release(key);
        }
      };
    },
    get queued() {
      return queued;
    },
  };
}
