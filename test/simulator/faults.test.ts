import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { call, GROUP, pipelinePath, V2023 } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const pipelines = `${GROUP}/pipelines`;

describe('faults', () => {
  it('answers a status with a default Atlas body, for `times` requests', async () => {
    sim.injectFault({ path: pipelines, status: 503, times: 2 });
    const first = await call(sim, pipelines);
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({
      error: 503,
      errorCode: 'SERVICE_UNAVAILABLE',
      reason: 'Service Unavailable',
    });
    expect((await call(sim, pipelines)).status).toBe(503);
    expect((await call(sim, pipelines)).status).toBe(200);
  });

  it('adds Retry-After to 429s and honours given headers and bodies', async () => {
    sim.injectFault({ operationId: 'listGroupPipelineRuns', status: 429, times: 1 });
    const limited = await call(sim, `${pipelinePath(SEED.pipelines.small)}/runs`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.errorCode).toBe('RATE_LIMITED');

    sim.injectFault({
      method: 'GET',
      path: `${GROUP}/pipelines/*`,
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { custom: true },
    });
    const custom = await call(sim, pipelinePath(SEED.pipelines.special));
    expect(custom.headers.get('retry-after')).toBe('30');
    expect(custom.body).toEqual({ custom: true });
  });

  it('matches decoded paths and regular expressions', async () => {
    sim.injectFault({
      path: `${GROUP}/pipelines/${SEED.pipelines.special}`,
      status: 500,
      times: 1,
    });
    sim.injectFault({ path: /\/runs$/, status: 502, times: 1 });
    expect((await call(sim, pipelinePath(SEED.pipelines.special))).status).toBe(500);
    expect((await call(sim, `${pipelinePath(SEED.pipelines.small)}/runs`)).status).toBe(502);
  });

  it('sends raw bodies (HTML, truncated JSON)', async () => {
    sim.injectFault({
      path: pipelines,
      status: 502,
      rawBody: '<html>Bad Gateway</html>',
      contentType: 'text/html',
      times: 1,
    });
    sim.injectFault({ path: pipelines, rawBody: '[{"_id":', contentType: V2023, times: 1 });
    const html = await call(sim, pipelines);
    expect(html).toMatchObject({ status: 502, text: '<html>Bad Gateway</html>' });
    expect(html.headers.get('content-type')).toBe('text/html');
    const truncated = await call(sim, pipelines);
    expect(truncated).toMatchObject({ status: 200, text: '[{"_id":' });
  });

  it('resets the connection', async () => {
    sim.injectFault({ path: pipelines, reset: true, times: 1 });
    await expect(call(sim, pipelines)).rejects.toThrow();
    expect(sim.requests[0]).toMatchObject({ status: 0, fault: true });
  });

  it('hangs until the client gives up', async () => {
    sim.injectFault({ path: pipelines, hang: true, times: 1 });
    const started = Date.now();
    await expect(call(sim, pipelines, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((await call(sim, pipelines)).status).toBe(200);
  });

  it('delays a normal answer', async () => {
    sim.injectFault({ path: pipelines, delayMs: 150, times: 1 });
    const started = Date.now();
    expect((await call(sim, pipelines)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sim.requests[0]?.fault).toBeUndefined();
  });

  it('clears faults', async () => {
    sim.injectFault({ status: 500 });
    sim.clearFaults();
    expect((await call(sim, pipelines)).status).toBe(200);
  });
});

describe('latency', () => {
  it('adds fixed latency and jitter to every answer', async () => {
    sim.setLatency(100, 50);
    const started = Date.now();
    await Promise.all([call(sim, pipelines), call(sim, '/api/atlas/v2')]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1_000);
    sim.reset();
    const quick = Date.now();
    await call(sim, pipelines);
    expect(Date.now() - quick).toBeLessThan(90);
  });
});

describe('request log', () => {
  it('records what was asked and answered, in arrival order', async () => {
    const body = {
      name: 'logged',
      source: {
        type: 'ON_DEMAND_CPS',
        clusterName: SEED.clusters.replicaSet,
        databaseName: 'd',
        collectionName: 'c',
      },
    };
    await call(
      sim,
      `${pipelinePath(SEED.pipelines.special)}/runs?itemsPerPage=2&itemsPerPage=3&pretty=true`,
    );
    await call(sim, pipelines, { method: 'POST', body });
    await call(sim, pipelines, { accept: 'application/json' });

    const [list, create, refused] = sim.requests;
    expect(list).toMatchObject({
      method: 'GET',
      path: `${GROUP}/pipelines/sales%232024%25q1%2B%C3%A9%3Ax/runs`,
      rawQuery: 'itemsPerPage=2&itemsPerPage=3&pretty=true',
      query: { itemsPerPage: '3', pretty: 'true' },
      operationId: 'listGroupPipelineRuns',
      status: 200,
    });
    expect(list?.headers.accept).toBe(V2023);
    expect(list?.responseHeaders['content-type']).toBe(V2023);
    expect((list!.responseBody as { results: unknown[] }).results).toHaveLength(2);
    expect(create).toMatchObject({
      method: 'POST',
      body,
      rawBody: JSON.stringify(body),
      operationId: 'createGroupPipeline',
      status: 200,
    });
    expect(refused).toMatchObject({ status: 406, operationId: 'listGroupPipelines' });
    for (const recorded of sim.requests)
      expect(recorded.endedAt).toBeGreaterThanOrEqual(recorded.startedAt);

    sim.clearRequests();
    expect(sim.requests).toHaveLength(0);
  });

  it('keeps at most maxRecordedRequests entries, newest last; 0 records nothing', async () => {
    const small = await startSimulator({ maxRecordedRequests: 2 });
    const silent = await startSimulator({ maxRecordedRequests: 0 });
    try {
      for (const path of ['/api/atlas/v2', pipelines, `${pipelines}?envelope=true`]) {
        await fetch(small.url + path, { headers: { accept: V2023 } });
        await fetch(silent.url + path, { headers: { accept: V2023 } });
      }
      expect(small.requests.map((r) => r.rawQuery)).toEqual(['', 'envelope=true']);
      expect(silent.requests).toEqual([]);
    } finally {
      await Promise.all([small.close(), silent.close()]);
    }
  });

  it('times concurrent requests so overlaps are visible', async () => {
    sim.setLatency(50);
    await Promise.all(
      [1, 2, 3].map(() =>
        request(`${sim.url}${pipelines}`, { headers: { accept: V2023 } }).then((answer) =>
          answer.body.dump(),
        ),
      ),
    );
    const [a, b] = sim.requests;
    expect(a && b && a.startedAt < b.endedAt && b.startedAt < a.endedAt).toBe(true);
  });
});
