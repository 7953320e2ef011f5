import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleOperations } from '../../src/graphiql.ts';
import { COMPILE_ON_RUN } from '../../src/plugins/compiled-execution.ts';
import { SEED } from '../../src/simulator/index.ts';
import { documentHash } from '../../src/trusted-documents/manifest.ts';
import { calls, type GraphQLResponse } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

/**
 * A trusted document's operation runs interpreted (graphql-js) until its COMPILE_ON_RUN-th run, then
 * compiled (graphql-jit); a document sent as text is always interpreted. Every case runs on both sides and must answer the same: which operation of a document
 * runs, directives on fragments, the shape of errors, and every example operation.
 */
// A stopped clock: mutations' new ids and dates come out the same on both sides.
const P = SEED.projectId;
const PIPELINES = `/groups/${P}/pipelines`;

const DOC = {
  IDS_AND_NAMES: `
      query Ids($p: ObjectId!) { project(id: $p) { atlasId } }
      query Names($p: ObjectId!) { project(id: $p) { pipelines(first: 2) { nodes { name } } } }`,
  IDS_ONLY: `query Ids { project(id: "${P}") { atlasId } }`,
  SKIP_INCLUDE: `
      query($p: ObjectId!, $yes: Boolean!, $no: Boolean!) {
        project(id: $p) {
          pipelines(first: 1) { nodes { name } }
          ...StateOfPipelines @include(if: $no)
          ... on Project @skip(if: $yes) { atlasId }
          ...IdOfProject @include(if: $yes)
          shown: atlasId @skip(if: $no)
          hidden: atlasId @include(if: $no)
        }
      }
      fragment StateOfPipelines on Project { pipelines(first: 1) { nodes { state } } }
      fragment IdOfProject on Project { id }`,
  NULLED: `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { name x: runs(first: 1) { totalCount } } } }`,
  DEFAULTS:
    'query($p: ObjectId! = "' +
    P +
    '", $n: Int! = 2) { project(id: $p) { pipelines(first: $n) { nodes { name } } } }',
  MISSING: `query($p: ObjectId!) {\n  project(id: $p) {\n    pipeline(name: "none") { name }\n  }\n}`,
  ATLAS_ID: 'query($p: ObjectId!) { project(id: $p) { atlasId } }',
  RUN_DATES: `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { runs(first: 2) { nodes { atlasId createdDate } } } } }`,
};

const DIRECTIVE_CASES = [
  [
    'a fragment spread again without the directive',
    'query($p: ObjectId!, $no: Boolean!) { project(id: $p) { ...F @include(if: $no) ...F } } fragment F on Project { atlasId }',
    { project: { atlasId: P } },
  ],
  [
    'fields of an excluded copy of a field',
    'query($p: ObjectId!, $no: Boolean!) { project(id: $p) { pipelines(first: 1) @include(if: $no) { ... on PipelineConnection { totalCount } } pipelines(first: 1) { nodes { name } } } }',
    { project: { pipelines: { nodes: [{ name: SEED.pipelines.all[0] }] } } },
  ],
  [
    'the order of an aliased field kept once',
    'query($p: ObjectId!, $no: Boolean!) { project(id: $p) { x: atlasId @include(if: $no) atlasId x: atlasId } }',
    { project: { atlasId: P, x: P } },
  ],
] as const;

const MARKER_CASES = [
  [
    'as written',
    '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d0)&&(globalThis.atlasGraphInjected=1)&&(0',
  ],
  [
    'spelled with escapes',
    '\\u005F\\u005FMAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d0)&&(globalThis.atlasGraphInjected=1)&&(0',
  ],
] as const;
const markerQuery = (name: string) =>
  `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${name}") { name } } }`;

// Only documents from the trusted store are compiled: every document these cases run is put in a
// manifest of their own, and sent by its hash.
const EXAMPLES = exampleOperations().filter(
  ({ document }) => !/^\s*subscription\b/m.test(document),
);
const MANIFEST = join(
  mkdtempSync(join(tmpdir(), 'atlas-graph-compiled-')),
  'trusted-documents.json',
);
writeFileSync(
  MANIFEST,
  JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [
      ...Object.values(DOC),
      ...DIRECTIVE_CASES.map(([, document]) => document),
      ...MARKER_CASES.map(([, name]) => markerQuery(name)),
      ...EXAMPLES.map(({ document }) => document),
    ].map((body, index) => ({ id: documentHash(body), name: `Case${index}`, type: 'query', body })),
  }),
);

// A stopped clock: mutations' new ids and dates come out the same on both sides.
const h = useHarness({
  simulator: { now: () => Date.parse('2026-11-02T10:00:00Z') },
  env: { TRUSTED_DOCUMENTS: 'allow', TRUSTED_DOCUMENTS_MANIFEST: MANIFEST },
});

/** Runs a document of the trusted store: named by its hash, its text not sent. */
async function trusted(
  document: string,
  variables?: Record<string, unknown>,
  _headers?: Record<string, string>,
  operationName?: string,
): Promise<GraphQLResponse> {
  const response = await fetch(`${h.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({
      variables,
      operationName,
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(document) } },
    }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

type Answer = Pick<GraphQLResponse, 'status' | 'body'> & {
  /** Executions of the last run by executor, from the gateway's metrics. */
  lastRun: { compiled: number; interpreted: number };
};

async function executions(): Promise<{ compiled: number; interpreted: number }> {
  const text = await (await fetch(`${h.gateway.url}/metrics`)).text();
  const count = (executor: string) =>
    Number(
      new RegExp(`^graphql_executions_total\\{executor="${executor}"\\} (\\d+)$`, 'm').exec(
        text,
      )?.[1],
    );
  return { compiled: count('compiled'), interpreted: count('interpreted') };
}

/** The same request, interpreted then (from its second run) compiled, each from the seed state; both answers must be equal. */
async function onBothSides(send: () => Promise<GraphQLResponse>): Promise<Answer> {
  const answers: Pick<GraphQLResponse, 'status' | 'body'>[] = [];
  let before = await executions();
  for (let run = 1; run <= COMPILE_ON_RUN; run++) {
    h.simulator.reset();
    before = await executions();
    const { status, body } = await send();
    answers.push({ status, body });
  }
  const after = await executions();
  // Same JSON text, keys in the same order.
  expect(JSON.stringify(answers.at(-1))).toBe(JSON.stringify(answers[0]));
  return {
    ...answers[0]!,
    lastRun: {
      compiled: after.compiled - before.compiled,
      interpreted: after.interpreted - before.interpreted,
    },
  };
}

describe('compiled execution', () => {
  it('compiles a trusted document sent by its hash, and never the same text sent by a client', async () => {
    const runs = COMPILE_ON_RUN + 1;
    const before = await executions();
    for (let run = 0; run < runs; run++) {
      expect((await h.graphql(DOC.ATLAS_ID, { p: P })).body).toEqual({
        data: { project: { atlasId: P } },
      });
    }
    const asText = await executions();
    expect(asText.compiled - before.compiled).toBe(0);
    expect(asText.interpreted - before.interpreted).toBe(runs);
    for (let run = 0; run < runs; run++) {
      expect((await trusted(DOC.ATLAS_ID, { p: P })).body).toEqual({
        data: { project: { atlasId: P } },
      });
    }
    const byHash = await executions();
    expect(byHash.compiled - asText.compiled).toBe(runs - COMPILE_ON_RUN + 1);
  });

  it('runs the operation the request names, each compiled on its own, from one document', async () => {
    const document = DOC.IDS_AND_NAMES;
    for (let run = 1; run <= COMPILE_ON_RUN + 1; run++) {
      h.simulator.reset();
      const ids = await trusted(document, { p: P }, {}, 'Ids');
      const names = await trusted(document, { p: P }, {}, 'Names');
      expect(ids.body).toEqual({ data: { project: { atlasId: P } } });
      expect(names.body).toEqual({
        data: {
          project: {
            pipelines: { nodes: SEED.pipelines.all.slice(0, 2).map((name) => ({ name })) },
          },
        },
      });
      expect(calls(h.upstream())).toEqual([`GET ${PIPELINES}`]);
    }
  });

  it('answers an operation name the document lacks as a request error, without an upstream call', async () => {
    const { status, body } = await onBothSides(() => trusted(DOC.IDS_ONLY, undefined, {}, 'Nope'));
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message: 'Could not determine what operation to execute.',
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
        },
      ],
    });
    expect(h.upstream()).toEqual([]);
  });

  it('applies @skip and @include on fields, fragment spreads and inline fragments as graphql-js does', async () => {
    const document = DOC.SKIP_INCLUDE;
    const { body, lastRun } = await onBothSides(() =>
      trusted(document, { p: P, yes: true, no: false }),
    );
    // graphql-jit gets these wrong (below): a document with either directive stays interpreted.
    expect(lastRun).toEqual({ compiled: 0, interpreted: 1 });
    expect(body.errors).toBeUndefined();
    expect(body.data!.project).toEqual({
      pipelines: { nodes: [{ name: SEED.pipelines.all[0] }] },
      id: expect.any(String),
      shown: P,
    });
    expect(Object.keys(body.data!.project)).toEqual(['pipelines', 'id', 'shown']);
  });

  it.each(DIRECTIVE_CASES)(
    'answers %s as graphql-js does, where graphql-jit would not',
    async (_case, document, data) => {
      const { body } = await onBothSides(() => trusted(document, { p: P, no: false }));
      expect(JSON.stringify(body)).toBe(JSON.stringify({ data }));
    },
  );

  it('runs a compiled query again interpreted when it meets any error, without calling Atlas again', async () => {
    // graphql-jit would fill a failed list item's place with the next one, and keep reporting errors
    // under a parent already nulled; the interpreted answer is the one clients get.
    // The list fails while executing (bad arguments would be refused before execution).
    const nulled = await onBothSides(() => {
      h.simulator.injectFault({ operationId: 'listGroupPipelineRuns', status: 400 });
      return trusted(DOC.NULLED, { p: P });
    });
    expect(nulled.body.data).toEqual({ project: { pipeline: null } });
    expect(nulled.body.errors!.map((error) => error.path)).toEqual([['project', 'pipeline', 'x']]);
    expect(nulled.lastRun).toEqual({ compiled: 1, interpreted: 1 });
    // Once, whether compiled or interpreted.
    expect(calls(h.upstream()).filter((call) => call.includes('/runs'))).toHaveLength(1);
  });

  it('takes the default of a non-null variable left out', async () => {
    const { status, body, lastRun } = await onBothSides(() => trusted(DOC.DEFAULTS, {}));
    expect([status, body]).toEqual([
      200,
      {
        data: {
          project: {
            pipelines: { nodes: SEED.pipelines.all.slice(0, 2).map((name) => ({ name })) },
          },
        },
      },
    ]);
    expect(lastRun).toEqual({ compiled: 1, interpreted: 1 });
  });

  it('gives a failing field its locations in the document, and a bad variable the scalar’s own reason', async () => {
    const missing = await onBothSides(() => trusted(DOC.MISSING, { p: SEED.unknownProjectId }));
    expect(missing.body.errors).toEqual([
      expect.objectContaining({
        path: ['project', 'pipeline'],
        locations: [{ line: 3, column: 5 }],
      }),
    ]);
    expect(missing.lastRun).toEqual({ compiled: 1, interpreted: 1 });

    const bad = await onBothSides(() => trusted(DOC.ATLAS_ID, { p: 'zz' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      errors: [
        {
          message:
            'Variable "$p" got invalid value "zz"; ObjectId must be 24 lower-case hexadecimal characters, got "zz".',
          locations: [{ line: 1, column: 7 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    expect(bad.lastRun).toEqual({ compiled: 1, interpreted: 1 });
  });

  it.each(EXAMPLES.map((example) => [example.name, example] as const))(
    'answers the example operation %s the same (queries compiled, mutations interpreted)',
    async (_name, { document, variables }) => {
      const { status, body, lastRun } = await onBothSides(() => trusted(document, variables));
      expect([status, body.errors]).toEqual([200, undefined]);
      const query = /^\s*query\b/m.test(document);
      expect(lastRun).toEqual(
        query ? { compiled: 1, interpreted: 0 } : { compiled: 0, interpreted: 1 },
      );
    },
  );

  it('answers a value that fails to serialize with its code, running the query again interpreted from what it fetched', async () => {
    const runs = `/api/atlas/v2/groups/${P}/pipelines/${SEED.pipelines.small}/runs`;
    const query = DOC.RUN_DATES;
    const { body, lastRun } = await onBothSides(async () => {
      const page = (await (
        await fetch(`${h.simulator.url}${runs}?pageNum=1&itemsPerPage=2&includeCount=false`, {
          headers: { accept: 'application/vnd.atlas.2023-01-01+json' },
        })
      ).json()) as { results: Record<string, unknown>[] };
      h.simulator.injectFault({
        method: 'GET',
        path: runs,
        status: 200,
        body: {
          ...page,
          results: [{ ...page.results[0], createdDate: 'last Tuesday' }, page.results[1]],
        },
      });
      h.simulator.clearRequests();
      const answer = await trusted(query, { p: P });
      expect(calls(h.upstream())).toEqual([
        `GET /groups/${P}/pipelines/${SEED.pipelines.small}`,
        `GET /groups/${P}/pipelines/${SEED.pipelines.small}/runs?pageNum=1&itemsPerPage=2&includeCount=false`,
      ]);
      return answer;
    });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['project', 'pipeline', 'runs', 'nodes', 0, 'createdDate'],
        extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
      }),
    ]);
    expect(lastRun).toEqual({ compiled: 1, interpreted: 1 });
  });

  it.each(MARKER_CASES)(
    'never compiles a document holding graphql-jit’s date marker (%s), which would run it as code',
    async (_how, name) => {
      const query = markerQuery(name);
      const { body, lastRun } = await onBothSides(() => trusted(query, { p: P }));
      expect((globalThis as Record<string, unknown>).atlasGraphInjected).toBeUndefined();
      // The name breaks the contract's pattern: refused before execution, compiled or not.
      expect(body.data).toBeUndefined();
      expect(body.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'name',
      });
      expect(lastRun.compiled).toBe(0);
    },
  );
});
