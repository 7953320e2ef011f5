import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';
import { maxInFlight } from '../support/max-in-flight.ts';

/** Issue 3: how the gateway behaves when Atlas authenticates, throttles, fails and slows down. */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const p = SEED.projectId;
const SMALL = `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { name } } }`;
const FLEX_JOBS = `query($p: ObjectId!) { project(id: $p) { flexCluster(name: "${SEED.flex.main}") { restoreJobs(first: 1) { nodes { status } } } } }`;
const DIGEST = { publicKey: 'abcdefgh', privateKey: 'digest-private-key' };
const ACCOUNT = { clientId: 'mdb_sa_id_resilience', clientSecret: 'mdb_sa_sk_resilience' };

const api = (harness: Harness) =>
  harness.simulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2'));

describe('Digest nonces', () => {
  it('re-handshake once with the challenge of a stale 401, without a new probe', async () => {
    let clock = Date.now();
    h = await startHarness({
      simulator: { digest: DIGEST, nonceTtlMs: 60_000, now: () => clock },
      env: {
        MONGODB_ATLAS_PUBLIC_API_KEY: DIGEST.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: DIGEST.privateKey,
      },
    });
    expect((await h.graphql(SMALL, { p })).body.errors).toBeUndefined();
    clock += 120_000; // the nonce has expired
    expect((await h.graphql(SMALL, { p })).body.errors).toBeUndefined();
    expect(
      api(h).map((r) => [r.method, r.path.endsWith('/v2') ? 'probe' : 'call', r.status]),
    ).toEqual([
      ['GET', 'probe', 401],
      ['GET', 'call', 200],
      ['GET', 'call', 401],
      ['GET', 'call', 200],
    ]);
    expect(api(h)[2]!.responseHeaders['www-authenticate']).toContain('stale=true');
  });
});

describe('service account tokens', () => {
  it('refresh once and retry when Atlas refuses a cached token', async () => {
    h = await startHarness({
      simulator: { serviceAccount: ACCOUNT },
      env: {
        MONGODB_ATLAS_CLIENT_ID: ACCOUNT.clientId,
        MONGODB_ATLAS_CLIENT_SECRET: ACCOUNT.clientSecret,
      },
    });
    await h.graphql(SMALL, { p });
    const first = h.simulator.requests.find((r) => r.path === '/api/oauth/token')!.responseBody as {
      access_token: string;
    };
    await fetch(`${h.simulator.url}/api/oauth/revoke`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${ACCOUNT.clientId}:${ACCOUNT.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        token: first.access_token,
        token_type_hint: 'access_token',
      }).toString(),
    });
    const results = await Promise.all(Array.from({ length: 5 }, () => h!.graphql(SMALL, { p })));
    for (const { body } of results) expect(body.errors).toBeUndefined();
    expect(h.simulator.requests.filter((r) => r.path === '/api/oauth/token')).toHaveLength(2);
  });
});

describe('retries of idempotent calls', () => {
  it('honour Retry-After on a 429, then succeed', async () => {
    h = await startHarness();
    h.simulator.injectFault({
      operationId: 'listGroupFlexClusterBackupRestoreJobs',
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 1,
    });
    const started = Date.now();
    const { body } = await h.graphql(FLEX_JOBS, { p });
    expect(body.errors).toBeUndefined();
    const [throttled, retried] = api(h);
    expect([throttled!.status, retried!.status]).toEqual([429, 200]);
    expect(retried!.startedAt - throttled!.endedAt).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('fail fast as RATE_LIMITED when Retry-After passes the deadline', async () => {
    h = await startHarness({ env: { UPSTREAM_DEADLINE_MS: '5000' } });
    h.simulator.injectFault({
      operationId: 'listGroupFlexClusterBackupRestoreJobs',
      status: 429,
      headers: { 'Retry-After': '120' },
    });
    const { body } = await h.graphql(FLEX_JOBS, { p });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 120 });
    expect(api(h)).toHaveLength(1);
  });

  it('give up a 503 storm after the configured retries', async () => {
    h = await startHarness({ env: { UPSTREAM_MAX_RETRIES: '3' } });
    h.simulator.injectFault({ operationId: 'listGroupFlexClusterBackupRestoreJobs', status: 503 });
    const { body } = await h.graphql(FLEX_JOBS, { p });
    expect(body.errors![0]!.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      atlas: { status: 503 },
    });
    expect(api(h)).toHaveLength(4);
  });

  it('stop retrying at the operation deadline', async () => {
    h = await startHarness({ env: { UPSTREAM_MAX_RETRIES: '10', UPSTREAM_DEADLINE_MS: '700' } });
    h.simulator.injectFault({
      operationId: 'listGroupFlexClusterBackupRestoreJobs',
      status: 503,
      delayMs: 150,
    });
    const { body } = await h.graphql(FLEX_JOBS, { p });
    expect(body.errors![0]!.extensions!.code).toMatch(/^UPSTREAM_(UNAVAILABLE|TIMEOUT)$/);
    expect(api(h).length).toBeLessThan(11);
    // The deadline runs from the request's arrival, which the first attempt follows: no retry after it.
    expect(api(h).at(-1)!.startedAt - api(h)[0]!.startedAt).toBeLessThan(700);
  });

  it('retry a reset connection for a GET, never for a POST', async () => {
    h = await startHarness();
    h.simulator.injectFault({
      operationId: 'listGroupFlexClusterBackupRestoreJobs',
      reset: true,
      times: 1,
    });
    expect((await h.graphql(FLEX_JOBS, { p })).body.errors).toBeUndefined();
    expect(api(h)).toHaveLength(2);

    h.resetUpstream();
    h.simulator.injectFault({ operationId: 'triggerGroupPipeline', reset: true, times: 1 });
    const { body } = await h.graphql(
      `mutation($input: TriggerPipelineRunInput!) { triggerPipelineRun(input: $input) { __typename ... on UpstreamError { code } } }`,
      {
        input: {
          projectId: p,
          pipelineName: SEED.pipelines.small,
          snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        },
      },
    );
    expect(body.data!.triggerPipelineRun).toEqual({
      __typename: 'UpstreamError',
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(calls(api(h))).toEqual([`POST /groups/${p}/pipelines/${SEED.pipelines.small}/trigger`]);
  });
});

describe('timeouts', () => {
  it('end a call Atlas does not answer in time with UPSTREAM_TIMEOUT', async () => {
    h = await startHarness({
      env: { UPSTREAM_HEADERS_TIMEOUT_MS: '200', UPSTREAM_MAX_RETRIES: '0' },
    });
    h.simulator.injectFault({ operationId: 'listGroupFlexClusterBackupRestoreJobs', hang: true });
    const { body } = await h.graphql(FLEX_JOBS, { p });
    expect(body.errors![0]!.extensions!.code).toBe('UPSTREAM_TIMEOUT');
    expect(body.errors![0]!.path).toEqual(['project', 'flexCluster', 'restoreJobs']);
  });
});

describe('body timeouts', () => {
  it('end a body that stops arriving with UPSTREAM_TIMEOUT', async () => {
    // Atlas's headers arrive, then the body stalls: a raw socket, since the simulator answers whole bodies.
    const stalled = createNetServer((socket) => {
      socket.on('data', () => {
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.atlas.2024-11-13+json\r\nContent-Length: 500\r\n\r\n{"results": [',
        );
      });
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    try {
      h = await startHarness({
        env: {
          MONGODB_ATLAS_BASE_URL: `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`,
          UPSTREAM_BODY_TIMEOUT_MS: '200',
          UPSTREAM_MAX_RETRIES: '0',
        },
      });
      const { body } = await h.graphql(FLEX_JOBS, { p });
      expect(body.errors![0]!.extensions!.code).toBe('UPSTREAM_TIMEOUT');
    } finally {
      stalled.close();
    }
  });
});

describe('the per-project limiter', () => {
  // Six different collections (createdBefore is part of a list's identity), so nothing merges them.
  const SIX_LISTS = (first: number) =>
    `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.big}") { ${[
      1, 2, 3, 4, 5, 6,
    ]
      .map(
        (day) =>
          `d${day}: runs(first: ${first}, createdBefore: "2025-05-0${day}T00:00:00Z") { nodes { state } }`,
      )
      .join(' ')} } } }`;
  const runLists = (harness: Harness) => api(harness).filter((r) => r.path.endsWith('/runs'));

  it('never lets more than the cap run at once; the others queue and succeed', async () => {
    h = await startHarness({
      simulator: { latencyMs: 80 },
      env: { UPSTREAM_PROJECT_CONCURRENCY: '2' },
    });
    const { body } = await h.graphql(SIX_LISTS(2), { p });
    expect(body.errors).toBeUndefined();
    expect(runLists(h)).toHaveLength(6);
    expect(maxInFlight(api(h))).toBe(2);
  });

  it('spaces calls by the token bucket once the burst is spent', async () => {
    h = await startHarness({
      env: { UPSTREAM_PROJECT_RATE_PER_MINUTE: '120', UPSTREAM_PROJECT_BURST: '2' },
    });
    const { body } = await h.graphql(SIX_LISTS(3), { p });
    expect(body.errors).toBeUndefined();
    // A burst of two, then two tokens a second: the seven calls (pipeline + six lists) span over two seconds.
    const starts = api(h)
      .map((r) => r.startedAt)
      .sort((a, b) => a - b);
    expect(starts).toHaveLength(7);
    expect(starts[1]! - starts[0]!).toBeLessThan(400);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(2000);
  });
});

describe('cancellation', () => {
  it('cancels queued and in-flight upstream calls when the client goes away', async () => {
    h = await startHarness({
      env: { UPSTREAM_PROJECT_CONCURRENCY: '1', UPSTREAM_MAX_RETRIES: '0' },
    });
    h.simulator.injectFault({ operationId: 'listGroupClusterBackupExports', hang: true });
    const abort = new AbortController();
    const pending = fetch(`${h.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($p: ObjectId!) { project(id: $p) {
          a: cluster(name: "${SEED.clusters.replicaSet}") { exportJobs(first: 1) { nodes { state } } }
          b: cluster(name: "${SEED.clusters.sharded}") { exportJobs(first: 1) { nodes { state } } } } }`,
        variables: { p },
      }),
      signal: abort.signal,
    }).catch(() => 'aborted');
    await waitUntil(() => api(h!).length === 1);
    abort.abort();
    expect(await pending).toBe('aborted');
    await waitUntil(() =>
      h!.logs.some((line) => line.msg === 'upstream call' && line.upstream.status === 'error'),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api(h)).toHaveLength(1); // the queued call never went out
  });
});

describe('deprecation notices', () => {
  it('log Deprecation and Sunset once per route', async () => {
    h = await startHarness();
    h.simulator.injectFault({
      operationId: 'listGroupFlexClusterBackupRestoreJobs',
      status: 200,
      body: { results: [], totalCount: 0, links: [] },
      headers: {
        'content-type': 'application/vnd.atlas.2024-11-13+json',
        Deprecation: 'Sun, 01 Jun 2025 00:00:00 GMT',
        Sunset: 'Thu, 01 Jul 2027 00:00:00 GMT',
      },
    });
    await h.graphql(FLEX_JOBS, { p });
    await h.graphql(FLEX_JOBS, { p });
    const notices = h.logs.filter((line) => line.msg === 'Atlas route is deprecated');
    expect(notices).toEqual([
      expect.objectContaining({
        operation: 'listGroupFlexClusterBackupRestoreJobs',
        sunset: 'Thu, 01 Jul 2027 00:00:00 GMT',
      }),
    ]);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('an operation fanning out', () => {
  it('sends its calls at once on one deadline, without Node warning of a listener leak', async () => {
    // Each answer waits long enough for all fifteen requests to arrive, even on a loaded machine.
    h = await startHarness({ simulator: { latencyMs: 500 } });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      // Fifteen export jobs by global ID: fifteen GETs in one tick.
      const list = await h.graphql(
        `query($p: ObjectId!) { project(id: $p) { cluster(name: "${SEED.clusters.replicaSet}") { exportJobs(first: 15) { nodes { id } } } } }`,
        { p },
      );
      const ids = (list.body.data!.project.cluster.exportJobs.nodes as { id: string }[]).map(
        (job) => job.id,
      );
      h.simulator.clearRequests();
      const { body } = await h.graphql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
      expect(body).toEqual({ data: { nodes: ids.map((id) => ({ id })) } });
      expect(api(h)).toHaveLength(15);
      expect(maxInFlight(api(h))).toBe(15);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('an operation that ends before all its calls', () => {
  it('sends none of the calls it would have made after its answer', async () => {
    h = await startHarness({ env: { UPSTREAM_HEADERS_TIMEOUT_MS: '20000' } });
    // The pipeline answers and its runs would be asked next; meanwhile the missing cluster's 404 ends the operation.
    h.simulator.injectFault({
      method: 'GET',
      path: `/api/atlas/v2/groups/${p}/pipelines/${SEED.pipelines.small}/runs`,
      hang: true,
    });
    const query = `query($p: ObjectId!) { project(id: $p) {
      slow: pipeline(name: "${SEED.pipelines.small}") { runs(first: 1) { nodes { atlasId } } }
      missing: cluster(name: "no-such-cluster") { exportJobs(first: 1) { nodes { atlasId } } }
    } }`;
    const started = Date.now();
    const { body } = await h.graphql(query, { p });
    expect(body.errors!.map((error) => error.extensions!.code)).toEqual(['NOT_FOUND']);
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls(api(h))).toEqual([
      `GET /groups/${p}/pipelines/${SEED.pipelines.small}`,
      `GET /groups/${p}/clusters/no-such-cluster/backup/exports?pageNum=1&itemsPerPage=1&includeCount=false`,
    ]);
  });
});
