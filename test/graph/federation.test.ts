import { readFileSync } from 'node:fs';
import {
  GraphQLObjectType,
  GraphQLSchema,
  isInterfaceType,
  isObjectType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// Any import order: only src/graph/index.ts loads the modules that register root fields, in its order.
import { MAX_ENTITIES } from '../../src/graph/federation.ts';
import { buildSchema } from '../../src/graph/index.ts';
import {
  printedSchema,
  printedSubgraphSchema,
  SUBGRAPH_FILE,
} from '../../src/graph/print-schema.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.resetUpstream());

const p = SEED.projectId;
const group = `/groups/${p}`;
const serverlessJobs = SEED.serverlessRestoreJobs as Record<string, string>;
const flexJobs = SEED.flexRestoreJobs as Record<string, string>;

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Project { atlasId }
      ... on Pipeline { name state project { atlasId } }
      ... on PipelineRun { atlasId runState: state }
      ... on ExportJob { atlasId exportState: state }
      ... on RestoreJob { atlasId status }
    }
  }
`;

const pipelineRef = (name: string, projectId = p) => ({
  __typename: 'Pipeline',
  project: { atlasId: projectId },
  name,
});
const runRef = (pipeline: string, atlasId: string) => ({
  __typename: 'PipelineRun',
  pipeline: { project: { atlasId: p }, name: pipeline },
  atlasId,
});

describe('schema/subgraph.graphql', () => {
  it('is what the builder prints (run `npm run schema:print` after a schema change)', () => {
    expect(readFileSync(SUBGRAPH_FILE, 'utf8')).toBe(printedSubgraphSchema());
  });

  it('is what `_service { sdl }` answers, so routers compose the committed file', async () => {
    const { body } = await h.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(body.errors).toBeUndefined();
    expect(`${body.data!._service.sdl}\n`).toBe(readFileSync(SUBGRAPH_FILE, 'utf8'));
    expect(h.upstream()).toHaveLength(0);
  });

  it('keys entities by Atlas identifiers on the concrete types, never by our global IDs or on RestoreJob', () => {
    const sdl = readFileSync(SUBGRAPH_FILE, 'utf8');
    const keys = [...sdl.matchAll(/^type (\w+)[^{]*?@key\(fields: "([^"]+)"\)/gms)].map(
      ([, type, fields]) => [type, fields],
    );
    expect(Object.fromEntries(keys)).toEqual({
      Cluster: 'project { atlasId } name',
      ClusterRestoreJob: 'cluster { project { atlasId } name } atlasId',
      FlexCluster: 'project { atlasId } name',
      ServerlessInstance: 'project { atlasId } name',
      ClusterSnapshot: 'cluster { project { atlasId } name } atlasId',
      ExportJob: 'cluster { project { atlasId } name } atlasId',
      FlexRestoreJob: 'flexCluster { project { atlasId } name } atlasId',
      Pipeline: 'project { atlasId } name',
      PipelineRun: 'pipeline { project { atlasId } name } atlasId',
      Project: 'atlasId',
      ServerlessRestoreJob: 'serverlessInstance { project { atlasId } name } atlasId',
    });
    expect(sdl).toMatch(/^interface RestoreJob implements Node \{/m);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6"');
  });
});

describe('plain clients', () => {
  it('see the client API of schema/schema.graphql, plus only `_service` and `_entities`', () => {
    // The schema the running gateway executes against: Yoga's plugins (@defer, @stream) applied.
    const served: GraphQLSchema = h.gateway.gateway.yoga.getEnveloped({}).schema;
    const query = served.getQueryType()!;
    expect(
      Object.keys(query.getFields())
        .filter((name) => name.startsWith('_'))
        .sort(),
    ).toEqual(['_entities', '_service']);
    // Take federation's additions away again: what is left is exactly the committed client schema.
    const { _entities, _service, ...clientFields } = query.toConfig().fields;
    const federationTypes = new Set([
      '_Any',
      '_Entity',
      '_Service',
      'link__Import',
      'link__Purpose',
      'FieldSet',
      'federation__FieldSet',
    ]);
    const clientQuery = new GraphQLObjectType({ ...query.toConfig(), fields: clientFields });
    const config = served.toConfig();
    const client = new GraphQLSchema({
      ...config,
      query: clientQuery,
      types: config.types.filter(
        (type) => !federationTypes.has(type.name) && type.name !== 'Query',
      ),
    });
    expect(`${printSchema(lexicographicSortSchema(client))}\n`).toBe(printedSchema());
  });

  it('still get the Node interface and the RestoreJob interface as before', () => {
    const served = buildSchema();
    expect(isInterfaceType(served.getType('RestoreJob'))).toBe(true);
    expect(isObjectType(served.getType('FlexRestoreJob'))).toBe(true);
  });
});

describe('_entities', () => {
  it(`refuses more than ${MAX_ENTITIES} representations, and counts each one in the operation cost, before any call`, async () => {
    const many = Array.from({ length: MAX_ENTITIES + 1 }, (_, i) =>
      runRef(SEED.pipelines.small, i.toString(16).padStart(24, '0')),
    );
    const tooMany = await h.graphql(ENTITIES, { representations: many });
    expect(tooMany.body.errors).toEqual([
      expect.objectContaining({
        path: ['_entities'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(h.upstream()).toEqual([]);

    // 150 projects' first 200 pipelines: cheap once, over the cost limit 150 times.
    const costly = await h.graphql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { pipelines(first: 200) { nodes { name } } } } }',
      { r: Array.from({ length: 150 }, () => ({ __typename: 'Project', atlasId: p })) },
    );
    expect(costly.body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'OPERATION_LIMIT', limit: 'cost' }),
      }),
    ]);
    expect(h.upstream()).toEqual([]);
  });

  it('resolves a Project from its key alone: no upstream call', async () => {
    const { body } = await h.graphql(ENTITIES, {
      representations: [{ __typename: 'Project', atlasId: p }],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toEqual([{ __typename: 'Project', atlasId: p }]);
    expect(h.upstream()).toHaveLength(0);
  });

  it('resolves one pipeline with one GET by name', async () => {
    const { body } = await h.graphql(ENTITIES, {
      representations: [pipelineRef(SEED.pipelines.special)],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toEqual([
      {
        __typename: 'Pipeline',
        name: SEED.pipelines.special,
        state: 'ACTIVE',
        project: { atlasId: p },
      },
    ]);
    expect(calls(h.upstream())).toEqual([
      `GET ${group}/pipelines/${encodeURIComponent(SEED.pipelines.special)}`,
    ]);
  });

  it('resolves several pipelines of one project with the one list call, in order, a missing one null', async () => {
    const names = [
      SEED.pipelines.paused,
      SEED.pipelines.big,
      'no-such-pipeline',
      SEED.pipelines.special,
      SEED.pipelines.big,
    ];
    const { body } = await h.graphql(ENTITIES, {
      representations: names.map((name) => pipelineRef(name)),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities.map((entity: any) => entity?.name ?? null)).toEqual([
      SEED.pipelines.paused,
      SEED.pipelines.big,
      null,
      SEED.pipelines.special,
      SEED.pipelines.big,
    ]);
    expect(body.data!._entities[0].state).toBe('PAUSED');
    expect(calls(h.upstream())).toEqual([`GET ${group}/pipelines`]);
  });

  it('resolves runs, export and restore jobs with one GET per distinct object, all at once, the gone ones null', async () => {
    h.simulator.setLatency(100);
    try {
      const missingRun = 'ffffffffffffffffffffffff';
      const representations = [
        runRef(SEED.pipelines.small, SEED.runs.smallNewest),
        runRef(SEED.pipelines.big, SEED.runs.bigOldest),
        runRef(SEED.pipelines.small, SEED.runs.smallNewest),
        runRef(SEED.pipelines.small, missingRun),
        {
          __typename: 'ExportJob',
          cluster: { project: { atlasId: p }, name: SEED.clusters.replicaSet },
          atlasId: SEED.exportJobs.failed,
        },
        {
          __typename: 'ServerlessRestoreJob',
          serverlessInstance: { project: { atlasId: p }, name: SEED.serverless.main },
          atlasId: serverlessJobs.cancelled,
        },
        {
          __typename: 'FlexRestoreJob',
          flexCluster: { project: { atlasId: p }, name: SEED.flex.main },
          atlasId: flexJobs.running,
        },
      ];
      const started = performance.now();
      const { body } = await h.graphql(ENTITIES, { representations });
      const elapsed = performance.now() - started;
      expect(body.errors).toBeUndefined();
      expect(body.data!._entities).toEqual([
        { __typename: 'PipelineRun', atlasId: SEED.runs.smallNewest, runState: 'DONE' },
        { __typename: 'PipelineRun', atlasId: SEED.runs.bigOldest, runState: expect.any(String) },
        { __typename: 'PipelineRun', atlasId: SEED.runs.smallNewest, runState: 'DONE' },
        null,
        { __typename: 'ExportJob', atlasId: SEED.exportJobs.failed, exportState: 'FAILED' },
        {
          __typename: 'ServerlessRestoreJob',
          atlasId: serverlessJobs.cancelled,
          status: 'CANCELLED',
        },
        { __typename: 'FlexRestoreJob', atlasId: flexJobs.running, status: 'RUNNING' },
      ]);
      const upstream = h.upstream();
      const familyCheck = `GET ${group}/pipelines`;
      // The missing run's 404 costs at most one check of its family's list route, none when this client
      // read that list within the last minute (docs/errors.md, "Missing object or removed route").
      expect(calls(upstream).filter((call) => call === familyCheck).length).toBeLessThanOrEqual(1);
      expect(
        calls(upstream)
          .filter((call) => call !== familyCheck)
          .sort(),
      ).toEqual(
        [
          `GET ${group}/pipelines/${SEED.pipelines.small}/runs/${SEED.runs.smallNewest}`,
          `GET ${group}/pipelines/${SEED.pipelines.big}/runs/${SEED.runs.bigOldest}`,
          `GET ${group}/pipelines/${SEED.pipelines.small}/runs/${missingRun}`,
          `GET ${group}/clusters/${SEED.clusters.replicaSet}/backup/exports/${SEED.exportJobs.failed}`,
          `GET ${group}/serverless/${SEED.serverless.main}/backup/restoreJobs/${serverlessJobs.cancelled}`,
          `GET ${group}/flexClusters/${SEED.flex.main}/backup/restoreJobs/${flexJobs.running}`,
        ].sort(),
      );
      // Concurrent, not one after another: every lookup starts before the first one ends.
      const lookups = upstream.filter((r) => !r.path.endsWith('/pipelines'));
      const firstEnd = Math.min(...lookups.map((r) => r.endedAt));
      for (const request of lookups) expect(request.startedAt).toBeLessThan(firstEnd);
      // Six calls one after another would take 600 ms at least.
      expect(elapsed).toBeLessThan(5 * 100);
    } finally {
      h.simulator.setLatency(0);
    }
  });

  it('refuses a representation whose key breaks a contract pattern at its own item, before any call', async () => {
    const { body } = await h.graphql(ENTITIES, {
      representations: [
        { __typename: 'Project', atlasId: 'not-an-object-id' },
        pipelineRef('..'),
        runRef(SEED.pipelines.small, 'xyz'),
        pipelineRef(SEED.pipelines.small),
      ],
    });
    expect(body.data!._entities.slice(0, 3)).toEqual([null, null, null]);
    expect(body.data!._entities[3]).toMatchObject({ name: SEED.pipelines.small });
    expect(body.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 0], 'BAD_USER_INPUT'],
      [['_entities', 1], 'BAD_USER_INPUT'],
      [['_entities', 2], 'BAD_USER_INPUT'],
    ]);
    expect(calls(h.upstream())).toEqual([`GET ${group}/pipelines/${SEED.pipelines.small}`]);
  });

  it('judges each representation on its own: one naming no entity type is BAD_USER_INPUT at its index, logged as nothing unexpected', async () => {
    const logged = h.logs.length;
    const bad = [
      { __typename: 'Foo' },
      { atlasId: p },
      { __typename: 'constructor' },
      JSON.parse('{"__typename": "__proto__"}'),
      { __typename: 'Query' },
      { __typename: '_Service' },
      { __typename: 'Node' },
      { __typename: 'RestoreJob' },
      { __typename: 42 },
      ['Project'],
    ];
    const { body } = await h.graphql(ENTITIES, {
      representations: [...bad, pipelineRef(SEED.pipelines.small)],
    });
    expect(body.data!._entities.slice(0, bad.length)).toEqual(bad.map(() => null));
    expect(body.data!._entities[bad.length]).toMatchObject({ name: SEED.pipelines.small });
    expect(body.errors!.map((e) => [e.path, e.extensions?.code, e.extensions?.argument])).toEqual(
      bad.map((_, i) => [['_entities', i], 'BAD_USER_INPUT', `representations.${i}`]),
    );
    expect(body.errors![0]!.message).toContain(
      'Cluster, ClusterRestoreJob, ClusterSnapshot, ExportJob, FlexCluster, FlexRestoreJob, Pipeline, PipelineRun, Project, ServerlessInstance, ServerlessRestoreJob',
    );
    expect(calls(h.upstream())).toEqual([`GET ${group}/pipelines/${SEED.pipelines.small}`]);
    expect(h.logs.slice(logged).filter((line) => line.level >= 50)).toEqual([]);
  });

  it('reports an unknown project on the pipelines asked of it', async () => {
    const { body } = await h.graphql(ENTITIES, {
      representations: [
        pipelineRef('a', SEED.unknownProjectId),
        pipelineRef('b', SEED.unknownProjectId),
      ],
    });
    expect(body.data!._entities).toEqual([null, null]);
    expect(body.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 0], 'NOT_FOUND'],
      [['_entities', 1], 'NOT_FOUND'],
    ]);
  });
});

describe('with INTROSPECTION off', () => {
  let closed: Harness;
  beforeAll(async () => {
    closed = await startHarness({ env: { INTROSPECTION: 'off' } });
  });
  afterAll(() => closed.close());

  it('still answers `_service { sdl }`, which routers need, while __schema is refused', async () => {
    const service = await closed.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(service.body.errors).toBeUndefined();
    expect(service.body.data!._service.sdl).toContain('@key(fields: "atlasId")');
    const introspection = await closed.graphql('{ __schema { queryType { name } } }');
    expect(introspection.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
