import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPERATION_NAME_LENGTH } from '../src/metrics.ts';
import { SEED } from '../src/simulator/index.ts';
import { postGraphQL, startGatewayProcess } from './support/gateway-process.ts';
import { type Harness, startHarness } from './support/harness.ts';

const ACCOUNT = { clientId: 'mdb_sa_id_log', clientSecret: 'mdb_sa_sk_must-not-appear' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    simulator: { serviceAccount: ACCOUNT },
    env: {
      MONGODB_ATLAS_CLIENT_ID: ACCOUNT.clientId,
      MONGODB_ATLAS_CLIENT_SECRET: ACCOUNT.clientSecret,
    },
  });
});
afterAll(() => h.close());

const QUERY = `query Small($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { runs(first: 2) { nodes { state } } } } }`;

describe('logs', () => {
  it('write one line per operation and one per upstream call, all with the request id sent upstream', async () => {
    const { headers } = await h.graphql(
      QUERY,
      { p: SEED.projectId },
      { 'x-request-id': 'client-req.42' },
    );
    expect(headers.get('x-request-id')).toBe('client-req.42');
    expect(headers.get('cache-control')).toBe('private, no-store');
    for (const request of h.upstream())
      expect(request.headers['x-request-id']).toBe('client-req.42');

    const mine = h.logs.filter((line) => line.requestId === 'client-req.42');
    const operation = mine.filter((line) => line.msg === 'graphql operation');
    expect(operation).toEqual([
      expect.objectContaining({
        operation: 'Small',
        upstreamCalls: 2,
        errors: [],
        ms: expect.any(Number),
      }),
    ]);
    const upstream = mine
      .filter((line) => line.msg === 'upstream call')
      .map((line) => line.upstream);
    expect(upstream).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: expect.stringMatching(/\/pipelines\/users-daily$/),
        status: 200,
        ms: expect.any(Number),
      }),
      expect.objectContaining({
        method: 'GET',
        path: expect.stringMatching(/\/runs$/),
        status: 200,
      }),
    ]);
  });

  it('show a client-chosen operation name cut to a bounded length', async () => {
    const name = `Long${'x'.repeat(2_000)}`;
    await h.graphql(`query ${name} { __typename }`, undefined, { 'x-request-id': 'long-name' });
    const [line] = h.logs.filter(
      (entry) => entry.requestId === 'long-name' && entry.msg === 'graphql operation',
    );
    expect(line!.operation).toBe(`${name.slice(0, MAX_OPERATION_NAME_LENGTH)}…`);
  });

  it('replace an unsafe client request id with one of their own', async () => {
    const { headers } = await h.graphql(
      QUERY,
      { p: SEED.projectId },
      { 'x-request-id': 'bad id\twith spaces' },
    );
    const id = headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.upstream().at(-1)!.headers['x-request-id']).toBe(id);
  });

  it('never carry a credential, token or authorization header', async () => {
    await h.graphql(QUERY, { p: SEED.projectId });
    const token = h.simulator.requests.find((r) => r.path === '/api/oauth/token')!.responseBody as {
      access_token: string;
    };
    const everything = h.rawLogs.join('\n');
    expect(everything).not.toContain(ACCOUNT.clientSecret);
    expect(everything).not.toContain(token.access_token);
    expect(everything).not.toContain(
      Buffer.from(`${ACCOUNT.clientId}:${ACCOUNT.clientSecret}`).toString('base64'),
    );
    expect(everything).not.toMatch(/Bearer |Digest |Basic /);
  });

  it("write an upstream failure's code on the operation line, and no error line", async () => {
    const before = h.logs.length;
    await h.graphql(
      'query Unknown($p: ObjectId!) { project(id: $p) { pipelines { totalCount } } }',
      { p: SEED.unknownProjectId },
      { 'x-request-id': 'client-req.404' },
    );
    const since = h.logs.slice(before);
    expect(since.filter((line) => line.msg === 'graphql operation')).toEqual([
      expect.objectContaining({ requestId: 'client-req.404', errors: ['NOT_FOUND'] }),
    ]);
    // pino's error level: an Atlas failure is expected, never logged as the gateway's own error.
    expect(since.filter((line) => line.level >= 50)).toEqual([]);
  });
});

describe('start-up', () => {
  it('says in its first log line that it serves the embedded simulator when nothing upstream is configured', async () => {
    const gateway = await startGatewayProcess({});
    try {
      expect(gateway.logs[0]).toMatchObject({
        msg: 'No Atlas credentials or base URL: serving the embedded Atlas simulator',
      });
      const { body } = await postGraphQL(
        gateway.url,
        `{ project(id: "${SEED.projectId}") { pipelines(first: 1) { nodes { name } } } }`,
      );
      expect(body.data.project.pipelines.nodes).toEqual([{ name: SEED.pipelines.all[0] }]);
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
  });
});

describe('values Atlas added', () => {
  it('resolve to null and are logged once, with the request id of the operation that met them first', async () => {
    const path = `/api/atlas/v2/groups/${SEED.projectId}/pipelines/${SEED.pipelines.small}`;
    const query = `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { name state } } }`;
    await h.graphql(query, { p: SEED.projectId });
    const pipeline = h.simulator.requests.findLast((r) => r.path === path)!.responseBody as Record<
      string,
      unknown
    >;
    expect(pipeline.state).toEqual(expect.any(String));
    h.simulator.injectFault({
      method: 'GET',
      path,
      status: 200,
      body: { ...pipeline, state: 'HIBERNATING' },
    });
    try {
      const answers = [];
      for (const id of ['enum-first', 'enum-second'])
        answers.push((await h.graphql(query, { p: SEED.projectId }, { 'x-request-id': id })).body);
      for (const body of answers)
        expect(body).toEqual({
          data: { project: { pipeline: { name: SEED.pipelines.small, state: null } } },
        });
      const warnings = h.logs.filter((line) => line.value === 'HIBERNATING');
      expect(warnings).toEqual([
        expect.objectContaining({
          level: 40,
          requestId: 'enum-first',
          enum: 'PipelineState',
          msg: expect.stringContaining('does not know'),
        }),
      ]);
    } finally {
      h.simulator.clearFaults();
    }
  });
});
