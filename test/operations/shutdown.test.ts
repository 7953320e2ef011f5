import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import {
  type GatewayProcess,
  postGraphQL,
  startGatewayProcess,
} from '../support/gateway-process.ts';
import { subscribe } from '../support/sse.ts';

const QUERY = `query Slow($p: ObjectId!) { project(id: $p) { pipelines(first: 1) { nodes { name } } } }`;

let simulator: Simulator;
let gateway: GatewayProcess | undefined;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterEach(async () => {
  simulator.clearFaults();
  await gateway?.stop();
});
afterAll(() => simulator.close());

const arrived = async (operationId: string) => {
  while (!simulator.requests.some((r) => r.operationId === operationId))
    await new Promise((r) => setTimeout(r, 10));
};

/** One request on a connection of its own (no keep-alive pool), so that it shows new connections are accepted. */
const onNewConnection = (url: string, path: string, body?: unknown) =>
  new Promise<{ status: number; body: any }>((resolve, reject) => {
    const sent = request(
      `${url}${path}`,
      {
        agent: false,
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += String(chunk)));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      },
    );
    sent.on('error', reject);
    sent.end(body === undefined ? undefined : JSON.stringify(body));
  });

describe('draining on SIGTERM, before the graceful close', () => {
  it('answers 503 on /readyz for SHUTDOWN_DRAIN_MS while still serving, then closes and exits 0', async () => {
    const drainMs = 2_000;
    gateway = await startGatewayProcess({
      MONGODB_ATLAS_BASE_URL: simulator.url,
      SHUTDOWN_TIMEOUT_MS: '10000',
      SHUTDOWN_DRAIN_MS: String(drainMs),
    });
    expect(await onNewConnection(gateway.url, '/readyz')).toEqual({
      status: 200,
      body: { status: 'ready' },
    });
    simulator.clearRequests();
    // Under way across the end of the drain: the close after it lets it finish.
    simulator.injectFault({
      operationId: 'listGroupPipelines',
      delayMs: drainMs + 1_500,
      times: 1,
    });
    const inFlight = postGraphQL(gateway.url, QUERY, { p: SEED.projectId });
    await arrived('listGroupPipelines');

    const signalled = Date.now();
    gateway.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    expect(await onNewConnection(gateway.url, '/readyz')).toEqual({
      status: 503,
      body: { status: 'not ready', reason: 'shutting down' },
    });
    // Another read than the one under way, which an identical read would join (src/atlas/in-flight.ts).
    expect(
      await onNewConnection(gateway.url, '/graphql', {
        query: `query($p: ObjectId!) { project(id: $p) { clusters(first: 1) { nodes { name } } } }`,
        variables: { p: SEED.projectId },
      }),
    ).toEqual({
      status: 200,
      body: { data: { project: { clusters: { nodes: [{ name: expect.any(String) }] } } } },
    });
    expect(Date.now() - signalled).toBeLessThan(drainMs);

    // After the drain: no new connections, the operation under way still answered.
    await new Promise((r) => setTimeout(r, signalled + drainMs + 500 - Date.now()));
    await expect(onNewConnection(gateway.url, '/healthz')).rejects.toThrow();
    expect(await inFlight).toMatchObject({
      status: 200,
      body: { data: { project: expect.anything() } },
    });
    expect(await gateway.exited).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(drainMs);
    expect(gateway.logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['shutting down', 'draining: not ready, still serving', 'shut down']),
    );
  });
});

describe('graceful shutdown on SIGTERM', () => {
  it('stops accepting, finishes the operation under way, and exits 0', async () => {
    gateway = await startGatewayProcess({
      MONGODB_ATLAS_BASE_URL: simulator.url,
      SHUTDOWN_TIMEOUT_MS: '10000',
      SHUTDOWN_DRAIN_MS: '0',
    });
    simulator.clearRequests();
    simulator.injectFault({ operationId: 'listGroupPipelines', delayMs: 700, times: 1 });
    const inFlight = postGraphQL(gateway.url, QUERY, { p: SEED.projectId });
    await arrived('listGroupPipelines');

    gateway.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    await expect(fetch(`${gateway.url}/healthz`)).rejects.toThrow();

    const { status, body } = await inFlight;
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { project: { pipelines: { nodes: [{ name: expect.any(String) }] } } },
    });
    expect(await gateway.exited).toBe(0);
    expect(gateway.logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['shutting down', 'shut down']),
    );
  });

  it('ends subscription streams cleanly instead of waiting for the deadline', async () => {
    gateway = await startGatewayProcess({
      MONGODB_ATLAS_BASE_URL: simulator.url,
      SHUTDOWN_TIMEOUT_MS: '20000',
      SHUTDOWN_DRAIN_MS: '0',
    });
    const triggered = await postGraphQL(
      gateway.url,
      `mutation T($input: TriggerPipelineRunInput!) {
      triggerPipelineRun(input: $input) { ... on TriggerPipelineRunSuccess { run { id } } }
    }`,
      {
        input: {
          projectId: SEED.projectId,
          pipelineName: SEED.pipelines.small,
          snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        },
      },
    );
    const stream = await subscribe(
      gateway.url,
      `subscription W($id: ID!) { pipelineRunUpdated(id: $id) { state } }`,
      {
        id: triggered.body.data.triggerPipelineRun.run.id,
      },
    );
    await stream.waitFor(1);
    expect(stream.events[0]).toMatchObject({
      event: 'next',
      data: { data: { pipelineRunUpdated: { state: 'PENDING' } } },
    });

    gateway.child.kill('SIGTERM');
    await stream.ended;
    expect(stream.events.at(-1)!.event).toBe('complete');
    expect(await gateway.exited).toBe(0);
    expect(gateway.logs.map((l) => l.msg)).not.toContain(
      'shutdown deadline passed: cutting the connections still open',
    );
  });

  it('cuts what is still running at the deadline, and still exits 0', async () => {
    gateway = await startGatewayProcess({
      MONGODB_ATLAS_BASE_URL: simulator.url,
      SHUTDOWN_TIMEOUT_MS: '300',
      SHUTDOWN_DRAIN_MS: '0',
    });
    simulator.clearRequests();
    simulator.injectFault({ operationId: 'listGroupPipelines', hang: true, times: 1 });
    const stuck = postGraphQL(gateway.url, QUERY, { p: SEED.projectId }).then(
      () => 'answered',
      () => 'cut',
    );
    await arrived('listGroupPipelines');
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    expect(await stuck).toBe('cut');
    expect(gateway.logs.map((l) => l.msg)).toContain(
      'shutdown deadline passed: cutting the connections still open',
    );
  });
});
