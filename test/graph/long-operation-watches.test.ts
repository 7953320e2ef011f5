import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/relay/global-id.ts';
import { SEED } from '../../src/simulator/index.ts';
import type { RecordedRequest } from '../../src/simulator/types.ts';
import { calls } from '../support/harness.ts';
import { eventually, expectBackedOff, sleep } from '../support/polling.ts';
import { useHarness } from '../support/shared-harness.ts';
import { payloads, type SseSubscription, subscribe } from '../support/sse.ts';

const INITIAL_MS = 25;
const MAX_MS = 100;

const h = useHarness({
  simulator: { runDurationMs: 1_200 },
  env: { RUN_POLL_INITIAL_MS: String(INITIAL_MS), RUN_POLL_MAX_MS: String(MAX_MS) },
});

const p = SEED.projectId;
const group = `/groups/${p}`;
const serverlessJobs = SEED.serverlessRestoreJobs as Record<string, string>;
const flexJobs = SEED.flexRestoreJobs as Record<string, string>;

const EXPORT_WATCH = /* GraphQL */ `
  subscription($id: ID!) {
    exportJobUpdated(id: $id) { id atlasId state exportStatus { exportedCollections totalCollections } cluster { name } }
  }
`;
const RESTORE_WATCH = /* GraphQL */ `
  subscription($id: ID!) {
    restoreJobUpdated(id: $id) { __typename id atlasId status finishedAt }
  }
`;
const SNAPSHOT_WATCH = /* GraphQL */ `
  subscription($id: ID!) {
    clusterSnapshotUpdated(id: $id) { id atlasId status cluster { name } }
  }
`;

const exportPath = (id: string) =>
  `${group}/clusters/${SEED.clusters.replicaSet}/backup/exports/${id}`;
const serverlessJobPath = (id: string) =>
  `${group}/serverless/${SEED.serverless.main}/backup/restoreJobs/${id}`;
const flexJobPath = (id: string) =>
  `${group}/flexClusters/${SEED.flex.main}/backup/restoreJobs/${id}`;
const snapshotPath = (id: string) =>
  `${group}/clusters/${SEED.clusters.replicaSet}/backup/snapshots/${id}`;

const exportId = (id: string) => encodeGlobalId('ExportJob', p, SEED.clusters.replicaSet, id);
const serverlessId = (id: string) =>
  encodeGlobalId('ServerlessRestoreJob', p, SEED.serverless.main, id);
const flexId = (id: string) => encodeGlobalId('FlexRestoreJob', p, SEED.flex.main, id);
const snapshotId = (id: string) =>
  encodeGlobalId('ClusterSnapshot', p, SEED.clusters.replicaSet, id);

/** Every upstream call since the last reset is a GET of `path`, all from one poll stream, one at a time. */
function expectOnePollStream(path: string, label: string): RecordedRequest[] {
  const seen = h.upstream();
  expect(seen.length).toBeGreaterThan(0);
  expect(new Set(calls(seen))).toEqual(new Set([`GET ${path}`]));
  expect(new Set(seen.map((r) => r.headers['x-request-id']))).toEqual(
    new Set([expect.stringMatching(new RegExp(`^${label}-poll-`))]),
  );
  for (let i = 1; i < seen.length; i++)
    expect(seen[i]!.startedAt).toBeGreaterThanOrEqual(seen[i - 1]!.endedAt);
  return seen;
}

/** The field's payloads of a stream that ended, after checking it completed without errors. */
function completed(stream: SseSubscription, field: string): any[] {
  expect(payloads(stream.events).map((event) => event.errors)).toEqual(
    payloads(stream.events).map(() => undefined),
  );
  expect(stream.events.at(-1)!.event).toBe('complete');
  return payloads(stream.events).map((event) => event.data[field]);
}

/** Starts a job through the gateway's mutation; answers the job's `id` and `atlasId`. */
async function started(
  mutation: string,
  input: Record<string, unknown>,
): Promise<{ id: string; atlasId: string }> {
  const [name, inputType, success, payload] = mutation.split(' ');
  const { body } = await h.graphql(
    `mutation($input: ${inputType}!) { ${name}(input: $input) {
      ... on ${success} { ${payload} { id atlasId } } } }`,
    { input },
  );
  expect(body.errors).toBeUndefined();
  return body.data![name!][payload!];
}

const createExportJob = () =>
  started('createExportJob CreateExportJobInput CreateExportJobSuccess exportJob', {
    projectId: p,
    clusterName: SEED.clusters.replicaSet,
    snapshotId: SEED.snapshots.exportFree,
    exportBucketId: SEED.exportBuckets.aws,
  });

const createFlexRestoreJob = () =>
  started('createFlexRestoreJob CreateFlexRestoreJobInput CreateFlexRestoreJobSuccess restoreJob', {
    projectId: p,
    flexClusterName: SEED.flex.main,
    snapshotId: SEED.snapshots.flexCompleted,
    targetDeploymentItemName: SEED.flex.main,
  });

const createServerlessRestoreJob = () =>
  started(
    'createServerlessRestoreJob CreateServerlessRestoreJobInput CreateServerlessRestoreJobSuccess restoreJob',
    {
      projectId: p,
      instanceName: SEED.serverless.main,
      deliveryType: 'AUTOMATED',
      snapshotId: SEED.snapshots.serverlessCompleted,
      targetProjectId: p,
      targetClusterName: SEED.clusters.sharded,
    },
  );

describe('exportJobUpdated', () => {
  it('sends the job as it is now, then each change, and completes at SUCCESSFUL', async () => {
    const job = await createExportJob();
    h.resetUpstream();
    const stream = await subscribe(h.gateway.url, EXPORT_WATCH, { id: job.id });
    await stream.ended;
    const jobs = completed(stream, 'exportJobUpdated');
    expect(jobs[0]).toMatchObject({
      id: job.id,
      atlasId: job.atlasId,
      cluster: { name: SEED.clusters.replicaSet },
    });
    // QUEUED lasts a fifth of the simulated export: a slow machine may first see it IN_PROGRESS.
    expect(['QUEUED', 'IN_PROGRESS']).toContain(jobs[0].state);
    expect(jobs.at(-1)).toMatchObject({ state: 'SUCCESSFUL' });
    expect(jobs.map((j) => j.state)).toContain('IN_PROGRESS');
    // Every event is a change.
    const distinct = jobs.map((j) => JSON.stringify(j));
    expect(new Set(distinct).size).toBe(distinct.length);
    // Only the polls of one stream reached Atlas (the cluster field costs nothing), and they stopped.
    const count = expectOnePollStream(exportPath(job.atlasId), 'export-job').length;
    await sleep(4 * MAX_MS);
    expect(h.upstream()).toHaveLength(count);
  });

  it.each([
    ['FAILED', SEED.exportJobs.failed],
    ['CANCELLED', SEED.exportJobs.cancelled],
    ['SUCCESSFUL', SEED.exportJobs.successful],
  ])('completes after its first event for a job already %s, with one GET', async (state, id) => {
    const stream = await subscribe(h.gateway.url, EXPORT_WATCH, { id: exportId(id) });
    await stream.ended;
    expect(completed(stream, 'exportJobUpdated')).toEqual([
      expect.objectContaining({ atlasId: id, state }),
    ]);
    expect(calls(h.upstream())).toEqual([`GET ${exportPath(id)}`]);
  });

  it('serves three clients watching one job from one upstream poll stream', async () => {
    const job = await createExportJob();
    h.resetUpstream();
    const first = await subscribe(h.gateway.url, EXPORT_WATCH, { id: job.id });
    await first.waitFor(1);
    const others = await Promise.all([
      subscribe(h.gateway.url, EXPORT_WATCH, { id: job.id }),
      subscribe(h.gateway.url, EXPORT_WATCH, { id: job.id }),
    ]);
    await Promise.all([first.ended, ...others.map((s) => s.ended)]);
    const last = completed(first, 'exportJobUpdated').at(-1);
    expect(last).toMatchObject({ state: 'SUCCESSFUL' });
    for (const other of others) expect(completed(other, 'exportJobUpdated').at(-1)).toEqual(last);
    expectOnePollStream(exportPath(job.atlasId), 'export-job');
  });

  it("refuses an ID that is not an export job's, or is malformed, before any call", async () => {
    for (const id of [
      encodeGlobalId('Pipeline', p, SEED.pipelines.small),
      flexId(flexJobs.queued!),
      'not-an-id',
    ]) {
      const stream = await subscribe(h.gateway.url, EXPORT_WATCH, { id });
      await stream.ended;
      expect(payloads(stream.events)[0].errors[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    expect(h.upstream()).toEqual([]);
  });

  it('ends with an error event when the job does not exist', async () => {
    const gone = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    const stream = await subscribe(h.gateway.url, EXPORT_WATCH, { id: exportId(gone) });
    await stream.ended;
    const [event] = payloads(stream.events);
    expect(event.data).toBeNull();
    expect(event.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(stream.events.at(-1)!.event).toBe('complete');
    expect(calls(h.upstream())).toEqual([`GET ${exportPath(gone)}`]);
  });
});

const clusterJobPath = (id: string) =>
  `${group}/clusters/${SEED.clusters.replicaSet}/backup/restoreJobs/${id}`;

const createClusterRestoreJob = () =>
  started(
    'createClusterRestoreJob CreateClusterRestoreJobInput CreateClusterRestoreJobSuccess restoreJob',
    {
      projectId: p,
      clusterName: SEED.clusters.replicaSet,
      deliveryType: 'DOWNLOAD',
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
    },
  );

describe('restoreJobUpdated', () => {
  it("follows a dedicated cluster's restore from RUNNING to COMPLETED and completes", async () => {
    const job = await createClusterRestoreJob();
    h.resetUpstream();
    const stream = await subscribe(h.gateway.url, RESTORE_WATCH, { id: job.id });
    await stream.ended;
    expect(completed(stream, 'restoreJobUpdated')).toEqual([
      expect.objectContaining({ __typename: 'ClusterRestoreJob', status: 'RUNNING' }),
      expect.objectContaining({ status: 'COMPLETED', finishedAt: expect.any(String) }),
    ]);
    expectOnePollStream(clusterJobPath(job.atlasId), 'restore-job');
  });

  it('follows a Flex restore from PENDING to COMPLETED and completes', async () => {
    const job = await createFlexRestoreJob();
    h.resetUpstream();
    const stream = await subscribe(h.gateway.url, RESTORE_WATCH, { id: job.id });
    await stream.ended;
    const jobs = completed(stream, 'restoreJobUpdated');
    expect(jobs[0]).toMatchObject({ __typename: 'FlexRestoreJob', id: job.id, finishedAt: null });
    expect(jobs.at(-1)).toMatchObject({ status: 'COMPLETED', finishedAt: expect.any(String) });
    // Each event a new status, in the order Atlas moves a job (the first may be past PENDING already).
    const order = ['PENDING', 'QUEUED', 'RUNNING', 'COMPLETED'];
    const statuses = jobs.map((j) => order.indexOf(j.status));
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    expect(statuses).toEqual([...new Set(statuses)].sort((a, b) => a - b));
    expect(statuses[0]).toBeGreaterThanOrEqual(0);
    expectOnePollStream(flexJobPath(job.atlasId), 'restore-job');
  });

  it('follows a serverless restore from RUNNING to COMPLETED and completes', async () => {
    const job = await createServerlessRestoreJob();
    h.resetUpstream();
    const stream = await subscribe(h.gateway.url, RESTORE_WATCH, { id: job.id });
    await stream.ended;
    expect(completed(stream, 'restoreJobUpdated')).toEqual([
      expect.objectContaining({ __typename: 'ServerlessRestoreJob', status: 'RUNNING' }),
      expect.objectContaining({ status: 'COMPLETED', finishedAt: expect.any(String) }),
    ]);
    expectOnePollStream(serverlessJobPath(job.atlasId), 'restore-job');
  });

  it.each([
    ['FAILED', () => serverlessJobs.failed!, serverlessId, serverlessJobPath],
    ['CANCELLED', () => serverlessJobs.cancelled!, serverlessId, serverlessJobPath],
    ['EXPIRED', () => serverlessJobs.expired!, serverlessId, serverlessJobPath],
    ['COMPLETED', () => serverlessJobs.finished!, serverlessId, serverlessJobPath],
    ['COMPLETED', () => flexJobs.completed!, flexId, flexJobPath],
    ['FAILED', () => flexJobs.failed!, flexId, flexJobPath],
  ])(
    'completes after its first event for a job already %s, with one GET',
    async (status, atlasId, id, path) => {
      const stream = await subscribe(h.gateway.url, RESTORE_WATCH, { id: id(atlasId()) });
      await stream.ended;
      expect(completed(stream, 'restoreJobUpdated')).toEqual([
        expect.objectContaining({ atlasId: atlasId(), status }),
      ]);
      expect(calls(h.upstream())).toEqual([`GET ${path(atlasId())}`]);
    },
  );

  it('serves two clients watching one job from one upstream poll stream', async () => {
    const job = await createFlexRestoreJob();
    h.resetUpstream();
    const [first, second] = await Promise.all([
      subscribe(h.gateway.url, RESTORE_WATCH, { id: job.id }),
      subscribe(h.gateway.url, RESTORE_WATCH, { id: job.id }),
    ]);
    await Promise.all([first.ended, second.ended]);
    expect(completed(second, 'restoreJobUpdated').at(-1)).toEqual(
      completed(first, 'restoreJobUpdated').at(-1),
    );
    expectOnePollStream(flexJobPath(job.atlasId), 'restore-job');
  });

  it("refuses an ID that is not a restore job's before any call", async () => {
    for (const id of [
      exportId(SEED.exportJobs.newest),
      snapshotId(SEED.snapshots.replicaSetNewest),
    ]) {
      const stream = await subscribe(h.gateway.url, RESTORE_WATCH, { id });
      await stream.ended;
      expect(payloads(stream.events)[0].errors[0]).toMatchObject({
        message: '"id" is not the global ID of a restore job.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    expect(h.upstream()).toEqual([]);
  });
});

describe('clusterSnapshotUpdated', () => {
  it('sends each status change and completes at COMPLETED', async () => {
    // Seeded snapshots do not move: Atlas's answers before completion are played by injected ones.
    const id = SEED.snapshots.replicaSetNewestAvailable;
    for (const status of ['queued', 'inProgress'])
      h.simulator.injectFault({
        method: 'GET',
        path: `/api/atlas/v2${snapshotPath(id)}`,
        times: 2,
        status: 200,
        body: { id, status, type: 'replicaSet' },
      });
    const stream = await subscribe(h.gateway.url, SNAPSHOT_WATCH, { id: snapshotId(id) });
    await stream.ended;
    expect(completed(stream, 'clusterSnapshotUpdated')).toEqual([
      {
        id: snapshotId(id),
        atlasId: id,
        status: 'QUEUED',
        cluster: { name: SEED.clusters.replicaSet },
      },
      {
        id: snapshotId(id),
        atlasId: id,
        status: 'IN_PROGRESS',
        cluster: { name: SEED.clusters.replicaSet },
      },
      {
        id: snapshotId(id),
        atlasId: id,
        status: 'COMPLETED',
        cluster: { name: SEED.clusters.replicaSet },
      },
    ]);
    // Two polls per injected answer, then the real one: five GETs of one stream, none after.
    expect(expectOnePollStream(snapshotPath(id), 'cluster-snapshot')).toHaveLength(5);
    await sleep(4 * MAX_MS);
    expect(h.upstream()).toHaveLength(5);
  });

  it('completes after its first event for a snapshot that failed', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { cluster(name: "${SEED.clusters.replicaSet}") {
        snapshots(first: 20) { nodes { id atlasId status } } } } }`,
      { p },
    );
    const failed = body.data!.project.cluster.snapshots.nodes.find(
      (s: any) => s.status === 'FAILED',
    );
    h.resetUpstream();
    const stream = await subscribe(h.gateway.url, SNAPSHOT_WATCH, { id: failed.id });
    await stream.ended;
    expect(completed(stream, 'clusterSnapshotUpdated')).toEqual([
      expect.objectContaining({ atlasId: failed.atlasId, status: 'FAILED' }),
    ]);
    expect(calls(h.upstream())).toEqual([`GET ${snapshotPath(failed.atlasId)}`]);
  });

  it("refuses an ID that is not a cluster snapshot's before any call", async () => {
    const stream = await subscribe(h.gateway.url, SNAPSHOT_WATCH, {
      id: exportId(SEED.exportJobs.newest),
    });
    await stream.ended;
    expect(payloads(stream.events)[0].errors[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(h.upstream()).toEqual([]);
  });
});

describe('every watch', () => {
  // Objects that do not move in the seed: an export in progress, a Flex restore running, a snapshot in progress.
  it.each([
    [
      'exportJobUpdated',
      EXPORT_WATCH,
      () => exportId(SEED.exportJobs.inProgress),
      () => exportPath(SEED.exportJobs.inProgress),
      'export-job',
    ],
    [
      'restoreJobUpdated',
      RESTORE_WATCH,
      () => flexId(flexJobs.running!),
      () => flexJobPath(flexJobs.running!),
      'restore-job',
    ],
    [
      'clusterSnapshotUpdated',
      SNAPSHOT_WATCH,
      () => snapshotId(SEED.snapshots.replicaSetNewest),
      () => snapshotPath(SEED.snapshots.replicaSetNewest),
      'cluster-snapshot',
    ],
  ])(
    '%s backs off while nothing changes and stops polling when the last client leaves',
    async (_, query, id, path, label) => {
      const first = await subscribe(h.gateway.url, query, { id: id() });
      const second = await subscribe(h.gateway.url, query, { id: id() });
      await Promise.all([first.waitFor(1), second.waitFor(1)]);
      await eventually(() => h.upstream().length >= 6);

      const starts = expectOnePollStream(path(), label).map((r) => r.startedAt);
      expectBackedOff(starts, INITIAL_MS, MAX_MS);
      expect(payloads(first.events)).toHaveLength(1);

      first.close();
      second.close();
      // A poll under way when the clients left may still land; after that, none comes.
      await sleep(3 * MAX_MS);
      const settled = h.upstream().length;
      await sleep(5 * MAX_MS);
      expect(h.upstream()).toHaveLength(settled);
    },
  );
});
