/**
 * Atlas's token buckets as this process sees them (contract README, "Rate limits"; docs/upstream.md, "How
 * the budget is spent"). Atlas keeps a bucket per endpoint set and scope; `listRateLimits` says which
 * routes share one, at which scope and how big it is. Routes in no listed set share a bucket per
 * credential and project with the configured size (UPSTREAM_PROJECT_BURST, _RATE_PER_MINUTE): the
 * fallback. Atlas's own signals then steer every bucket: `RateLimit-Limit`/`RateLimit-Remaining` on each
 * answer (what other callers and replicas spent shows there), and a 429's body (retry seconds, capacity,
 * refill rate, period).
 */

export type EndpointSetScope = 'GROUP' | 'ORGANIZATION' | 'USER' | 'IP';

export interface BucketLimits {
  capacity: number;
  /** Tokens added every `periodSeconds`. */
  refillRate: number;
  periodSeconds: number;
}

export interface EndpointSet {
  id: string;
  name: string;
  scope: EndpointSetScope;
  limits: BucketLimits;
  endpoints: readonly { method: string; path: string }[];
}

interface CompiledSet extends EndpointSet {
  routes: { method: string; pattern: RegExp }[];
}

interface Bucket {
  limits: BucketLimits;
  tokens: number;
  updatedAt: number;
  /** Atlas said to wait until then (a 429's retry seconds). */
  blockedUntil: number;
  project: string;
  set: string;
}

/** Which bucket a call spends from, and the names metrics show for it. */
export interface BucketRef {
  key: string;
  project: string;
  set: string;
  limits: BucketLimits;
}

/** The routes in no listed endpoint set. */
export const UNLISTED_SET = 'unlisted';

const GROUP_PATH = /^\/api\/atlas\/v2\/groups\/([^/]+)/;

const templatePattern = (template: string) =>
  new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}$`,
  );

export class AtlasBuckets {
  private sets: CompiledSet[] = [];
  private readonly buckets = new Map<string, Bucket>();
  private readonly fallback: BucketLimits;
  private readonly now: () => number;

  constructor(fallback: BucketLimits, now: () => number = Date.now) {
    this.fallback = fallback;
    this.now = now;
  }

  /** What `listRateLimits` answered: the sets replace those known before (buckets keep their tokens). */
  learnSets(sets: readonly EndpointSet[]): void {
    this.sets = sets.map((set) => ({
      ...set,
      routes: set.endpoints.map((endpoint) => ({
        method: endpoint.method.toUpperCase(),
        pattern: templatePattern(endpoint.path),
      })),
    }));
  }

  get knownSets(): number {
    return this.sets.length;
  }

  /** The bucket a call of `credential` to `method path` spends from. */
  resolve(credential: string, method: string, path: string): BucketRef {
    const project = GROUP_PATH.exec(path)?.[1] ?? '-';
    const set = this.sets.find((candidate) =>
      candidate.routes.some((route) => route.method === method && route.pattern.test(path)),
    );
    if (!set) {
      return {
        key: `${credential}|GROUP:${project}|${UNLISTED_SET}`,
        project,
        set: UNLISTED_SET,
        limits: this.fallback,
      };
    }
    // A GROUP bucket is the project's; the others are the caller's own (a USER or IP scope), which
    // the credential stands for here.
    const entity = set.scope === 'GROUP' ? `GROUP:${project}` : set.scope;
    return {
      key: `${credential}|${entity}|${set.id}`,
      project: set.scope === 'GROUP' ? project : '-',
      set: set.id,
      limits: set.limits,
    };
  }

  private bucket(ref: BucketRef): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(ref.key);
    if (!bucket) {
      bucket = {
        limits: ref.limits,
        tokens: ref.limits.capacity,
        updatedAt: now,
        blockedUntil: 0,
        project: ref.project,
        set: ref.set,
      };
      this.buckets.set(ref.key, bucket);
      return bucket;
    }
    const { capacity, refillRate, periodSeconds } = bucket.limits;
    bucket.tokens = Math.min(
      capacity,
      bucket.tokens + ((now - bucket.updatedAt) * refillRate) / (periodSeconds * 1000),
    );
    bucket.updatedAt = now;
    return bucket;
  }

  /** Takes a token: 0 when taken, else the milliseconds until one will be there (nothing taken). */
  take(ref: BucketRef): number {
    const bucket = this.bucket(ref);
    const now = this.now();
    if (bucket.blockedUntil > now) return bucket.blockedUntil - now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.msUntil(bucket, 1);
  }

  /** Gives back a token taken for a call that was never sent. */
  refund(ref: BucketRef): void {
    const bucket = this.bucket(ref);
    bucket.tokens = Math.min(bucket.limits.capacity, bucket.tokens + 1);
  }

  /**
   * Calls the bucket can serve by `deadline`, and when `needed` of them could all be served (ms from
   * now; Infinity when more than its capacity).
   */
  budget(ref: BucketRef, deadline: number, needed: number): { calls: number; readyInMs: number } {
    const bucket = this.bucket(ref);
    const now = this.now();
    const start = Math.max(now, bucket.blockedUntil);
    const { refillRate, periodSeconds, capacity } = bucket.limits;
    const refill = (Math.max(0, deadline - start) * refillRate) / (periodSeconds * 1000);
    const calls = deadline <= start ? 0 : Math.floor(bucket.tokens + refill);
    const readyInMs =
      needed > capacity ? Number.POSITIVE_INFINITY : start - now + this.msUntil(bucket, needed);
    return { calls, readyInMs };
  }

  /** `RateLimit-Limit`/`RateLimit-Remaining` of an answer: Atlas's count wins when it is lower. */
  observe(ref: BucketRef, limit: number | undefined, remaining: number | undefined): void {
    if (limit === undefined && remaining === undefined) return;
    const bucket = this.bucket(ref);
    if (limit !== undefined && limit > 0 && limit !== bucket.limits.capacity)
      bucket.limits = { ...bucket.limits, capacity: limit };
    if (remaining !== undefined) bucket.tokens = Math.min(bucket.tokens, remaining);
  }

  /**
   * A 429: the bucket is empty until `retryAfterSeconds`; its body's `parameters` (endpoint set, retry
   * seconds, capacity, refill rate, period) also give its size.
   */
  throttled(ref: BucketRef, retryAfterSeconds: number | undefined, parameters: unknown): void {
    const bucket = this.bucket(ref);
    const [, retry, capacity, refillRate, period] = Array.isArray(parameters) ? parameters : [];
    const seconds = typeof retry === 'number' ? retry : retryAfterSeconds;
    if (
      typeof capacity === 'number' &&
      typeof refillRate === 'number' &&
      typeof period === 'number' &&
      capacity > 0 &&
      refillRate > 0 &&
      period > 0
    )
      bucket.limits = { capacity, refillRate, periodSeconds: period };
    bucket.tokens = 0;
    if (seconds !== undefined) bucket.blockedUntil = this.now() + seconds * 1000;
  }

  /** The buckets of a project this credential has used, whatever their endpoint set. */
  projectBuckets(credential: string, project: string): BucketRef[] {
    const prefix = `${credential}|GROUP:${project}|`;
    return [...this.buckets]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, bucket]) => ({ key, project, set: bucket.set, limits: bucket.limits }));
  }

  /** Every bucket's tokens now, by project and endpoint set (for metrics). */
  remaining(): { project: string; set: string; tokens: number }[] {
    const totals = new Map<string, { project: string; set: string; tokens: number }>();
    for (const [key, bucket] of this.buckets) {
      const tokens = Math.floor(this.bucket({ key, ...bucket, limits: bucket.limits }).tokens);
      const label = `${bucket.project}|${bucket.set}`;
      const total = totals.get(label);
      // Several credentials on one project: the tightest bucket is what the project has left.
      if (!total || tokens < total.tokens)
        totals.set(label, { project: bucket.project, set: bucket.set, tokens });
    }
    return [...totals.values()];
  }

  private msUntil(bucket: Bucket, tokens: number): number {
    const missing = tokens - bucket.tokens;
    if (missing <= 0) return 0;
    const { refillRate, periodSeconds } = bucket.limits;
    return Math.ceil((missing * periodSeconds * 1000) / refillRate);
  }
}
