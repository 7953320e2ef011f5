import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { call, GROUP, pipelinePath, V2023, V2024_11_13 } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const validSource = {
  type: 'ON_DEMAND_CPS',
  clusterName: SEED.clusters.replicaSet,
  databaseName: 'db',
  collectionName: 'coll',
};

describe('404s', () => {
  it.each([
    [`/api/atlas/v2/groups/${SEED.unknownProjectId}/pipelines`, 'GROUP_NOT_FOUND'],
    [pipelinePath('no-such-pipeline'), 'DATA_LAKE_PIPELINE_NOT_FOUND'],
    [`${pipelinePath(SEED.pipelines.small)}/runs/${SEED.runs.bigNewest}`, 'PIPELINE_RUN_NOT_FOUND'],
    [`${GROUP}/clusters/NoSuchCluster/backup/exports`, 'CLUSTER_NOT_FOUND'],
    [
      `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/exports/${SEED.exportJobs.sharded}`,
      'EXPORT_JOB_NOT_FOUND',
    ],
    [
      `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/snapshots/${SEED.snapshots.shardedNewest}`,
      'SNAPSHOT_NOT_FOUND',
    ],
    [`${GROUP}/backup/exportBuckets/${SEED.unknownProjectId}`, 'EXPORT_BUCKET_NOT_FOUND'],
    [`${GROUP}/serverless/Nope/backup/snapshots`, 'SERVERLESS_INSTANCE_NOT_FOUND'],
    [
      `${GROUP}/serverless/${SEED.serverless.main}/backup/restoreJobs/${SEED.unknownProjectId}`,
      'RESTORE_JOB_NOT_FOUND',
    ],
    [`${GROUP}/api/unknown`, 'RESOURCE_NOT_FOUND'],
  ])('GET %s -> 404 %s', async (path, errorCode) => {
    const { status, body, headers } = await call(sim, path, {
      accept: path.includes('exportBuckets') ? 'application/vnd.atlas.2024-05-30+json' : V2023,
    });
    expect(status).toBe(404);
    expect(headers.get('content-type')).toBe('application/json');
    expect(body).toMatchObject({
      error: 404,
      errorCode,
      reason: 'Not Found',
      parameters: expect.any(Array),
      detail: expect.any(String),
    });
  });

  it('answers 404 for unknown flex clusters', async () => {
    const { status, body } = await call(sim, `${GROUP}/flexClusters/Nope/backup/snapshots`, {
      accept: V2024_11_13,
    });
    expect(status).toBe(404);
    expect(body.errorCode).toBe('FLEX_CLUSTER_NOT_FOUND');
  });
});

describe('path parameters', () => {
  it.each([
    [`/api/atlas/v2/groups/NOT-AN-ID/pipelines`, 'INVALID_GROUP_ID', 'groupId'],
    [`${GROUP}/clusters/-bad/backup/exports`, 'INVALID_PATH_PARAMETER', 'clusterName'],
    [`${pipelinePath(SEED.pipelines.small)}/runs/123`, 'INVALID_PATH_PARAMETER', 'pipelineRunId'],
    [`${GROUP}/pipelines/has%20space`, 'INVALID_PATH_PARAMETER', 'pipelineName'],
    [`${GROUP}/pipelines/a%2Fb`, 'INVALID_PATH_PARAMETER', 'pipelineName'],
    [`${GROUP}/pipelines/${'x'.repeat(65)}`, 'INVALID_PATH_PARAMETER', 'pipelineName'],
  ])('GET %s -> 400 %s', async (path, errorCode, field) => {
    const { status, body } = await call(sim, path);
    expect(status).toBe(400);
    expect(body.errorCode).toBe(errorCode);
    expect(body.badRequestDetail.fields[0].field).toBe(field);
  });
});

describe('request bodies', () => {
  it('refuses a body of another media type with 415, and a missing or broken body with 400', async () => {
    const path = `${GROUP}/pipelines`;
    const body = { name: 'x', source: validSource };
    expect(
      (await call(sim, path, { method: 'POST', body, contentType: 'application/json' })).status,
    ).toBe(415);
    const missing = await call(sim, path, { method: 'POST' });
    expect(missing.status).toBe(400);
    expect(missing.body.errorCode).toBe('INVALID_JSON');
    expect((await call(sim, path, { method: 'POST', body: '{"name":' })).body.errorCode).toBe(
      'INVALID_JSON',
    );
  });

  it('refuses unknown and misspelled fields with 400 and badRequestDetail', async () => {
    const { status, body } = await call(sim, `${GROUP}/pipelines`, {
      method: 'POST',
      body: { name: 'x', source: { ...validSource, colectionName: 'typo' }, sinc: {} },
    });
    expect(status).toBe(400);
    expect(body.errorCode).toBe('INVALID_JSON_ATTRIBUTE');
    expect(
      body.badRequestDetail.fields.map((field: { field: string }) => field.field).sort(),
    ).toEqual(['sinc', 'source.colectionName']);
  });

  it('refuses read-only fields', async () => {
    const { status, body } = await call(sim, `${GROUP}/pipelines`, {
      method: 'POST',
      body: { name: 'x', _id: SEED.pipelineIds.big, source: validSource, sink: { type: 'DLS' } },
    });
    expect(status).toBe(400);
    expect(body.errorCode).toBe('ATTRIBUTE_READ_ONLY');
    expect(body.badRequestDetail.fields).toEqual([
      { field: '_id', description: 'is read-only.' },
      { field: 'sink.type', description: 'is read-only.' },
    ]);
  });

  it('checks required fields, patterns, enums and bounds', async () => {
    const create = await call(sim, `${GROUP}/pipelines`, {
      method: 'POST',
      body: {
        source: {
          type: 'PERIODIC_CPS',
          clusterName: 'Cluster0',
          databaseName: 'db',
          collectionName: 'c',
        },
        sink: { partitionFields: [{ fieldName: 'x'.repeat(701), order: 0 }, { fieldName: 'a' }] },
        transformations: [{ field: 'a', type: 'INCLUDE' }],
        datasetRetentionPolicy: { units: 'DAYS', value: 0 },
      },
    });
    expect(create.status).toBe(400);
    const fields = Object.fromEntries(
      create.body.badRequestDetail.fields.map((field: { field: string; description: string }) => [
        field.field,
        field.description,
      ]),
    );
    expect(Object.keys(fields).sort()).toEqual([
      'datasetRetentionPolicy.value',
      'name',
      'sink.partitionFields[0].fieldName',
      'sink.partitionFields[1].order',
      'source.policyItemId',
      'transformations[0].type',
    ]);

    const trigger = await call(sim, `${pipelinePath(SEED.pipelines.small)}/trigger`, {
      method: 'POST',
      body: { snapshotId: 'nope' },
    });
    expect(trigger.status).toBe(400);
    expect(trigger.body.badRequestDetail.fields).toEqual([
      { field: 'snapshotId', description: expect.stringContaining('must match') },
    ]);

    const flex = await call(sim, `${GROUP}/flexClusters/${SEED.flex.main}/backup/restoreJobs`, {
      method: 'POST',
      accept: V2024_11_13,
      body: {
        snapshotId: SEED.snapshots.flexCompleted,
        targetDeploymentItemName: 'bad name!',
        deliveryType: 'DOWNLOAD',
      },
    });
    expect(flex.status).toBe(400);
    expect(
      flex.body.badRequestDetail.fields.map((field: { field: string }) => field.field),
    ).toEqual(['targetDeploymentItemName', 'deliveryType']);

    const serverless = await call(
      sim,
      `${GROUP}/serverless/${SEED.serverless.main}/backup/restoreJobs`,
      {
        method: 'POST',
        body: {
          deliveryType: 'pointInTime',
          targetClusterName: 'Cluster0',
          targetGroupId: SEED.projectId,
          pointInTimeUTCSeconds: 100,
        },
      },
    );
    expect(serverless.status).toBe(400);
    expect(serverless.body.badRequestDetail.fields[0].field).toBe('pointInTimeUTCSeconds');
  });

  it('checks the serverless delivery rules', async () => {
    const path = `${GROUP}/serverless/${SEED.serverless.main}/backup/restoreJobs`;
    const base = { targetClusterName: SEED.serverless.main, targetGroupId: SEED.projectId };
    const noSnapshot = await call(sim, path, {
      method: 'POST',
      body: { ...base, deliveryType: 'automated' },
    });
    expect(noSnapshot.body).toMatchObject({ error: 400, errorCode: 'MISSING_ATTRIBUTE' });
    const noPoint = await call(sim, path, {
      method: 'POST',
      body: { ...base, deliveryType: 'pointInTime' },
    });
    expect(noPoint.status).toBe(400);
    const both = await call(sim, path, {
      method: 'POST',
      body: {
        ...base,
        deliveryType: 'pointInTime',
        pointInTimeUTCSeconds: 1_700_000_000,
        oplogTs: 1_700_000_000,
        oplogInc: 1,
      },
    });
    expect(both.status).toBe(400);
  });
});

describe('conflicts', () => {
  it('409s a rename onto an existing pipeline; a duplicate create is 400 (no 409 listed)', async () => {
    const rename = await call(sim, pipelinePath(SEED.pipelines.small), {
      method: 'PATCH',
      body: { name: SEED.pipelines.big },
    });
    expect(rename.status).toBe(409);
    expect(rename.body.errorCode).toBe('DATA_LAKE_PIPELINE_ALREADY_EXISTS');
    const create = await call(sim, `${GROUP}/pipelines`, {
      method: 'POST',
      body: { name: SEED.pipelines.big, source: validSource },
    });
    expect(create.status).toBe(400);
  });

  it('409s a second export of a snapshot being exported', async () => {
    const path = `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/exports`;
    const { status, body } = await call(sim, path, {
      method: 'POST',
      body: { snapshotId: SEED.snapshots.exportBusy, exportBucketId: SEED.exportBuckets.aws },
    });
    expect(status).toBe(409);
    expect(body.errorCode).toBe('BACKUP_EXPORT_ALREADY_IN_PROGRESS');
  });

  it('409s restores into a target that is being restored', async () => {
    const serverless = await call(
      sim,
      `${GROUP}/serverless/${SEED.serverless.main}/backup/restoreJobs`,
      {
        method: 'POST',
        body: {
          deliveryType: 'automated',
          snapshotId: SEED.snapshots.serverlessCompleted,
          targetClusterName: SEED.serverless.busyTargets[0],
          targetGroupId: SEED.projectId,
        },
      },
    );
    expect(serverless.status).toBe(409);
    const flex = await call(sim, `${GROUP}/flexClusters/${SEED.flex.main}/backup/restoreJobs`, {
      method: 'POST',
      accept: V2024_11_13,
      body: {
        snapshotId: SEED.snapshots.flexCompleted,
        targetDeploymentItemName: SEED.flex.busyTarget,
      },
    });
    expect(flex.status).toBe(409);
    expect(flex.body.errorCode).toBe('RESTORE_JOB_ALREADY_IN_PROGRESS');
  });

  it('refuses to trigger a paused pipeline, and to delete the dataset of a run without one', async () => {
    const paused = await call(sim, `${pipelinePath(SEED.pipelines.paused)}/trigger`, {
      method: 'POST',
      body: { snapshotId: SEED.snapshots.replicaSetNewestAvailable },
    });
    expect(paused.body).toMatchObject({ error: 400, errorCode: 'DATA_LAKE_PIPELINE_PAUSED' });
    const failedRun = await call(
      sim,
      `${pipelinePath(SEED.pipelines.small)}/runs/${SEED.runs.smallMiddle}`,
      { method: 'DELETE' },
    );
    expect(failedRun.body).toMatchObject({ error: 400, errorCode: 'INVALID_PIPELINE_RUN_STATE' });
  });
});

describe('sunset families', () => {
  it('answers 410 or 404 for a removed family until restored', async () => {
    sim.setGone('pipelines', 410);
    const gone = await call(sim, `${GROUP}/pipelines`);
    expect(gone.body).toMatchObject({ error: 410, errorCode: 'VERSION_GONE', reason: 'Gone' });
    expect(
      (await call(sim, `${GROUP}/serverless/${SEED.serverless.main}/backup/snapshots`)).status,
    ).toBe(200);
    sim.setGone('serverless', 404);
    expect(
      (await call(sim, `${GROUP}/serverless/${SEED.serverless.main}/backup/snapshots`)).body
        .errorCode,
    ).toBe('RESOURCE_NOT_FOUND');
    sim.setGone('pipelines', false);
    expect((await call(sim, `${GROUP}/pipelines`)).status).toBe(200);
  });
});
