import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls, startHarness } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness({ env: { UPSTREAM_MAX_RETRIES: '0' } });

const p = SEED.projectId;

describe('upstream failures as users see them', () => {
  it('an unknown project is NOT_FOUND on the first field that reads Atlas, with its path', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { atlasId pipelines { totalCount } } }`,
      {
        p: SEED.unknownProjectId,
      },
    );
    // pipelines is non-null, and so is project: the failure nulls data, as the schema promises.
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['project', 'pipelines'],
        extensions: expect.objectContaining({
          code: 'NOT_FOUND',
          atlas: expect.objectContaining({ status: 404, errorCode: 'GROUP_NOT_FOUND' }),
        }),
      }),
    ]);
  });

  it('keeps sibling data when a nullable by-key field fails (partial data)', async () => {
    h.simulator.injectFault({ operationId: 'getGroupClusterBackupExport', status: 500 });
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) {
        cluster(name: "${SEED.clusters.replicaSet}") { exportJobs(first: 1) { nodes { state } } exportJob(id: "${SEED.exportJobs.failed}") { state } }
        pipeline(name: "${SEED.pipelines.small}") { name }
      } }`,
      { p },
    );
    expect(body.data!.project.cluster.exportJobs.nodes).toHaveLength(1);
    expect(body.data!.project.cluster.exportJob).toBeNull();
    expect(body.data!.project.pipeline).toEqual({ name: SEED.pipelines.small });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['project', 'cluster', 'exportJob'],
        extensions: expect.objectContaining({
          code: 'UPSTREAM_UNAVAILABLE',
          atlas: expect.objectContaining({ status: 500 }),
        }),
      }),
    ]);
  });

  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['400', { status: 400 }, { code: 'BAD_USER_INPUT' }],
    ['401', { status: 401 }, { code: 'UNAUTHENTICATED' }],
    ['403', { status: 403 }, { code: 'FORBIDDEN' }],
    ['409', { status: 409 }, { code: 'CONFLICT' }],
    ['410', { status: 410 }, { code: 'UPSTREAM_GONE' }],
    [
      '406 INVALID_VERSION_DATE',
      {
        status: 406,
        body: {
          detail: 'Invalid accept header or version date.',
          error: 406,
          errorCode: 'INVALID_VERSION_DATE',
          parameters: [],
          reason: 'Not Acceptable',
        },
      },
      {
        code: 'UPSTREAM_GONE',
        atlas: {
          status: 406,
          errorCode: 'INVALID_VERSION_DATE',
          detail: 'Invalid accept header or version date.',
        },
      },
    ],
    ['502', { status: 502 }, { code: 'UPSTREAM_UNAVAILABLE' }],
    [
      'an HTML page',
      { status: 200, rawBody: '<html>maintenance</html>', contentType: 'text/html' },
      { code: 'UPSTREAM_BAD_RESPONSE' },
    ],
    [
      'truncated JSON',
      {
        status: 200,
        rawBody: '{"results": [',
        contentType: 'application/vnd.atlas.2023-01-01+json',
      },
      { code: 'UPSTREAM_BAD_RESPONSE' },
    ],
    ['a wrong shape', { status: 200, body: { items: [] } }, { code: 'UPSTREAM_BAD_RESPONSE' }],
    ['a reset connection', { reset: true }, { code: 'UPSTREAM_UNAVAILABLE' }],
  ];
  it.each(cases)('%s becomes a typed error at the field', async (_, fault, extensions) => {
    h.simulator.injectFault({ operationId: 'listGroupFlexClusterBackupRestoreJobs', ...fault });
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { flexCluster(name: "${SEED.flex.main}") { restoreJobs(first: 1) { nodes { status } } } } }`,
      { p },
    );
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.path).toEqual(['project', 'flexCluster', 'restoreJobs']);
    expect(body.errors![0]!.extensions).toMatchObject(extensions);
    expect(calls(h.upstream())).toHaveLength(1);
  });

  it.each([404, 410] as const)(
    'a retired route (Atlas answering %i) is UPSTREAM_GONE, never a silent null',
    async (how) => {
      h.simulator.setGone('pipelines', how);
      h.simulator.setGone('serverless', how);
      try {
        const { body } = await h.graphql(
          `query($p: ObjectId!) {
          a: project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { name } }
          b: project(id: $p) { serverlessInstance(name: "${SEED.serverless.main}") { restoreJob(id: "${SEED.exportJobs.newest}") { status } } }
          c: project(id: $p) { flexCluster(name: "${SEED.flex.main}") { restoreJobs(first: 1) { nodes { status } } } }
        }`,
          { p },
        );
        expect(body.data!.a.pipeline).toBeNull();
        expect(body.data!.b.serverlessInstance.restoreJob).toBeNull();
        expect(body.data!.c.flexCluster.restoreJobs.nodes).toHaveLength(1);
        const byPath = Object.fromEntries(
          body.errors!.map((e) => [e.path!.join('.'), e.extensions]),
        );
        expect(byPath['a.pipeline']).toMatchObject({
          code: 'UPSTREAM_GONE',
          atlas: { status: how },
        });
        expect(byPath['b.serverlessInstance.restoreJob']).toMatchObject({
          code: 'UPSTREAM_GONE',
          successor: expect.stringContaining('flexCluster'),
        });
        expect(body.errors).toHaveLength(2);
      } finally {
        h.simulator.setGone('pipelines', false);
        h.simulator.setGone('serverless', false);
      }
    },
  );

  it('maps an enum value Atlas added to null with one warning, never a field error', async () => {
    h.simulator.injectFault({
      operationId: 'getGroupFlexClusterBackupRestoreJob',
      status: 200,
      body: {
        id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
        status: 'PAUSED_FOR_MAINTENANCE',
        deliveryType: 'TELEPORT',
      },
      headers: { 'content-type': 'application/vnd.atlas.2024-11-13+json' },
    });
    const query = `query($p: ObjectId!) { project(id: $p) { flexCluster(name: "${SEED.flex.main}") {
      restoreJob(id: "bbbbbbbbbbbbbbbbbbbbbbbb") { status deliveryType ... on FlexRestoreJob { upstreamStatus upstreamDeliveryType } } } } }`;
    const { body } = await h.graphql(query, { p });
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.flexCluster.restoreJob).toEqual({
      status: 'RUNNING',
      deliveryType: null,
      upstreamStatus: null,
      upstreamDeliveryType: null,
    });
    await h.graphql(query, { p });
    const warnings = h.logs.filter((line) => line.value === 'PAUSED_FOR_MAINTENANCE');
    expect(warnings).toHaveLength(1);
  });
});

describe('ids read from Atlas', () => {
  it('enter an upstream path only when they match the contract pattern; another is UPSTREAM_BAD_RESPONSE at its field', async () => {
    const pipeline = SEED.pipelines.small;
    const forged = `../../../${SEED.neighbourProjectId}/clusters/Cluster0/backup/snapshots/x`;
    h.simulator.injectFault({
      operationId: 'getGroupPipelineRun',
      status: 200,
      body: { _id: SEED.runs.smallNewest, state: 'DONE', snapshotId: forged },
      times: 1,
    });
    const { body } = await h.graphql(
      `query($p: ObjectId!, $n: String!, $r: ObjectId!) {
        project(id: $p) { pipeline(name: $n) { run(id: $r) { atlasId snapshot { atlasId } } } }
      }`,
      { p, n: pipeline, r: SEED.runs.smallNewest },
    );
    expect(body.data).toEqual({
      project: { pipeline: { run: { atlasId: SEED.runs.smallNewest, snapshot: null } } },
    });
    expect(body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['project', 'pipeline', 'run', 'snapshot'], 'UPSTREAM_BAD_RESPONSE'],
    ]);
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${p}/pipelines/${pipeline}`,
      `GET /groups/${p}/pipelines/${pipeline}/runs/${SEED.runs.smallNewest}`,
    ]);
  });
});

describe('a 429 from Atlas', () => {
  // A harness of its own: the gateway then keeps the project's bucket empty for the minute Atlas said.
  it('is RATE_LIMITED with retryAfter at the field, and the next operation waits as Atlas said', async () => {
    const own = await startHarness({ env: { UPSTREAM_MAX_RETRIES: '0' } });
    try {
      own.simulator.injectFault({
        operationId: 'listGroupFlexClusterBackupRestoreJobs',
        status: 429,
        headers: { 'Retry-After': '60' },
      });
      const query = `query($p: ObjectId!) { project(id: $p) { flexCluster(name: "${SEED.flex.main}") { restoreJobs(first: 1) { nodes { status } } } } }`;
      const { body } = await own.graphql(query, { p });
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.path).toEqual(['project', 'flexCluster', 'restoreJobs']);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 60 });
      expect(calls(own.upstream())).toHaveLength(1);
      const again = await own.graphql(query, { p, again: 1 });
      expect(again.body.errors!.map((e) => e.extensions!.code)).toEqual(['RATE_LIMITED']);
      expect(calls(own.upstream())).toHaveLength(1);
    } finally {
      await own.close();
    }
  });
});
