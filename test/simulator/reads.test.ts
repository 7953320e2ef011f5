import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { call, GROUP, pipelinePath, V2023, V2024_05_30, V2024_11_13 } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const runsPath = `${pipelinePath(SEED.pipelines.big)}/runs`;

describe('pagination', () => {
  it('defaults to page 1 of 100 with a count and self/next links', async () => {
    const { status, body } = await call(sim, runsPath);
    expect(status).toBe(200);
    expect(body.results).toHaveLength(100);
    expect(body.totalCount).toBe(1200);
    expect(body.links.map((link: { rel: string }) => link.rel)).toEqual(['self', 'next']);
    expect(body.links[0].href).toBe(`${sim.url}${runsPath}?pageNum=1&itemsPerPage=100`);
    expect(body.links[1].href).toBe(`${sim.url}${runsPath}?pageNum=2&itemsPerPage=100`);
  });

  it('serves later pages with previous links, and the last page without next', async () => {
    const middle = await call(sim, `${runsPath}?pageNum=2&itemsPerPage=500&includeCount=true`);
    expect(middle.body.results).toHaveLength(500);
    expect(middle.body.links.map((link: { rel: string }) => link.rel)).toEqual([
      'previous',
      'self',
      'next',
    ]);
    expect(middle.body.links[0].href).toBe(
      `${sim.url}${runsPath}?pageNum=1&itemsPerPage=500&includeCount=true`,
    );
    const last = await call(sim, `${runsPath}?pageNum=3&itemsPerPage=500`);
    expect(last.body.results).toHaveLength(200);
    expect(last.body.links.map((link: { rel: string }) => link.rel)).toEqual(['previous', 'self']);
    const beyond = await call(sim, `${runsPath}?pageNum=9&itemsPerPage=500`);
    expect(beyond.body.results).toEqual([]);
  });

  it('omits totalCount when includeCount=false', async () => {
    const { body } = await call(sim, `${runsPath}?itemsPerPage=1&includeCount=false`);
    expect(body).not.toHaveProperty('totalCount');
    expect(body.results).toHaveLength(1);
  });

  it('pages export jobs past 500', async () => {
    const path = `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/exports?itemsPerPage=500&pageNum=2`;
    const { body } = await call(sim, path);
    expect(body.totalCount).toBe(SEED.exportJobs.replicaSetCount);
    expect(body.results).toHaveLength(SEED.exportJobs.replicaSetCount - 500);
  });

  it.each([
    ['pageNum=0', 'pageNum'],
    ['pageNum=abc', 'pageNum'],
    ['itemsPerPage=0', 'itemsPerPage'],
    ['itemsPerPage=501', 'itemsPerPage'],
    ['itemsPerPage=1.5', 'itemsPerPage'],
    ['includeCount=yes', 'includeCount'],
    ['createdBefore=yesterday', 'createdBefore'],
  ])('refuses %s with 400 and a badRequestDetail', async (query, field) => {
    const { status, body } = await call(sim, `${runsPath}?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: 400,
      errorCode: 'INVALID_QUERY_PARAMETER',
      reason: 'Bad Request',
    });
    expect(body.badRequestDetail.fields[0].field).toBe(field);
  });

  it('answers empty lists with 200 and results []', async () => {
    const { status, body } = await call(sim, `${pipelinePath(SEED.pipelines.noRuns)}/runs`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ results: [], totalCount: 0 });
    const empty = await call(sim, `/api/atlas/v2/groups/${SEED.emptyProjectId}/pipelines`);
    expect(empty.body).toEqual([]);
  });
});

describe('ordering and filters', () => {
  it('lists pipelines in creation order, as a bare array', async () => {
    const { body } = await call(sim, `${GROUP}/pipelines`);
    expect(body.map((pipeline: { name: string }) => pipeline.name)).toEqual(SEED.pipelines.all);
  });

  it('lists runs newest first, ties broken by id descending', async () => {
    const { body } = await call(sim, `${pipelinePath(SEED.pipelines.small)}/runs`);
    expect(body.results.map((run: { _id: string }) => run._id)).toEqual([
      SEED.runs.smallNewest,
      SEED.runs.smallMiddle,
      SEED.runs.smallOldest,
    ]);
    expect(body.results[1].createdDate).toBe(body.results[2].createdDate);

    const big = await call(sim, `${runsPath}?itemsPerPage=500`);
    const created = big.body.results.map((run: { createdDate: string }) =>
      Date.parse(run.createdDate),
    );
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(big.body.results[0]._id).toBe(SEED.runs.bigNewest);
  });

  it('filters runs with createdBefore', async () => {
    const newest = await call(sim, `${runsPath}?itemsPerPage=3`);
    const cut = newest.body.results[1].createdDate;
    const { body } = await call(sim, `${runsPath}?createdBefore=${encodeURIComponent(cut)}`);
    expect(body.totalCount).toBe(1198);
    expect(body.results[0]._id).toBe(newest.body.results[2]._id);
  });

  it('filters available snapshots with completedAfter', async () => {
    const path = `${pipelinePath(SEED.pipelines.big)}/availableSnapshots`;
    const all = await call(sim, path);
    expect(all.body.totalCount).toBe(SEED.snapshots.replicaSetAvailableCount);
    expect(all.body.totalCount).toBeGreaterThanOrEqual(30);
    const after = all.body.results[4].createdAt;
    const { body } = await call(sim, `${path}?completedAfter=${encodeURIComponent(after)}`);
    expect(body.totalCount).toBe(4);
  });

  it('filters cluster snapshots by point in time, and refuses mixing both forms', async () => {
    const path = `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/snapshots`;
    const all = await call(sim, path);
    const third = Date.parse(all.body.results[2].createdAt) / 1000;
    const byTime = await call(sim, `${path}?pointInTimeUtcSeconds=${third}`);
    expect(byTime.body.results[0].id).toBe(all.body.results[2].id);
    const byOplog = await call(sim, `${path}?oplogTs=${third}&oplogInc=1`);
    expect(byOplog.body.totalCount).toBe(byTime.body.totalCount);
    expect(
      (await call(sim, `${path}?pointInTimeUtcSeconds=${third}&oplogTs=${third}&oplogInc=1`))
        .status,
    ).toBe(400);
    expect((await call(sim, `${path}?oplogTs=${third}`)).status).toBe(400);
  });

  it('lists export jobs, restore jobs and snapshots newest first', async () => {
    const lists = [
      [`${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/exports`, 'createdAt', V2023],
      [`${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/snapshots`, 'createdAt', V2023],
      [`${GROUP}/serverless/${SEED.serverless.main}/backup/snapshots`, 'createdAt', V2023],
      [`${GROUP}/flexClusters/${SEED.flex.main}/backup/snapshots`, 'scheduledTime', V2024_11_13],
      [
        `${GROUP}/flexClusters/${SEED.flex.main}/backup/restoreJobs`,
        'restoreScheduledDate',
        V2024_11_13,
      ],
    ] as const;
    for (const [path, field, accept] of lists) {
      const { body } = await call(sim, path, { accept });
      const times = body.results.map((item: Record<string, string>) =>
        Date.parse(item[field] ?? ''),
      );
      expect(times, path).toEqual([...times].sort((a, b) => b - a));
    }
    const serverless = await call(
      sim,
      `${GROUP}/serverless/${SEED.serverless.main}/backup/restoreJobs`,
    );
    expect(serverless.body.results[0].id).toBe(SEED.serverlessRestoreJobs.running);
    expect(serverless.body.results.at(-1).id).toBe(SEED.serverlessRestoreJobs.oplog);
  });
});

describe('seeded data', () => {
  it('has a run with stats beyond 32 bits', async () => {
    const { body } = await call(sim, `${runsPath}/${SEED.runs.bigHuge}`);
    expect(body.stats).toEqual({ bytesExported: 5_000_000_000_000, numDocs: 3_000_000_000 });
    expect(body.datasetName).toMatch(/^v1\$atlas\$snapshot\$Cluster0\$sales\$orders\$/);
    expect(body.scheduledDeletionDate).toBeDefined();
  });

  it('has runs in every state and phase', async () => {
    const { body } = await call(sim, `${pipelinePath(SEED.pipelines.everyState)}/runs`);
    const states = new Set(body.results.map((run: { state: string }) => run.state));
    const phases = new Set(body.results.map((run: { phase: string }) => run.phase));
    expect([...states].sort()).toEqual([
      'DATASET_DELETED',
      'DONE',
      'FAILED',
      'IN_PROGRESS',
      'PENDING',
    ]);
    expect([...phases].sort()).toEqual(['EXPORT', 'INGESTION', 'SNAPSHOT']);
  });

  it('gives runs snapshots that are available to their pipeline', async () => {
    const run = await call(
      sim,
      `${pipelinePath(SEED.pipelines.small)}/runs/${SEED.runs.smallNewest}`,
    );
    const snapshots = await call(
      sim,
      `${pipelinePath(SEED.pipelines.small)}/availableSnapshots?itemsPerPage=500`,
    );
    expect(snapshots.body.results.map((snapshot: { id: string }) => snapshot.id)).toContain(
      run.body.snapshotId,
    );
  });

  it('serves the pipeline whose name needs percent-encoding', async () => {
    const { status, body } = await call(sim, pipelinePath(SEED.pipelines.special));
    expect(status).toBe(200);
    expect(body.name).toBe('sales#2024%q1+é:x');
  });

  it('answers sharded snapshots as DiskBackupShardedClusterSnapshot in availableSnapshots', async () => {
    const { body } = await call(
      sim,
      `${pipelinePath(SEED.pipelines.everyState)}/availableSnapshots?itemsPerPage=1`,
    );
    expect(body.results[0]).toMatchObject({
      type: 'shardedCluster',
      configServerType: 'DEDICATED',
    });
    expect(body.results[0].members).toHaveLength(3);
    const job = await call(
      sim,
      `${GROUP}/clusters/${SEED.clusters.sharded}/backup/exports/${SEED.exportJobs.sharded}`,
    );
    expect(job.body.components).toHaveLength(3);
  });

  it('has export jobs in every state, with stateReason on failed ones', async () => {
    const failed = await call(
      sim,
      `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/exports/${SEED.exportJobs.failed}`,
    );
    expect(failed.body).toMatchObject({
      state: 'Failed',
      stateReason: { errorCode: expect.any(String) },
    });
    for (const id of [
      SEED.exportJobs.queued,
      SEED.exportJobs.inProgress,
      SEED.exportJobs.cancelled,
      SEED.exportJobs.successful,
    ]) {
      expect(
        (await call(sim, `${GROUP}/clusters/${SEED.clusters.replicaSet}/backup/exports/${id}`))
          .status,
      ).toBe(200);
    }
  });

  it('has serverless and flex restore jobs in every state and delivery type', async () => {
    const serverless = await call(
      sim,
      `${GROUP}/serverless/${SEED.serverless.main}/backup/restoreJobs`,
    );
    const jobs = serverless.body.results;
    expect(jobs.some((job: { failed: boolean }) => job.failed)).toBe(true);
    expect(jobs.some((job: { cancelled: boolean }) => job.cancelled)).toBe(true);
    expect(jobs.some((job: { expired: boolean }) => job.expired)).toBe(true);
    expect(new Set(jobs.map((job: { deliveryType: string }) => job.deliveryType))).toEqual(
      new Set(['automated', 'download', 'pointInTime']),
    );
    const download = await call(
      sim,
      `${GROUP}/serverless/${SEED.serverless.main}/backup/restoreJobs/${SEED.serverlessRestoreJobs.download}`,
    );
    expect(download.body.deliveryUrl[0]).toMatch(/^https:\/\//);

    const flex = await call(sim, `${GROUP}/flexClusters/${SEED.flex.main}/backup/restoreJobs`, {
      accept: V2024_11_13,
    });
    expect(new Set(flex.body.results.map((job: { status: string }) => job.status))).toEqual(
      new Set(['PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED']),
    );
    expect(
      new Set(flex.body.results.map((job: { deliveryType: string }) => job.deliveryType)),
    ).toEqual(new Set(['RESTORE', 'DOWNLOAD']));
  });
});

describe('media types', () => {
  it('answers 406 with the live body for a missing, unversioned or unknown version', async () => {
    for (const accept of [
      'application/json',
      '*/*',
      'application/vnd.atlas.2099-01-01+json',
      V2024_11_13,
    ]) {
      const { status, body } = await call(sim, `${GROUP}/pipelines`, { accept });
      expect(status, accept).toBe(406);
      expect(body).toEqual({
        detail: 'Invalid accept header or version date.',
        error: 406,
        errorCode: 'INVALID_VERSION_DATE',
        parameters: [],
        reason: 'Not Acceptable',
      });
    }
    expect(
      (
        await call(sim, `${GROUP}/flexClusters/${SEED.flex.main}/backup/snapshots`, {
          accept: V2023,
        })
      ).status,
    ).toBe(406);
  });

  it('labels answers with the version and rate-limit headers', async () => {
    const { headers } = await call(
      sim,
      `${GROUP}/flexClusters/${SEED.flex.main}/backup/snapshots`,
      { accept: V2024_11_13 },
    );
    expect(headers.get('content-type')).toBe(V2024_11_13);
    expect(Number(headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect(Number(headers.get('ratelimit-remaining'))).toBeGreaterThanOrEqual(0);
  });

  it('serves export buckets in both versions; 2023-01-01 is AWS-only and deprecated', async () => {
    const path = `${GROUP}/backup/exportBuckets`;
    const current = await call(sim, path, { accept: V2024_05_30 });
    expect(current.headers.get('content-type')).toBe(V2024_05_30);
    expect(current.headers.get('sunset')).toBeNull();
    expect(
      new Set(
        current.body.results.map((bucket: { cloudProvider: string }) => bucket.cloudProvider),
      ),
    ).toEqual(new Set(['AWS', 'GCP', 'AZURE']));
    const azure = current.body.results.find(
      (bucket: { cloudProvider: string }) => bucket.cloudProvider === 'AZURE',
    );
    expect(azure).toMatchObject({
      _id: SEED.exportBuckets.azure,
      roleId: expect.any(String),
      serviceUrl: expect.any(String),
      tenantId: expect.any(String),
    });

    const legacy = await call(sim, path, { accept: V2023 });
    expect(
      legacy.body.results.every(
        (bucket: { cloudProvider: string }) => bucket.cloudProvider === 'AWS',
      ),
    ).toBe(true);
    expect(legacy.headers.get('sunset')).toBe('Thu, 01 Jul 2027 00:00:00 GMT');
    expect(legacy.headers.get('deprecation')).toMatch(/GMT$/);
    expect((await call(sim, `${path}/${SEED.exportBuckets.gcp}`, { accept: V2023 })).status).toBe(
      404,
    );
    expect(
      (await call(sim, `${path}/${SEED.exportBuckets.gcp}`, { accept: V2024_05_30 })).body.roleId,
    ).toBeDefined();
  });
});

describe('envelope and pretty', () => {
  it('wraps entities as {status, content} and adds status to pages', async () => {
    const entity = await call(sim, `${pipelinePath(SEED.pipelines.small)}?envelope=true`);
    expect(entity.body).toMatchObject({ status: 200, content: { name: SEED.pipelines.small } });
    const page = await call(sim, `${pipelinePath(SEED.pipelines.small)}/runs?envelope=true`);
    expect(page.body).toMatchObject({ status: 200, totalCount: 3 });
    const array = await call(sim, `${GROUP}/pipelines?envelope=true`);
    expect(array.body.status).toBe(200);
    expect(array.body.content).toHaveLength(SEED.pipelines.all.length);
  });

  it('indents with pretty=true', async () => {
    const { text } = await call(sim, `${pipelinePath(SEED.pipelines.small)}?pretty=true`);
    expect(text).toContain('\n  "_id"');
    const compact = await call(sim, pipelinePath(SEED.pipelines.small));
    expect(compact.text).not.toContain('\n');
  });
});

describe('root resource', () => {
  it('answers SystemStatus with apiKey null when unauthenticated', async () => {
    const { status, body } = await call(sim, '/api/atlas/v2');
    expect(status).toBe(200);
    expect(body).toMatchObject({ appName: 'MongoDB Atlas', apiKey: null, throttling: false });
  });
});
