import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { call, GROUP, manualClock, pipelinePath, V2024_11_13 } from './helpers.ts';

const clock = manualClock();
const RUN_DURATION = 10_000;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ now: clock.now, runDurationMs: RUN_DURATION });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('pipelines', () => {
  const body = {
    name: 'new-pipe#1',
    source: {
      type: 'PERIODIC_CPS',
      clusterName: SEED.clusters.replicaSet,
      databaseName: 'db',
      collectionName: 'c',
      policyItemId: SEED.policyItems.daily,
    },
    sink: {
      metadataProvider: 'AWS',
      metadataRegion: 'EU_WEST_1',
      partitionFields: [{ fieldName: 'a', order: 0 }],
    },
    transformations: [{ field: 'secret', type: 'EXCLUDE' }],
    datasetRetentionPolicy: { units: 'WEEKS', value: 2 },
  };

  it('creates, reads, updates, pauses, resumes and deletes', async () => {
    const created = await call(sim, `${GROUP}/pipelines`, { method: 'POST', body });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'new-pipe#1',
      groupId: SEED.projectId,
      state: 'ACTIVE',
      source: { ...body.source, groupId: SEED.projectId },
      sink: { type: 'DLS', ...body.sink },
      datasetRetentionPolicy: {
        units: 'WEEKS',
        value: 2,
        lastModifiedDate: new Date(clock.now()).toISOString(),
      },
    });
    expect(created.body._id).toMatch(/^[a-f0-9]{24}$/);
    const list = await call(sim, `${GROUP}/pipelines`);
    expect(list.body.at(-1).name).toBe('new-pipe#1');

    clock.advance(1_000);
    const updated = await call(sim, pipelinePath('new-pipe#1'), {
      method: 'PATCH',
      body: { name: 'renamed', transformations: [] },
    });
    expect(updated.body).toMatchObject({ name: 'renamed', transformations: [], sink: body.sink });
    expect(updated.body.lastUpdatedDate).not.toBe(created.body.lastUpdatedDate);
    expect((await call(sim, pipelinePath('new-pipe#1'))).status).toBe(404);

    expect(
      (await call(sim, `${pipelinePath('renamed')}/pause`, { method: 'POST' })).body.state,
    ).toBe('PAUSED');
    expect(
      (await call(sim, `${pipelinePath('renamed')}/pause`, { method: 'POST' })).body.state,
    ).toBe('PAUSED');
    expect(
      (await call(sim, `${pipelinePath('renamed')}/resume`, { method: 'POST' })).body.state,
    ).toBe('ACTIVE');

    const deleted = await call(sim, pipelinePath('renamed'), { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expect((await call(sim, pipelinePath('renamed'))).status).toBe(404);
  });

  it('refuses a source cluster that does not exist', async () => {
    const { status, body: error } = await call(sim, `${GROUP}/pipelines`, {
      method: 'POST',
      body: {
        name: 'x',
        source: {
          type: 'ON_DEMAND_CPS',
          clusterName: 'Ghost',
          databaseName: 'd',
          collectionName: 'c',
        },
      },
    });
    expect(status).toBe(404);
    expect(error.errorCode).toBe('CLUSTER_NOT_FOUND');
  });

  it('returns to the seed on reset', async () => {
    await call(sim, pipelinePath(SEED.pipelines.small), { method: 'DELETE' });
    sim.reset();
    expect((await call(sim, pipelinePath(SEED.pipelines.small))).status).toBe(200);
    expect(sim.requests).toHaveLength(1);
  });
});

describe('triggered runs', () => {
  const trigger = (retention?: object) =>
    call(sim, `${pipelinePath(SEED.pipelines.small)}/trigger`, {
      method: 'POST',
      body: {
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        ...(retention ? { datasetRetentionPolicy: retention } : {}),
      },
    });

  it('moves from PENDING to DONE over runDurationMs, computed from the clock', async () => {
    const started = clock.now();
    const triggered = await trigger({ units: 'DAYS', value: 3 });
    expect(triggered.status).toBe(200);
    expect(triggered.body).toMatchObject({
      state: 'PENDING',
      phase: 'SNAPSHOT',
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      pipelineId: SEED.pipelineIds.small,
    });
    expect(triggered.body.scheduledDeletionDate).toBe(
      new Date(started + 3 * 86_400_000).toISOString(),
    );
    const runPath = `${pipelinePath(SEED.pipelines.small)}/runs/${triggered.body._id}`;

    const seen: string[] = [];
    let lastBytes = -1;
    for (let step = 0; step <= 10; step += 1) {
      const { body } = await call(sim, runPath);
      seen.push(`${body.state}/${body.phase}`);
      const bytes = body.stats?.bytesExported ?? 0;
      expect(bytes).toBeGreaterThanOrEqual(lastBytes);
      lastBytes = bytes;
      clock.advance(RUN_DURATION / 10);
    }
    expect([...new Set(seen)]).toEqual([
      'PENDING/SNAPSHOT',
      'IN_PROGRESS/SNAPSHOT',
      'IN_PROGRESS/EXPORT',
      'IN_PROGRESS/INGESTION',
      'DONE/INGESTION',
    ]);
    expect(lastBytes).toBeGreaterThan(0);

    const list = await call(sim, `${pipelinePath(SEED.pipelines.small)}/runs`);
    expect(list.body.results[0]._id).toBe(triggered.body._id);
    expect(list.body.totalCount).toBe(4);
  });

  it('ends in FAILED when failNextTriggeredRuns says so', async () => {
    sim.failNextTriggeredRuns(1);
    const failing = await trigger();
    const succeeding = await trigger();
    clock.advance(RUN_DURATION);
    const states = await Promise.all(
      [failing, succeeding].map(
        async (run) =>
          (await call(sim, `${pipelinePath(SEED.pipelines.small)}/runs/${run.body._id}`)).body
            .state,
      ),
    );
    expect(states).toEqual(['FAILED', 'DONE']);
  });

  it('deletes a DONE run dataset with 202 {} and then reads DATASET_DELETED', async () => {
    const runPath = `${pipelinePath(SEED.pipelines.small)}/runs/${SEED.runs.smallNewest}`;
    const deleted = await call(sim, runPath, { method: 'DELETE' });
    expect(deleted.status).toBe(202);
    expect(deleted.body).toEqual({});
    expect((await call(sim, runPath)).body.state).toBe('DATASET_DELETED');
    expect((await call(sim, runPath, { method: 'DELETE' })).status).toBe(202);
  });

  it('refuses snapshots the pipeline cannot use', async () => {
    const { status, body } = await call(sim, `${pipelinePath(SEED.pipelines.small)}/trigger`, {
      method: 'POST',
      body: { snapshotId: SEED.snapshots.shardedNewest },
    });
    expect(status).toBe(404);
    expect(body.errorCode).toBe('SNAPSHOT_NOT_FOUND');
  });
});

describe('backup jobs', () => {
  it('creates an export job that progresses to Successful', async () => {
    const path = `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/exports`;
    const created = await call(sim, path, {
      method: 'POST',
      body: {
        snapshotId: SEED.snapshots.exportFree,
        exportBucketId: SEED.exportBuckets.gcp,
        customData: [{ key: 'k', value: 'v' }],
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      state: 'Queued',
      snapshotId: SEED.snapshots.exportFree,
      exportBucketId: SEED.exportBuckets.gcp,
      customData: [{ key: 'k', value: 'v' }],
    });
    const again = await call(sim, path, {
      method: 'POST',
      body: { snapshotId: SEED.snapshots.exportFree, exportBucketId: SEED.exportBuckets.aws },
    });
    expect(again.status).toBe(409);
    clock.advance(RUN_DURATION);
    const done = await call(sim, `${path}/${created.body.id}`);
    expect(done.body).toMatchObject({
      state: 'Successful',
      exportStatus: { exportedCollections: 12, totalCollections: 12 },
    });
    expect((await call(sim, `${path}?itemsPerPage=1`)).body.results[0].id).toBe(created.body.id);
  });

  it('checks the export bucket exists', async () => {
    const { status, body } = await call(
      sim,
      `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/exports`,
      {
        method: 'POST',
        body: { snapshotId: SEED.snapshots.exportFree, exportBucketId: SEED.unknownProjectId },
      },
    );
    expect(status).toBe(404);
    expect(body.errorCode).toBe('EXPORT_BUCKET_NOT_FOUND');
  });

  it('creates serverless restore jobs that finish after runDurationMs', async () => {
    const path = `${GROUP}/serverless/${SEED.serverless.main}/backup/restoreJobs`;
    const created = await call(sim, path, {
      method: 'POST',
      body: {
        deliveryType: 'download',
        snapshotId: SEED.snapshots.serverlessCompleted,
        targetClusterName: SEED.serverless.main,
        targetGroupId: SEED.projectId,
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      deliveryType: 'download',
      failed: false,
      cancelled: false,
      expired: false,
      deliveryUrl: [],
    });
    expect(created.body.finishedAt).toBeUndefined();
    clock.advance(RUN_DURATION);
    const finished = await call(sim, `${path}/${created.body.id}`);
    expect(finished.body.finishedAt).toBeDefined();
    expect(finished.body.deliveryUrl).toHaveLength(1);

    const pointInTime = await call(sim, path, {
      method: 'POST',
      body: {
        deliveryType: 'pointInTime',
        oplogTs: 1_748_000_000,
        oplogInc: 3,
        targetClusterName: SEED.clusters.sharded,
        targetGroupId: SEED.projectId,
      },
    });
    expect(pointInTime.body).toMatchObject({
      deliveryType: 'pointInTime',
      oplogTs: 1_748_000_000,
      oplogInc: 3,
      timestamp: new Date(1_748_000_000_000).toISOString(),
    });

    const unknownTarget = await call(sim, path, {
      method: 'POST',
      body: {
        deliveryType: 'automated',
        snapshotId: SEED.snapshots.serverlessCompleted,
        targetClusterName: 'Ghost',
        targetGroupId: SEED.projectId,
      },
    });
    expect(unknownTarget.status).toBe(404);
  });

  it('creates flex restore jobs that go PENDING -> QUEUED -> RUNNING -> COMPLETED', async () => {
    const path = `${GROUP}/flexClusters/${SEED.flex.main}/backup/restoreJobs`;
    const created = await call(sim, path, {
      method: 'POST',
      accept: V2024_11_13,
      body: { snapshotId: SEED.snapshots.flexCompleted, targetDeploymentItemName: SEED.flex.main },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'PENDING',
      deliveryType: 'RESTORE',
      targetProjectId: SEED.projectId,
      instanceName: SEED.flex.main,
      projectId: SEED.projectId,
    });
    const statuses: string[] = [];
    for (let step = 0; step <= 10; step += 1) {
      statuses.push(
        (await call(sim, `${path}/${created.body.id}`, { accept: V2024_11_13 })).body.status,
      );
      clock.advance(RUN_DURATION / 10);
    }
    expect([...new Set(statuses)]).toEqual(['PENDING', 'QUEUED', 'RUNNING', 'COMPLETED']);
  });
});
