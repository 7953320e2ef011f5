import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RecordedRequest,
  SEED,
  type Simulator,
  startSimulator,
} from '../../src/simulator/index.ts';
import {
  type ApiCall,
  call,
  GROUP,
  manualClock,
  pipelinePath,
  V2023,
  V2024_05_30,
  V2024_08_05,
  V2024_11_13,
  V2025_03_12,
} from '../simulator/helpers.ts';
import {
  assertContractConformance,
  CONTRACT_OPERATION_IDS,
  matchOperation,
  validateRequest,
  validateResponse,
} from './openapi.ts';

const clock = manualClock();
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ now: clock.now, runDurationMs: 1_000 });
});
afterAll(() => sim.close());

const cluster = `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup`;
const sharded = `${GROUP}/clusters/${SEED.clusters.sharded}/backup`;
const serverless = `${GROUP}/serverless/${SEED.serverless.main}/backup`;
const flex = `${GROUP}/flexClusters/${SEED.flex.main}/backup`;
const unknownGroup = `/api/atlas/v2/groups/${SEED.unknownProjectId}`;
const source = {
  type: 'PERIODIC_CPS',
  clusterName: SEED.clusters.replicaSet,
  databaseName: 'db',
  collectionName: 'c',
  policyItemId: SEED.policyItems.daily,
};

/** Requests that the contract allows; their answers (2xx and errors alike) must match it. */
const validCalls: [string, ApiCall?][] = [
  ['/api/atlas/v2?pretty=true'],
  ['/api/atlas/v2?envelope=true'],
  [`${GROUP}/pipelines`],
  [`${GROUP}/pipelines?envelope=true`],
  [`${unknownGroup}/pipelines`],
  [
    `${GROUP}/pipelines`,
    {
      method: 'POST',
      body: {
        name: 'conformance',
        source,
        sink: { partitionFields: [{ fieldName: 'a', order: 0 }] },
        datasetRetentionPolicy: { units: 'DAYS', value: 1 },
      },
    },
  ],
  [`${GROUP}/pipelines`, { method: 'POST', body: { name: SEED.pipelines.big, source } }],
  [pipelinePath(SEED.pipelines.special)],
  [`${pipelinePath(SEED.pipelines.small)}?envelope=true&pretty=true`],
  [pipelinePath('missing')],
  [
    pipelinePath('conformance'),
    { method: 'PATCH', body: { transformations: [{ field: 'x', type: 'EXCLUDE' }] } },
  ],
  [pipelinePath('conformance'), { method: 'PATCH', body: { name: SEED.pipelines.big } }],
  [`${pipelinePath('conformance')}/pause`, { method: 'POST' }],
  [`${pipelinePath('conformance')}/resume`, { method: 'POST' }],
  [`${pipelinePath(SEED.pipelines.big)}/availableSchedules`],
  [`${pipelinePath(SEED.pipelines.big)}/availableSchedules?envelope=true`],
  [`${pipelinePath(SEED.pipelines.big)}/availableSnapshots?itemsPerPage=50`],
  [
    `${pipelinePath(SEED.pipelines.everyState)}/availableSnapshots?completedAfter=2025-01-01T00:00:00Z`,
  ],
  [
    `${pipelinePath(SEED.pipelines.small)}/trigger`,
    {
      method: 'POST',
      body: {
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        datasetRetentionPolicy: { units: 'MONTHS', value: 2 },
      },
    },
  ],
  [
    `${pipelinePath(SEED.pipelines.paused)}/trigger`,
    { method: 'POST', body: { snapshotId: SEED.snapshots.replicaSetNewestAvailable } },
  ],
  [`${pipelinePath(SEED.pipelines.small)}/runs?envelope=true`],
  [`${pipelinePath(SEED.pipelines.big)}/runs?itemsPerPage=500&pageNum=2&includeCount=false`],
  [`${pipelinePath(SEED.pipelines.everyState)}/runs?createdBefore=2025-06-01T00:00:00.000Z`],
  [`${pipelinePath(SEED.pipelines.small)}/runs/${SEED.runs.smallNewest}`],
  [`${pipelinePath(SEED.pipelines.big)}/runs/${SEED.runs.bigHuge}?pretty=true`],
  [`${pipelinePath(SEED.pipelines.small)}/runs/${SEED.runs.bigNewest}`],
  [`${pipelinePath(SEED.pipelines.small)}/runs/${SEED.runs.smallNewest}`, { method: 'DELETE' }],
  [`${pipelinePath(SEED.pipelines.small)}/runs/${SEED.runs.smallMiddle}`, { method: 'DELETE' }],
  [pipelinePath('conformance'), { method: 'DELETE' }],
  [pipelinePath('conformance'), { method: 'DELETE' }],
  [`${cluster}/exports?itemsPerPage=500&pageNum=2`],
  [`${sharded}/exports?envelope=true`],
  [`${cluster}/exports/${SEED.exportJobs.failed}`],
  [`${sharded}/exports/${SEED.exportJobs.sharded}`],
  [
    `${cluster}/exports`,
    {
      method: 'POST',
      body: {
        snapshotId: SEED.snapshots.exportFree,
        exportBucketId: SEED.exportBuckets.azure,
        customData: [{ key: 'k', value: 'v' }],
      },
    },
  ],
  [
    `${cluster}/exports`,
    {
      method: 'POST',
      body: { snapshotId: SEED.snapshots.exportBusy, exportBucketId: SEED.exportBuckets.aws },
    },
  ],
  [`${GROUP}/backup/exportBuckets`, { accept: V2023 }],
  [`${GROUP}/backup/exportBuckets?pretty=true`, { accept: V2024_05_30 }],
  [`${GROUP}/backup/exportBuckets/${SEED.exportBuckets.aws}`, { accept: V2023 }],
  [`${GROUP}/backup/exportBuckets/${SEED.exportBuckets.azure}`, { accept: V2024_05_30 }],
  [
    `${GROUP}/backup/exportBuckets/${SEED.exportBuckets.gcp}?envelope=true`,
    { accept: V2024_05_30 },
  ],
  [`${GROUP}/backup/exportBuckets/${SEED.exportBuckets.gcp}`, { accept: V2023 }],
  [`${cluster}/snapshots?itemsPerPage=500`],
  [`${sharded}/snapshots?pointInTimeUtcSeconds=1748000000`],
  [`${cluster}/snapshots/${SEED.snapshots.replicaSetNewest}`],
  [`${sharded}/snapshots/${SEED.snapshots.shardedNewest}?envelope=true`],
  [`${serverless}/restoreJobs`],
  [`${serverless}/restoreJobs/${SEED.serverlessRestoreJobs.pointInTime}`],
  [`${serverless}/restoreJobs/${SEED.serverlessRestoreJobs.download}`],
  [
    `${serverless}/restoreJobs`,
    {
      method: 'POST',
      body: {
        deliveryType: 'download',
        snapshotId: SEED.snapshots.serverlessCompleted,
        targetClusterName: SEED.serverless.main,
        targetGroupId: SEED.projectId,
      },
    },
  ],
  [
    `${serverless}/restoreJobs`,
    {
      method: 'POST',
      body: {
        deliveryType: 'pointInTime',
        pointInTimeUTCSeconds: 1_748_000_000,
        targetClusterName: SEED.clusters.sharded,
        targetGroupId: SEED.projectId,
      },
    },
  ],
  [
    `${serverless}/restoreJobs`,
    {
      method: 'POST',
      body: {
        deliveryType: 'automated',
        snapshotId: SEED.snapshots.serverlessCompleted,
        targetClusterName: 'Cluster0',
        targetGroupId: SEED.projectId,
      },
    },
  ],
  [`${serverless}/snapshots`],
  [`${serverless}/snapshots/${SEED.snapshots.serverlessNewest}`],
  [`${GROUP}/serverless/Nope/backup/snapshots`],
  [`${flex}/restoreJobs`, { accept: V2024_11_13 }],
  [`${flex}/restoreJobs/${SEED.flexRestoreJobs.download}`, { accept: V2024_11_13 }],
  [
    `${flex}/restoreJobs`,
    {
      method: 'POST',
      accept: V2024_11_13,
      body: { snapshotId: SEED.snapshots.flexCompleted, targetDeploymentItemName: SEED.flex.main },
    },
  ],
  [
    `${flex}/restoreJobs`,
    {
      method: 'POST',
      accept: V2024_11_13,
      body: {
        snapshotId: SEED.snapshots.flexCompleted,
        targetDeploymentItemName: SEED.flex.busyTarget,
      },
    },
  ],
  [`${flex}/snapshots?envelope=true`, { accept: V2024_11_13 }],
  [`${flex}/snapshots/${SEED.snapshots.flexNewest}`, { accept: V2024_11_13 }],
  [`${GROUP}/flexClusters/Nope/backup/restoreJobs`, { accept: V2024_11_13 }],
  ['/api/atlas/v2/groups?itemsPerPage=2&pageNum=2'],
  ['/api/atlas/v2/groups?envelope=true&includeCount=false'],
  [GROUP],
  [`/api/atlas/v2/groups/${SEED.projects.otherProjectId}?pretty=true`],
  [unknownGroup],
  [`${GROUP}/clusters?itemsPerPage=5&pageNum=2`, { accept: V2024_08_05 }],
  [
    `${GROUP}/clusters?includeDeletedWithRetainedBackups=true&envelope=true`,
    { accept: V2024_08_05, headers: { 'Use-Effective-Instance-Fields': 'true' } },
  ],
  [`${unknownGroup}/clusters`, { accept: V2024_08_05 }],
  [
    `${GROUP}/clusters/${SEED.clusters.multiRegion}`,
    {
      accept: V2024_08_05,
      headers: {
        'Use-Effective-Instance-Fields': 'true',
        'Use-Effective-Fields-Replication-Specs': 'true',
      },
    },
  ],
  [`${GROUP}/clusters/${SEED.clusters.geoSharded}`, { accept: V2024_08_05 }],
  [`${GROUP}/clusters/${SEED.clusters.sharded}?envelope=true`, { accept: V2024_08_05 }],
  [`${GROUP}/clusters/${SEED.flex.main}`, { accept: V2024_08_05 }],
  [`${GROUP}/clusters/Nope`, { accept: V2024_08_05 }],
  [`${GROUP}/flexClusters?itemsPerPage=2`, { accept: V2024_11_13 }],
  [`${GROUP}/flexClusters/${SEED.flex.creating}`, { accept: V2024_11_13 }],
  [`${GROUP}/flexClusters/${SEED.clusters.replicaSet}`, { accept: V2024_11_13 }],
  [`${GROUP}/flexClusters/Nope?envelope=true`, { accept: V2024_11_13 }],
  [`${GROUP}/serverless?includeCount=false`],
  [`${GROUP}/serverless/${SEED.serverless.main}`],
  [`${GROUP}/serverless/Nope`],
  [`${cluster}/restoreJobs?itemsPerPage=3&pageNum=2`],
  [`${sharded}/restoreJobs?envelope=true`],
  [`${cluster}/restoreJobs/${SEED.clusterRestoreJobs.finishedPointInTime}`],
  [`${cluster}/restoreJobs/${SEED.clusterRestoreJobs.expiredDownload}?pretty=true`],
  [`${cluster}/restoreJobs/${SEED.clusterRestoreJobs.sharded}`],
  [
    `${cluster}/restoreJobs`,
    {
      method: 'POST',
      body: { deliveryType: 'download', snapshotId: SEED.snapshots.replicaSetNewestAvailable },
    },
  ],
  [
    `${cluster}/restoreJobs`,
    {
      method: 'POST',
      body: {
        deliveryType: 'pointInTime',
        pointInTimeUTCSeconds: 1_748_000_000,
        targetClusterName: SEED.clusters.legacy,
        targetGroupId: SEED.projectId,
      },
    },
  ],
  [
    `${cluster}/restoreJobs`,
    {
      method: 'POST',
      body: {
        deliveryType: 'automated',
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        targetClusterName: SEED.clusters.staging,
        targetGroupId: SEED.projectId,
      },
    },
  ],
  [
    `${cluster}/restoreJobs`,
    {
      method: 'POST',
      body: { deliveryType: 'automated', snapshotId: SEED.snapshots.replicaSetNewestAvailable },
    },
  ],
  [`${cluster}/restoreJobs/${SEED.clusterRestoreJobs.runningDownload}`, { method: 'DELETE' }],
  [`${cluster}/restoreJobs/${SEED.clusterRestoreJobs.finishedAutomated}`, { method: 'DELETE' }],
  [`${sharded}/restoreJobs/${SEED.clusterRestoreJobs.sharded}?envelope=true`, { method: 'DELETE' }],
  [`${cluster}/restoreJobs/${SEED.unknownProjectId}`, { method: 'DELETE' }],
  [`${cluster}/schedule`],
  [`${cluster}/schedule?envelope=true`, { accept: V2024_08_05 }],
  [`${sharded}/schedule`, { accept: V2024_08_05 }],
  [`${GROUP}/clusters/Nope/backup/schedule`, { accept: V2024_08_05 }],
  [
    `${sharded}/snapshots`,
    { method: 'POST', body: { description: 'before upgrade', retentionInDays: 3 } },
  ],
  [`${cluster}/snapshots`, { method: 'POST', body: {} }],
  [`${cluster}/snapshots`, { method: 'POST', body: { description: 'again' } }],
  [`${cluster}/snapshots/${SEED.snapshots.onDemand}`, { method: 'DELETE' }],
  [`${cluster}/snapshots/${SEED.snapshots.onDemand}`, { method: 'DELETE' }],
  ['/api/atlas/v2/rateLimits?itemsPerPage=2&pageNum=2', { accept: V2025_03_12 }],
  [
    `/api/atlas/v2/rateLimits?groupId=${SEED.projectId}&endpointPath=${encodeURIComponent(`/api/atlas/v2/groups/{groupId}/clusters`)}`,
    { accept: V2025_03_12 },
  ],
  [`/api/atlas/v2/rateLimits?orgId=${SEED.orgId}&envelope=true`, { accept: V2025_03_12 }],
  ['/api/atlas/v2/rateLimits?ipAddress=10.0.0.1&name=Clusters', { accept: V2025_03_12 }],
  [`/api/atlas/v2/rateLimits?groupId=${SEED.unknownProjectId}`, { accept: V2025_03_12 }],
  ['/api/atlas/v2/rateLimits/clusters?pretty=true', { accept: V2025_03_12 }],
  [`/api/atlas/v2/rateLimits/cloud-backups?groupId=${SEED.projectId}`, { accept: V2025_03_12 }],
  ['/api/atlas/v2/rateLimits/nope', { accept: V2025_03_12 }],
];

/** Requests outside the contract: only the answers are checked (4xx with an ApiError body). */
const invalidCalls: [string, ApiCall?][] = [
  [`${GROUP}/pipelines`, { accept: 'application/json' }],
  [`${GROUP}/pipelines`, { method: 'POST', body: { name: 'x', source, bogus: true } }],
  [
    `${GROUP}/pipelines`,
    { method: 'POST', body: { name: 'x', source }, contentType: 'application/json' },
  ],
  [`${pipelinePath(SEED.pipelines.big)}/runs?itemsPerPage=501`],
  [`${cluster}/exports?pageNum=0`],
  [`${GROUP}/pipelines/has%20space`],
  [`${cluster}/snapshots?pointInTimeUtcSeconds=1&oplogTs=1&oplogInc=1`],
  [
    `${flex}/restoreJobs`,
    {
      method: 'POST',
      accept: V2024_11_13,
      body: {
        snapshotId: SEED.snapshots.flexCompleted,
        targetDeploymentItemName: 'x',
        status: 'QUEUED',
      },
    },
  ],
  [
    `${cluster}/restoreJobs`,
    { method: 'POST', body: { deliveryType: 'download', cancelled: true } },
  ],
  [`${cluster}/restoreJobs`, { method: 'POST', body: { deliveryType: 'later' } }],
  [`${cluster}/snapshots`, { method: 'POST', body: { retentionInDays: 0 } }],
  [`${cluster}/snapshots`, { method: 'POST', body: { bogus: 1 } }],
  [`${cluster}/schedule`, { accept: V2024_11_13 }],
  [`${GROUP}/clusters`],
  ['/api/atlas/v2/groups/xyz'],
  ['/api/atlas/v2/rateLimits?groupId=xyz', { accept: V2025_03_12 }],
  ['/api/atlas/v2/rateLimits?ipAddress=999.1.1.1', { accept: V2025_03_12 }],
];

async function drive(calls: [string, ApiCall?][]): Promise<RecordedRequest[]> {
  sim.clearRequests();
  for (const [path, options] of calls) {
    await call(sim, path, options);
    clock.advance(100);
  }
  return [...sim.requests];
}

describe('the simulator against the contract', () => {
  it('answers every operation as the contract says, successes and errors alike', async () => {
    const recorded = await drive(validCalls);
    assertContractConformance(recorded);
    expect(new Set(recorded.map((r) => r.operationId))).toEqual(new Set(CONTRACT_OPERATION_IDS));
    const statuses = new Set(recorded.map((r) => r.status));
    for (const status of [200, 202, 204, 400, 403, 404, 405, 409])
      expect(statuses).toContain(status);
  });

  it('answers requests outside the contract with contract-shaped errors', async () => {
    const recorded = await drive(invalidCalls);
    for (const r of recorded) {
      expect(validateRequest(r), `${r.method} ${r.path}?${r.rawQuery}`).not.toEqual([]);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(validateResponse(r)).toEqual([]);
    }
  });

  it('answers 401 as the contract says when auth is on', async () => {
    const guarded = await startSimulator({
      digest: { publicKey: 'abcdefgh', privateKey: 'secret' },
    });
    try {
      await fetch(`${guarded.url}${GROUP}/pipelines`, { headers: { accept: V2023 } });
      expect(guarded.requests[0]?.status).toBe(401);
      assertContractConformance(guarded.requests);
    } finally {
      await guarded.close();
    }
  });

  it('leaves injected faults out of the check', async () => {
    sim.clearRequests();
    sim.injectFault({ path: `${GROUP}/pipelines`, rawBody: 'not json', times: 1 });
    await call(sim, `${GROUP}/pipelines`);
    expect(sim.requests[0]?.fault).toBe(true);
    expect(() => assertContractConformance(sim.requests)).not.toThrow();
  });
});

describe('the validator', () => {
  it('matches operations with decoded path parameters', () => {
    expect(matchOperation('GET', `${GROUP}/pipelines/sales%232024%25q1%2B%C3%A9%3Ax/runs`)).toEqual(
      {
        operationId: 'listGroupPipelineRuns',
        pathParams: { groupId: SEED.projectId, pipelineName: SEED.pipelines.special },
      },
    );
    expect(matchOperation('PUT', `${GROUP}/pipelines`)).toBeUndefined();
  });

  it('catches bad requests', async () => {
    const [good] = await drive([
      [`${GROUP}/pipelines`, { method: 'POST', body: { name: 'checked', source } }],
    ]);
    if (!good) throw new Error('nothing recorded');
    expect(validateRequest(good)).toEqual([]);
    const bad: RecordedRequest = {
      ...good,
      query: { pretty: 'true' },
      headers: { ...good.headers, accept: `${V2023}, application/json` },
      rawBody: JSON.stringify({
        name: 'checked',
        _id: SEED.pipelineIds.big,
        source: { ...source, type: 'SOMETIMES' },
        extra: 1,
      }),
    };
    const problems = validateRequest(bad).join('\n');
    expect(problems).toContain('query parameter pretty is not declared');
    expect(problems).toContain('Accept');
    expect(problems).toContain('body/_id: read-only field');
    expect(problems).toContain('undeclared field "extra"');
    expect(() => assertContractConformance([bad])).toThrow(/contract problem/);
  });

  it('treats the loosely typed cluster schemas loosely, and no more', async () => {
    const [good] = await drive([
      [`${GROUP}/clusters/${SEED.clusters.replicaSet}`, { accept: V2024_08_05 }],
    ]);
    if (!good) throw new Error('nothing recorded');
    expect(validateResponse(good)).toEqual([]);
    const cluster = structuredClone(good.responseBody) as {
      replicationSpecs: { regionConfigs: Record<string, any>[] }[];
    };
    const region = cluster.replicationSpecs[0]?.regionConfigs[0];
    if (!region) throw new Error('no region config');
    region.regionName = 'MARS_NORTH_1';
    region.electableSpecs = { ...region.electableSpecs, instanceSize: 'M9000', invented: 1 };
    region.autoScaling.compute.maxInstanceSize = 'M40';
    const problems = validateResponse({ ...good, responseBody: cluster }).join('\n');
    expect(problems).toContain('regionName');
    expect(problems).toContain('electableSpecs/instanceSize');
    expect(problems).toContain('undeclared field "invented"');
    expect(problems).not.toContain('maxInstanceSize');
  });

  it('catches bad responses', async () => {
    const [good] = await drive([[`${pipelinePath(SEED.pipelines.small)}/runs`]]);
    if (!good) throw new Error('nothing recorded');
    const page = good.responseBody as { results: Record<string, unknown>[] };
    const tampered = structuredClone(page);
    tampered.results[0] = { ...tampered.results[0], state: 'SLEEPING', invented: true };
    const bad: RecordedRequest = {
      ...good,
      responseBody: tampered,
      status: 201,
      responseHeaders: { ...good.responseHeaders, 'ratelimit-limit': 'lots' },
    };
    const problems = validateResponse(bad).join('\n');
    expect(problems).toContain('status 201 is not listed');
    const wrongShape: RecordedRequest = {
      ...good,
      responseBody: tampered,
      responseHeaders: { ...good.responseHeaders, 'ratelimit-limit': 'lots' },
    };
    const shapeProblems = validateResponse(wrongShape).join('\n');
    expect(shapeProblems).toContain('results/0/state');
    expect(shapeProblems).toContain('undeclared field "invented"');
    expect(shapeProblems).toContain('RateLimit-Limit');
    const writeOnlyLeak: RecordedRequest = {
      ...good,
      path: `${cluster}/exports/${SEED.exportJobs.failed}`,
      query: {},
      responseBody: { exportBucketId: SEED.exportBuckets.aws, id: 'not-an-id' },
    };
    expect(validateResponse(writeOnlyLeak).join('\n')).toContain('body/id');
  });
});
