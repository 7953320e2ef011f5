import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import {
  type GatewayProcess,
  postGraphQL,
  startGatewayProcess,
} from '../support/gateway-process.ts';
import { maxInFlight } from '../support/max-in-flight.ts';
import {
  type RedisServer,
  redisServerInstalled,
  startRedisServer,
} from '../support/redis-server.ts';

/** Issue 15: with REDIS_URL, UPSTREAM_PROJECT_CONCURRENCY holds for the fleet, with leases that lapse. */
const p = SEED.projectId;
const LISTS = (tag: number) =>
  `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.big}") { ${[1, 2, 3, 4]
    .map(
      (day) =>
        `d${day}: runs(first: ${tag}, createdBefore: "2025-05-0${day}T00:00:00Z") { nodes { state } }`,
    )
    .join(' ')} } } }`;
const runLists = (simulator: Simulator) =>
  simulator.requests.filter((r) => r.path.endsWith('/runs'));

let redis: RedisServer;
let simulator: Simulator;
let a: GatewayProcess;
let b: GatewayProcess;
beforeAll(async () => {
  if (!redisServerInstalled) return;
  [redis, simulator] = await Promise.all([startRedisServer(), startSimulator({ latencyMs: 150 })]);
  const env = {
    MONGODB_ATLAS_BASE_URL: simulator.url,
    REDIS_URL: redis.url,
    UPSTREAM_PROJECT_CONCURRENCY: '2',
    UPSTREAM_DEADLINE_MS: '2500',
    UPSTREAM_MAX_RETRIES: '0',
  };
  [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([simulator?.close(), redis?.stop()]);
});

describe.skipIf(!redisServerInstalled)('two replicas sharing one Redis', () => {
  it('never run more than UPSTREAM_PROJECT_CONCURRENCY calls of a project at once between them', async () => {
    simulator.clearRequests();
    const answers = await Promise.all([
      postGraphQL(a.url, LISTS(1), { p }),
      postGraphQL(b.url, LISTS(2), { p }),
    ]);
    for (const { body } of answers) expect(body.errors).toBeUndefined();
    expect(runLists(simulator)).toHaveLength(8);
    // Each replica alone allows two: without the fleet's leases, four would run at once.
    expect(maxInFlight(simulator.requests)).toBe(2);
  });

  it("free a dead replica's slots when its leases lapse", async () => {
    simulator.clearRequests();
    simulator.injectFault({ path: '*/runs', hang: true, times: 2 });
    // A takes both slots with calls that hang, and dies holding them.
    void postGraphQL(a.url, LISTS(3), { p }).catch(() => undefined);
    await expect.poll(() => runLists(simulator).length, { timeout: 2_000 }).toBe(2);
    a.child.kill('SIGKILL');
    await a.exited;
    const started = Date.now();
    const { body } = await postGraphQL(b.url, LISTS(4), { p }).then(
      // The first try may run out of deadline while A's leases still hold.
      async (first) => (first.body.errors ? postGraphQL(b.url, LISTS(4), { p }) : first),
    );
    expect(body.errors).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
