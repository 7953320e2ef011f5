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
import { subscribe } from '../support/sse.ts';

const TRIGGER = `mutation Trigger($input: TriggerPipelineRunInput!) {
  triggerPipelineRun(input: $input) { __typename ... on TriggerPipelineRunSuccess { run { id atlasId } } }
}`;
const WATCH = `subscription Watch($id: ID!) { pipelineRunUpdated(id: $id) { state phase } }`;
const CREATE_EXPORT = `mutation Export($input: CreateExportJobInput!) {
  createExportJob(input: $input) { __typename ... on CreateExportJobSuccess { exportJob { id atlasId } } }
}`;
const WATCH_EXPORT = `subscription WatchExport($id: ID!) {
  exportJobUpdated(id: $id) { state exportStatus { exportedCollections } }
}`;

let redis: RedisServer;
let simulator: Simulator;
let a: GatewayProcess;
let b: GatewayProcess;
beforeAll(async () => {
  if (!redisServerInstalled) return;
  [redis, simulator] = await Promise.all([
    startRedisServer(),
    startSimulator({ runDurationMs: 2_000 }),
  ]);
  const env = {
    MONGODB_ATLAS_BASE_URL: simulator.url,
    REDIS_URL: redis.url,
    RUN_POLL_INITIAL_MS: '150',
    RUN_POLL_MAX_MS: '300',
  };
  [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([simulator?.close(), redis?.stop()]);
});

describe.skipIf(!redisServerInstalled)('watches across replicas sharing one Redis', () => {
  it('poll a watched run from one replica only, and relay every change to subscribers of both', async () => {
    const triggered = await postGraphQL(a.url, TRIGGER, {
      input: {
        projectId: SEED.projectId,
        pipelineName: SEED.pipelines.small,
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      },
    });
    const run = triggered.body.data.triggerPipelineRun.run;
    simulator.clearRequests();

    const [onA, onB] = await Promise.all([
      subscribe(a.url, WATCH, { id: run.id }),
      subscribe(b.url, WATCH, { id: run.id }),
    ]);
    await Promise.all([onA.ended, onB.ended]);

    const states = (events: { event: string; data: any }[]) =>
      events.filter((e) => e.event === 'next').map((e) => e.data.data.pipelineRunUpdated.state);
    expect(states(onA.events).at(-1)).toBe('DONE');
    expect(states(onB.events).at(-1)).toBe('DONE');
    // Both saw the run move through its states: neither stream is a lone final snapshot.
    expect(states(onA.events).length).toBeGreaterThan(1);
    expect(states(onB.events).length).toBeGreaterThan(1);

    const polls = simulator.requests.filter(
      (r) => r.operationId === 'getGroupPipelineRun' && r.path.endsWith(run.atlasId),
    );
    expect(polls.length).toBeGreaterThan(2);
    expect(new Set(polls.map((r) => r.headers['x-request-id'])).size).toBe(1);
  });

  it('poll a watched export job from one replica only, and relay every change to subscribers of both', async () => {
    const created = await postGraphQL(a.url, CREATE_EXPORT, {
      input: {
        projectId: SEED.projectId,
        clusterName: SEED.clusters.replicaSet,
        snapshotId: SEED.snapshots.exportFree,
        exportBucketId: SEED.exportBuckets.aws,
      },
    });
    const job = created.body.data.createExportJob.exportJob;
    simulator.clearRequests();

    const [onA, onB] = await Promise.all([
      subscribe(a.url, WATCH_EXPORT, { id: job.id }),
      subscribe(b.url, WATCH_EXPORT, { id: job.id }),
    ]);
    await Promise.all([onA.ended, onB.ended]);

    const states = (events: { event: string; data: any }[]) =>
      events.filter((e) => e.event === 'next').map((e) => e.data.data.exportJobUpdated.state);
    expect(states(onA.events).at(-1)).toBe('SUCCESSFUL');
    expect(states(onB.events).at(-1)).toBe('SUCCESSFUL');
    expect(states(onA.events).length).toBeGreaterThan(1);
    expect(states(onB.events).length).toBeGreaterThan(1);

    // Every upstream call since the watches began is a poll of the job, all from one replica's stream.
    const upstream = simulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2'));
    expect(new Set(upstream.map((r) => `${r.method} ${r.operationId} ${r.path}`))).toEqual(
      new Set([
        `GET getGroupClusterBackupExport /api/atlas/v2/groups/${SEED.projectId}/clusters/${SEED.clusters.replicaSet}/backup/exports/${job.atlasId}`,
      ]),
    );
    expect(upstream.length).toBeGreaterThan(2);
    expect(new Set(upstream.map((r) => r.headers['x-request-id'])).size).toBe(1);
  });
});
