/**
 * Rate limiting as Atlas reports it. API answers carry RateLimit-Limit/-Remaining from the token bucket
 * of the operation's endpoint set and scope (src/simulator/endpoint-sets.ts; operations in no set use a
 * per-project bucket with the Cloud Backups defaults: capacity 1200, refill 500 per minute). With
 * `enforceRateLimits`, a call finding its bucket empty is answered 429 with Atlas's body
 * (RATE_LIMITED_TOKEN_BUCKET); without, the buckets only inform. The OAuth token endpoint is really
 * limited: 10 requests per minute per client.
 */
export const RATE_LIMIT_CAPACITY = 1_200;
const REFILL_PER_MINUTE = 500;
const MINUTE_MS = 60_000;

/** A bucket's size and how fast it refills. */
export interface BucketLimits {
  capacity: number;
  refillRate: number;
  refillDurationSeconds: number;
}

export const DEFAULT_BUCKET: BucketLimits = {
  capacity: RATE_LIMIT_CAPACITY,
  refillRate: REFILL_PER_MINUTE,
  refillDurationSeconds: 60,
};

export class RateLimitMeter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /**
   * Spends one token of the `key` bucket and reports what is left (never below 0). With `enforce`, an
   * empty bucket spends nothing and says how many seconds until a token is back.
   */
  take(
    key: string,
    limits: BucketLimits = DEFAULT_BUCKET,
    enforce = false,
  ): { limit: number; remaining: number; retryAfterSeconds?: number } {
    const now = this.now();
    const { capacity, refillRate, refillDurationSeconds } = limits;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    const refilled = Math.min(
      capacity,
      bucket.tokens + ((now - bucket.updatedAt) * refillRate) / (refillDurationSeconds * 1000),
    );
    if (enforce && refilled < 1) {
      this.buckets.set(key, { tokens: refilled, updatedAt: now });
      const seconds = Math.max(1, Math.ceil(((1 - refilled) * refillDurationSeconds) / refillRate));
      return { limit: capacity, remaining: 0, retryAfterSeconds: seconds };
    }
    const tokens = Math.max(0, refilled - 1);
    this.buckets.set(key, { tokens, updatedAt: now });
    return { limit: capacity, remaining: Math.floor(tokens) };
  }

  clear(): void {
    this.buckets.clear();
  }
}

/** At most `limit` events per key in any sliding minute. */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  private readonly limit: number;
  private readonly now: () => number;

  constructor(limit: number, now: () => number) {
    this.limit = limit;
    this.now = now;
  }

  /** Records an attempt; returns the seconds to wait when it is over the limit, else undefined. */
  attempt(key: string): number | undefined {
    const now = this.now();
    const recent = (this.events.get(key) ?? []).filter((at) => now - at < MINUTE_MS);
    if (recent.length >= this.limit) {
      this.events.set(key, recent);
      return Math.max(1, Math.ceil((MINUTE_MS - (now - (recent[0] ?? now))) / 1000));
    }
    recent.push(now);
    this.events.set(key, recent);
    return undefined;
  }
}
