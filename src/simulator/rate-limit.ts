/**
 * Rate limiting as Atlas reports it. API answers carry RateLimit-Limit/-Remaining from a token bucket
 * per project (Atlas's documented Cloud Backups defaults: capacity 1200, refill 500 per minute); the
 * bucket only informs, throttling of the API is left to injected faults. The OAuth token endpoint is
 * really limited: 10 requests per minute per client.
 */
export const RATE_LIMIT_CAPACITY = 1_200;
const REFILL_PER_MINUTE = 500;
const MINUTE_MS = 60_000;

export class RateLimitMeter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Spends one token of `scope`'s bucket and reports what is left (never below 0). */
  take(scope: string): { limit: number; remaining: number } {
    const now = this.now();
    const bucket = this.buckets.get(scope) ?? { tokens: RATE_LIMIT_CAPACITY, updatedAt: now };
    const refilled = Math.min(
      RATE_LIMIT_CAPACITY,
      bucket.tokens + ((now - bucket.updatedAt) * REFILL_PER_MINUTE) / MINUTE_MS,
    );
    const tokens = Math.max(0, refilled - 1);
    this.buckets.set(scope, { tokens, updatedAt: now });
    return { limit: RATE_LIMIT_CAPACITY, remaining: Math.floor(tokens) };
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
