import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Takes a lease if fewer than `limit` unexpired ones are held: drops lapsed leases first (a replica that
 * died leaves its leases behind; they lapse at their expiry), then adds ours.
 */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

const POLL_MS = 10;

/**
 * UPSTREAM_PROJECT_CONCURRENCY for the whole fleet (with REDIS_URL): each call in flight holds a lease
 * in Redis (a sorted set per project and credential, scored by expiry). A lease lasts until its call's
 * deadline (a call never outlives it) plus a margin, so the leases of a replica that dies lapse on their
 * own. Waiting replicas poll: the wait is short next to an Atlas call.
 */
export class FleetSlots {
  private readonly redis: Redis;
  private readonly limit: number;
  private readonly replica = randomUUID();
  private counter = 0;

  constructor(redis: Redis, limit: number) {
    this.redis = redis;
    this.limit = limit;
  }

  /** Waits for a lease on `key` until `deadline`; resolves to its release, or undefined when none came. */
  async acquire(
    key: string,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<(() => void) | undefined> {
    const redisKey = `atlas-graph:upstream-slots:${key}`;
    const member = `${this.replica}:${this.counter++}`;
    const expiry = deadline + 1_000;
    for (;;) {
      const now = Date.now();
      let taken: number;
      try {
        taken = (await this.redis.eval(
          TAKE,
          1,
          redisKey,
          now,
          this.limit,
          expiry,
          member,
          Math.max(1, expiry - now),
        )) as number;
      } catch {
        // A Redis outage must not stop traffic: this process's own cap still holds meanwhile.
        return () => {};
      }
      if (taken === 1)
        return () => {
          this.redis.zrem(redisKey, member).catch(() => {});
        };
      if (Date.now() + POLL_MS > deadline || signal?.aborted) return undefined;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
