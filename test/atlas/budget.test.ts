import { afterEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { JWT_ENV, signToken } from '../security/tokens.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * Issue 15: one Atlas budget for many users. The simulator enforces Atlas's token buckets (429
 * RATE_LIMITED_TOKEN_BUCKET); the gateway's limiter follows what Atlas says about them
 * (listRateLimits, RateLimit-* headers, 429 bodies) and refuses what the budget cannot serve up front.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const p = SEED.projectId;
const BUCKETS = `query($p: ObjectId!) { project(id: $p) { exportBuckets(first: 1) { nodes { atlasId } } } }`;
const PIPELINE = `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { name } } }`;
const PIPELINE_PATH = `/api/atlas/v2/groups/${p}/pipelines/${SEED.pipelines.small}`;
const SMALL_BUCKET = { capacity: 2, refillRate: 1, refillDurationSeconds: 60 };

const api = (harness: Harness) => harness.upstream().filter((r) => !r.path.endsWith('/rateLimits'));
const statuses = (harness: Harness) => api(harness).map((r) => r.status);
const codes = (body: { errors?: { extensions?: Record<string, any> }[] }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);

/** A call of another client of the same Atlas project (the bucket is the project's). */
const spend = (harness: Harness, path: string) =>
  fetch(`${harness.simulator.url}${path}`, {
    headers: { accept: 'application/vnd.atlas.2023-01-01+json' },
  });

describe('the simulator', () => {
  it("answers a call finding its bucket empty with Atlas's 429 body and headers", async () => {
    h = await startHarness({
      simulator: { enforceRateLimits: true, rateLimitOverrides: { unlisted: SMALL_BUCKET } },
    });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await spend(h, PIPELINE_PATH));
    expect(answers.map((a) => [a.status, a.headers.get('ratelimit-remaining')])).toEqual([
      [200, '1'],
      [200, '0'],
      [429, '0'],
    ]);
    expect(answers[2]!.headers.get('retry-after')).toBe('60');
    expect(await answers[2]!.json()).toEqual({
      detail:
        'Rate limit exceeded for unlisted. Please retry after 60 seconds. Request capacity: 2. Refill rate: 1 per 60 seconds.',
      error: 429,
      errorCode: 'RATE_LIMITED_TOKEN_BUCKET',
      parameters: ['unlisted', 60, 2, 1, 60],
      reason: 'Too Many Requests',
    });
  });
});

describe("Atlas's signals steer the limiter", () => {
  it('learns from listRateLimits which routes share a bucket, and its size: no call is sent into a 429', async () => {
    h = await startHarness({
      simulator: {
        enforceRateLimits: true,
        rateLimitOverrides: { 'cloud-backups': { ...SMALL_BUCKET, capacity: 3 } },
      },
      env: { UPSTREAM_RATE_LIMITS_REFRESH_MS: '600000', UPSTREAM_DEADLINE_MS: '3000' },
    });
    await expect
      .poll(() => h!.upstream().filter((r) => r.path === '/api/atlas/v2/rateLimits').length)
      .toBe(1);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await h.graphql(BUCKETS, { p, i })).body);
    expect(answers.map(codes)).toEqual([[], [], [], ['RATE_LIMITED']]);
    expect(answers[3]!.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);
    // The fourth was refused here, not sent: Atlas never had to say 429 (with the configured bucket of
    // 1200 for every route, it would have been sent, and answered 429).
    expect(statuses(h)).toEqual([200, 200, 200]);
    // Routes of other endpoint sets keep their own budget.
    expect(codes((await h.graphql(PIPELINE, { p })).body)).toEqual([]);
  });

  it("follows RateLimit-Remaining: what others spent of the project's bucket is not spent again", async () => {
    h = await startHarness({
      simulator: {
        enforceRateLimits: true,
        rateLimitOverrides: { unlisted: { ...SMALL_BUCKET, capacity: 3 } },
      },
      // The configured bucket is large: only Atlas's header can tell it is nearly empty.
      env: { UPSTREAM_PROJECT_BURST: '1000', UPSTREAM_PROJECT_RATE_PER_MINUTE: '1' },
    });
    await spend(h, PIPELINE_PATH);
    await spend(h, PIPELINE_PATH);
    h.resetUpstream();
    expect(codes((await h.graphql(PIPELINE, { p })).body)).toEqual([]);
    expect(api(h).at(-1)!.responseHeaders['ratelimit-remaining']).toBe('0');
    const { body } = await h.graphql(PIPELINE, { p, again: 1 });
    expect(codes(body)).toEqual(['RATE_LIMITED']);
    expect(statuses(h)).toEqual([200]);
  });

  it("takes a 429's body as the bucket's state: the next operation is refused without a call", async () => {
    h = await startHarness({
      simulator: { enforceRateLimits: true, rateLimitOverrides: { unlisted: SMALL_BUCKET } },
      env: { UPSTREAM_PROJECT_BURST: '1000', UPSTREAM_PROJECT_RATE_PER_MINUTE: '1000' },
    });
    await spend(h, PIPELINE_PATH);
    await spend(h, PIPELINE_PATH);
    h.resetUpstream();
    const first = await h.graphql(PIPELINE, { p });
    expect(codes(first.body)).toEqual(['RATE_LIMITED']);
    expect(first.body.errors![0]!.extensions!.retryAfter).toBe(60);
    expect(statuses(h)).toEqual([429]);
    const second = await h.graphql(PIPELINE, { p, again: 1 });
    expect(codes(second.body)).toEqual(['RATE_LIMITED']);
    expect(statuses(h)).toEqual([429]);
  });
});

describe('admission', () => {
  const DASHBOARD = `query($p: ObjectId!) { project(id: $p) { pipelines(first: 5) { nodes { name runs(first: 3) { nodes { state } } } } } }`;
  const tight = {
    UPSTREAM_PROJECT_BURST: '4',
    UPSTREAM_PROJECT_RATE_PER_MINUTE: '1',
    UPSTREAM_DEADLINE_MS: '3000',
  };

  it('refuses at once, before any call, an operation the budget cannot serve before its deadline', async () => {
    h = await startHarness({ env: tight });
    const { body } = await h.graphql(DASHBOARD, { p });
    expect(body.data ?? null).toBeNull();
    expect(body.errors!.map((e) => [e.extensions!.code, e.extensions!.retryAfter])).toEqual([
      ['RATE_LIMITED', expect.any(Number)],
    ]);
    expect(api(h)).toEqual([]);
    // A smaller one fits, and is served.
    expect(codes((await h.graphql(PIPELINE, { p })).body)).toEqual([]);
    const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/^atlas_upstream_admission_refusals_total 1$/m);
    expect(metrics).toMatch(
      new RegExp(
        `^atlas_upstream_budget_remaining\\{project="${p}",endpoint_set="unlisted"\\} 3$`,
        'm',
      ),
    );
  });

  it('with UPSTREAM_ADMISSION=false, starts the operation and fails half-way', async () => {
    h = await startHarness({ env: { ...tight, UPSTREAM_ADMISSION: 'false' } });
    const { body } = await h.graphql(DASHBOARD, { p });
    expect(codes(body)).toContain('RATE_LIMITED');
    expect(api(h).length).toBe(4);
  });
});

describe('fairness', () => {
  it("serves a second caller's call in turn, not after the first caller's whole queue", async () => {
    h = await startHarness({
      simulator: { latencyMs: 60 },
      env: { ...JWT_ENV, UPSTREAM_PROJECT_CONCURRENCY: '1' },
    });
    const as = async (subject: string) => ({
      authorization: `Bearer ${await signToken({ projects: [p], subject })}`,
    });
    const [a, b] = [await as('flooding-user'), await as('other-user')];
    const lists = [1, 2, 3, 4, 5, 6, 7, 8]
      .map(
        (day) =>
          `d${day}: runs(first: 1, createdBefore: "2025-05-0${day}T00:00:00Z") { nodes { state } }`,
      )
      .join(' ');
    const FLOOD = `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.big}") { ${lists} } } }`;
    const flood = h.graphql(FLOOD, { p }, a);
    // B asks once A's calls are queued.
    await expect.poll(() => api(h!).length, { interval: 5 }).toBeGreaterThanOrEqual(2);
    const single = h.graphql(PIPELINE, { p }, b);
    const [floodAnswer, singleAnswer] = await Promise.all([flood, single]);
    expect(codes(floodAnswer.body)).toEqual([]);
    expect(codes(singleAnswer.body)).toEqual([]);
    const order = api(h).map((r) => r.path);
    const served = order.indexOf(PIPELINE_PATH);
    expect(order).toHaveLength(10);
    // B's call went out right after the call of A's that was in flight, not after A's other seven.
    expect(served).toBeLessThanOrEqual(4);
    // Every call's wait for its turn is measured: one slot, 60 ms answers, so the waits add up.
    const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/^atlas_upstream_queue_wait_seconds_count 10$/m);
    const waited = Number(/^atlas_upstream_queue_wait_seconds_sum (\S+)$/m.exec(metrics)?.[1]);
    expect(waited).toBeGreaterThan(0.3);
  });
});
