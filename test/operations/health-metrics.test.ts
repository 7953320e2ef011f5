import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_OPERATION_NAME_LENGTH,
  MAX_OPERATION_NAMES,
  OTHER_OPERATIONS,
} from '../../src/metrics.ts';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const DASHBOARD = readFileSync(
  new URL('../../schema/operations/ProjectDashboard.graphql', import.meta.url),
  'utf8',
);
const DIGEST = { publicKey: 'ops-public', privateKey: 'ops-private-secret' };

const get = async (h: Harness, path: string) => {
  const response = await fetch(`${h.gateway.url}${path}`);
  return { status: response.status, headers: response.headers, text: await response.text() };
};
const probes = (h: Harness) => h.upstream().filter((r) => r.path === '/api/atlas/v2');

/** The value of one Prometheus sample, `name{labels}` written exactly as exposed. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/healthz and /readyz', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      simulator: { digest: DIGEST },
      env: {
        MONGODB_ATLAS_PUBLIC_API_KEY: DIGEST.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: DIGEST.privateKey,
        UPSTREAM_MAX_RETRIES: '0',
      },
    });
  });
  afterAll(() => h.close());

  it('healthz answers while the process is up, without calling Atlas', async () => {
    h.resetUpstream();
    const { status, text, headers } = await get(h, '/healthz');
    expect({ status, body: JSON.parse(text) }).toEqual({ status: 200, body: { status: 'ok' } });
    expect(headers.get('cache-control')).toBe('no-store');
    expect(h.upstream()).toEqual([]);
  });

  it('readyz probes the Atlas root with the configured credentials, once for several probes', async () => {
    h.resetUpstream();
    const [first, second] = await Promise.all([get(h, '/readyz'), get(h, '/readyz')]);
    expect(JSON.parse(first.text)).toEqual({ status: 'ready' });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await get(h, '/readyz')).toMatchObject({ status: 200 });
    // Digest: the challenge, then the authenticated call; nothing more for the cached probes.
    expect(
      probes(h).map((r) => [r.status, r.headers.authorization?.split(' ')[0] ?? null]),
    ).toEqual([
      [401, null],
      [200, 'Digest'],
    ]);
  });
});

describe('/readyz when Atlas cannot serve this replica', () => {
  it('is not ready when Atlas refuses the credentials', async () => {
    const h = await startHarness({
      simulator: { digest: DIGEST },
      env: {
        MONGODB_ATLAS_PUBLIC_API_KEY: DIGEST.publicKey,
        MONGODB_ATLAS_PRIVATE_API_KEY: 'wrong-secret',
      },
    });
    try {
      const { status, text } = await get(h, '/readyz');
      expect(status).toBe(503);
      // The code only for whoever asks; Atlas's words go to the operator's log.
      expect(JSON.parse(text)).toEqual({ status: 'not ready', reason: 'UNAUTHENTICATED' });
      expect(h.logs).toContainEqual(
        expect.objectContaining({
          msg: 'not ready',
          code: 'UNAUTHENTICATED',
          message: expect.stringMatching(/Atlas/),
        }),
      );
      expect(text).not.toContain('wrong-secret');
      expect(h.rawLogs.join('\n')).not.toContain('wrong-secret');
    } finally {
      await h.close();
    }
  });

  it('is not ready on a 5xx, and when Atlas cannot be reached', async () => {
    const h = await startHarness({ env: { UPSTREAM_MAX_RETRIES: '0' } });
    try {
      h.simulator.injectFault({ path: '/api/atlas/v2', status: 503, times: 1 });
      const unavailable = await get(h, '/readyz');
      expect(unavailable.status).toBe(503);
      expect(JSON.parse(unavailable.text).reason).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      await h.simulator.close();
    }
    // A fresh gateway (no cached probe) whose upstream is gone.
    const orphan = await startHarness({ env: { UPSTREAM_MAX_RETRIES: '0' } });
    await orphan.simulator.close();
    try {
      const { status, text } = await get(orphan, '/readyz');
      expect(status).toBe(503);
      expect(JSON.parse(text).reason).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      await orphan.gateway.close();
      await h.gateway.close();
    }
  });
});

describe('/metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { UPSTREAM_MAX_RETRIES: '1' } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.clearFaults());

  it('counts operations by name and outcome, times them, and counts upstream calls by route and status', async () => {
    const ok = await h.graphql(DASHBOARD, { projectId: SEED.projectId });
    expect(ok.body.errors).toBeUndefined();
    // A name the gateway knows (schema/operations/Node.graphql) keeps its series even when it fails.
    const failed = await h.graphql(
      `query Node($p: ObjectId!) { project(id: $p) { pipelines { totalCount } } }`,
      {
        p: SEED.unknownProjectId,
      },
    );
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const { status, headers, text } = await get(h, '/metrics');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      sample(
        text,
        'graphql_operations_total{operation="ProjectDashboard",type="query",outcome="ok"}',
      ),
    ).toBe(1);
    expect(
      sample(text, 'graphql_operations_total{operation="Node",type="query",outcome="error"}'),
    ).toBe(1);
    expect(
      sample(
        text,
        'graphql_operation_duration_seconds_count{operation="ProjectDashboard",type="query"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'graphql_operation_duration_seconds_bucket{le="+Inf",operation="ProjectDashboard",type="query"}',
      ),
    ).toBe(1);
    // The dashboard: one pipeline list, five run lists; the broken one: a 404 on the pipeline list.
    expect(
      sample(text, 'atlas_upstream_calls_total{route="listGroupPipelines",status="200"}'),
    ).toBe(1);
    expect(
      sample(text, 'atlas_upstream_calls_total{route="listGroupPipelineRuns",status="200"}'),
    ).toBe(5);
    expect(
      sample(text, 'atlas_upstream_calls_total{route="listGroupPipelines",status="404"}'),
    ).toBe(1);
    expect(
      sample(text, 'atlas_upstream_call_duration_seconds_count{route="listGroupPipelineRuns"}'),
    ).toBe(5);
    expect(sample(text, 'atlas_upstream_limiter_queued')).toBe(0);
    expect(sample(text, 'graphql_response_cache_total{result="hit"}')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts retries by route', async () => {
    h.simulator.injectFault({ operationId: 'getGroupPipeline', status: 503, times: 1 });
    const { body } = await h.graphql(
      `query Retried($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { name } } }`,
      {
        p: SEED.projectId,
      },
    );
    expect(body).toEqual({ data: { project: { pipeline: { name: SEED.pipelines.small } } } });
    const { text } = await get(h, '/metrics');
    expect(sample(text, 'atlas_upstream_retries_total{route="getGroupPipeline"}')).toBe(1);
    expect(sample(text, 'atlas_upstream_calls_total{route="getGroupPipeline",status="503"}')).toBe(
      1,
    );
    expect(sample(text, 'atlas_upstream_calls_total{route="getGroupPipeline",status="200"}')).toBe(
      1,
    );
  });

  it('keeps operation names a bounded set of series, however many names callers make up', async () => {
    const long = `Long${'x'.repeat(MAX_OPERATION_NAME_LENGTH)}`;
    await h.graphql(`query ${long} { __typename }`);
    const made = Array.from({ length: MAX_OPERATION_NAMES + 20 }, (_, i) => `MadeUp${i}`);
    for (const batch of [0, 1, 2, 3]) {
      await Promise.all(
        made
          .filter((_, i) => i % 4 === batch)
          .map((name) => h.graphql(`query ${name} { __typename }`)),
      );
    }
    const { text } = await get(h, '/metrics');
    const names = new Set(
      [...text.matchAll(/^graphql_operations_total\{operation="([^"]*)"/gm)].map(
        (match) => match[1],
      ),
    );
    expect(names.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 1);
    expect(names.has(long)).toBe(false);
    expect(names.has(OTHER_OPERATIONS)).toBe(true);
    // Names seen before the cap keep their own series.
    expect(names.has('ProjectDashboard')).toBe(true);
    expect(
      sample(
        text,
        `graphql_operations_total{operation="${OTHER_OPERATIONS}",type="query",outcome="ok"}`,
      ),
    ).toBeGreaterThanOrEqual(21);
  });
});

describe('operation names in /metrics after a restart', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { UPSTREAM_MAX_RETRIES: '0' } });
  });
  afterAll(() => h.close());

  it('cannot be crowded out by junk names: known screens and screens that reached Atlas keep their series', async () => {
    const junk = Array.from({ length: MAX_OPERATION_NAMES + 20 }, (_, i) => `Junk${i}`);
    for (let i = 0; i < junk.length; i += 100) {
      await Promise.all(
        junk.slice(i, i + 100).map((name) => h.graphql(`query ${name} { __typename }`)),
      );
    }
    // Failing operations that reach Atlas earn nothing either.
    const failing = Array.from({ length: 20 }, (_, i) => `Failing${i}`);
    await Promise.all(
      failing.map((name) =>
        h.graphql(`query ${name}($p: ObjectId!) { project(id: $p) { pipelines { totalCount } } }`, {
          p: SEED.unknownProjectId,
        }),
      ),
    );
    // A screen of the gateway's own operations, and a client's screen that succeeds against Atlas.
    await h.graphql(DASHBOARD, { projectId: SEED.projectId });
    await h.graphql(
      `query TeamScreen($p: ObjectId!) { project(id: $p) { pipelines(first: 1) { totalCount } } }`,
      {
        p: SEED.projectId,
      },
    );

    const { text } = await get(h, '/metrics');
    const names = new Set(
      [...text.matchAll(/^graphql_operations_total\{operation="([^"]*)"/gm)].map((m) => m[1]),
    );
    expect([...names].sort()).toEqual([OTHER_OPERATIONS, 'ProjectDashboard', 'TeamScreen']);
    expect(
      sample(
        text,
        `graphql_operations_total{operation="${OTHER_OPERATIONS}",type="query",outcome="ok"}`,
      ),
    ).toBe(junk.length);
    expect(
      sample(
        text,
        `graphql_operations_total{operation="${OTHER_OPERATIONS}",type="query",outcome="error"}`,
      ),
    ).toBe(failing.length);
  });
});

describe('/readyz with AUTH_MODE=forward (no gateway credentials)', () => {
  // Atlas needs a token the gateway does not have: it answers the root resource with 401, which still
  // shows that Atlas is reachable; each caller's own token decides the rest.
  const ACCOUNT = { clientId: 'mdb_sa_id_ready', clientSecret: 'mdb_sa_sk_ready-secret' };
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      simulator: { serviceAccount: ACCOUNT },
      env: { AUTH_MODE: 'forward', UPSTREAM_MAX_RETRIES: '0' },
    });
  });
  afterAll(() => h.close());

  it('is ready when Atlas answers the root resource, even with 401', async () => {
    h.resetUpstream();
    const { status, text } = await get(h, '/readyz');
    expect({ status, body: JSON.parse(text) }).toEqual({
      status: 200,
      body: { status: 'ready' },
    });
    expect(probes(h).map((r) => [r.status, r.headers.authorization ?? null])).toEqual([
      [401, null],
    ]);
  });

  it.each([
    ['answers 5xx', 'UPSTREAM_UNAVAILABLE', { status: 503 }],
    ['never answers', 'UPSTREAM_TIMEOUT', { hang: true }],
    ['cannot be reached', 'UPSTREAM_UNAVAILABLE', undefined],
  ] as const)('is not ready when Atlas %s (%s)', async (_how, reason, fault) => {
    // A fresh gateway each time: a probe result is reused for 5 s.
    const fresh = await startHarness({
      simulator: { serviceAccount: ACCOUNT },
      env: { AUTH_MODE: 'forward', UPSTREAM_MAX_RETRIES: '0' },
    });
    if (fault) fresh.simulator.injectFault({ path: '/api/atlas/v2', times: 1, ...fault });
    else await fresh.simulator.close();
    try {
      const { status, text } = await get(fresh, '/readyz');
      expect({ status, body: JSON.parse(text) }).toEqual({
        status: 503,
        body: { status: 'not ready', reason },
      });
    } finally {
      await fresh.gateway.close();
      if (fault) await fresh.simulator.close();
    }
  });
});
