import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import {
  type GatewayProcess,
  postGraphQL,
  startGatewayProcess,
} from '../support/gateway-process.ts';
import {
  type RedisServer,
  redisServerInstalled,
  startRedisServer,
} from '../support/redis-server.ts';

const SMALL_RUNS = `query SmallRuns($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { runs(first: 2) { nodes { atlasId } } } } }`;
const TRIGGER = `mutation Trigger($input: TriggerPipelineRunInput!) {
  triggerPipelineRun(input: $input) { __typename ... on TriggerPipelineRunSuccess { run { atlasId } } }
}`;
const PIPELINES = `query Pipelines($p: ObjectId!) { project(id: $p) { pipelines { totalCount } } }`;
/** Six upstream calls a minute per project and credential, shared by both replicas. */
const RATE = 6;

let redis: RedisServer;
let simulator: Simulator;
let a: GatewayProcess;
let b: GatewayProcess;
beforeAll(async () => {
  if (!redisServerInstalled) return;
  [redis, simulator] = await Promise.all([startRedisServer(), startSimulator()]);
  const env = {
    MONGODB_ATLAS_BASE_URL: simulator.url,
    REDIS_URL: redis.url,
    CACHE_TTL_MS: '60000',
    UPSTREAM_PROJECT_RATE_PER_MINUTE: String(RATE),
    UPSTREAM_PROJECT_BURST: String(RATE),
    UPSTREAM_DEADLINE_MS: '2000',
  };
  [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([simulator?.close(), redis?.stop()]);
});

const apiCalls = () => simulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2/'));

describe.skipIf(!redisServerInstalled)('two replicas sharing one Redis', () => {
  it('serve a cache fill of one from the other, and see an invalidation made on the other', async () => {
    simulator.clearRequests();
    const filled = await postGraphQL(a.url, SMALL_RUNS, { p: SEED.projectId });
    expect(filled.body.errors).toBeUndefined();
    expect(apiCalls()).toHaveLength(2);

    simulator.clearRequests();
    const shared = await postGraphQL(b.url, SMALL_RUNS, { p: SEED.projectId });
    expect(shared.body).toEqual(filled.body);
    expect(shared.headers.get('cache-control')).toBe('private, max-age=60');
    expect(apiCalls()).toEqual([]);

    const triggered = await postGraphQL(b.url, TRIGGER, {
      input: {
        projectId: SEED.projectId,
        pipelineName: SEED.pipelines.small,
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      },
    });
    expect(triggered.body.data.triggerPipelineRun.__typename).toBe('TriggerPipelineRunSuccess');

    simulator.clearRequests();
    const refreshed = await postGraphQL(a.url, SMALL_RUNS, { p: SEED.projectId });
    expect(apiCalls().map((r) => r.operationId)).toEqual([
      'getGroupPipeline',
      'listGroupPipelineRuns',
    ]);
    expect(refreshed.body.data.project.pipeline.runs.nodes[0].atlasId).toBe(
      triggered.body.data.triggerPipelineRun.run.atlasId,
    );
  });

  it('hold the per-project upstream rate limit across both', async () => {
    // Another project, so that the calls above do not count. Its answers are errors: never cached.
    const p = SEED.unknownProjectId;
    simulator.clearRequests();
    const codes = [];
    for (const gateway of [a, b, a, b, a, b, a, b]) {
      const { body } = await postGraphQL(gateway.url, PIPELINES, { p });
      codes.push(body.errors?.[0]?.extensions?.code);
    }
    // Each replica alone stayed under the limit (4 calls asked for); together they used it up at 6.
    expect(codes).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    expect(apiCalls()).toHaveLength(RATE);
  });
});
