import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * Bad input over HTTP, with the default settings: each case gets its exact code, makes no upstream call,
 * and leaves the gateway serving.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.resetUpstream());

const P = SEED.projectId;
const CLUSTER = SEED.clusters.replicaSet;
const opaque = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface RawRequest {
  method?: 'GET' | 'POST';
  /** Query string for GET, without '?'. */
  search?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
}

async function send({ method = 'POST', search = '', headers = {}, body }: RawRequest) {
  const response = await fetch(`${h.gateway.url}/graphql${search ? `?${search}` : ''}`, {
    method,
    headers: { accept: 'application/graphql-response+json', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await response.text();
  return {
    status: response.status,
    body: text
      ? (JSON.parse(text) as {
          data?: unknown;
          errors?: { message: string; extensions?: Record<string, unknown> }[];
        })
      : undefined,
  };
}
const json = (payload: unknown): RawRequest => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(payload),
});
const graphql = (query: string, variables?: Record<string, unknown>) => json({ query, variables });

/** A chunked body (no Content-Length) that would go on for `bytes`. */
const chunked = (bytes: number) => {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(16 * 1024, bytes - sent)).fill(0x20);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
};

const deep = (levels: number) => {
  let selection = 'atlasId';
  for (let i = 0; i < levels; i++)
    selection = `pipeline { runs(first: 1) { nodes { ${selection} } } }`;
  return `query($id: ID!) { node(id: $id) { ... on PipelineRun { ${selection} } } }`;
};

interface Case {
  name: string;
  request: RawRequest;
  status: number;
  /** The code of every error; undefined when the HTTP status is the whole answer (415). */
  code?: string;
  extensions?: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'malformed JSON',
    request: { headers: { 'content-type': 'application/json' }, body: '{"query": "{ __typename' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a JSON body that is not an object',
    request: { headers: { 'content-type': 'application/json' }, body: '"{ __typename }"' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'variables that are not an object',
    request: json({ query: '{ __typename }', variables: 'x' }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a text/plain POST (no preflight: CSRF)',
    request: { headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' },
    status: 403,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a form POST (no preflight: CSRF)',
    request: {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    },
    status: 403,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a GET without the CSRF header',
    request: { method: 'GET', search: 'query=%7B__typename%7D' },
    status: 403,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an unsupported content type',
    request: { headers: { 'content-type': 'application/xml' }, body: '<query/>' },
    status: 415,
  },
  {
    name: 'a body over LIMIT_BODY_BYTES (Content-Length)',
    request: graphql(`{ __typename }${' '.repeat(262_144)}`),
    status: 413,
    code: 'OPERATION_LIMIT',
    extensions: { limit: 'bodyBytes', value: 262_144 },
  },
  {
    name: 'a chunked body over LIMIT_BODY_BYTES',
    request: { headers: { 'content-type': 'application/json' }, body: chunked(1024 * 1024) },
    status: 413,
    code: 'OPERATION_LIMIT',
    extensions: { limit: 'bodyBytes', value: 262_144 },
  },
  {
    name: 'a GET URL over 16 KiB',
    request: {
      method: 'GET',
      search: `query=%7B__typename%7D&padding=${'a'.repeat(17_000)}`,
      headers: { 'x-graphql-yoga-csrf': '1' },
    },
    status: 414,
    code: 'OPERATION_LIMIT',
    extensions: { limit: 'urlBytes', value: 16_384 },
  },
  {
    name: 'a document that does not parse',
    request: graphql('{ project(id: '),
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'an unknown field',
    request: graphql('{ projects { id } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a query deeper than 15',
    request: graphql(deep(5), { id: 'x' }),
    status: 400,
    code: 'OPERATION_LIMIT',
    extensions: { limit: 'depth', value: 15 },
  },
  {
    name: 'an alias bomb (101 aliases)',
    request: graphql(
      `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: project(id: "${P}") { atlasId }`).join(' ')} }`,
    ),
    status: 400,
    code: 'OPERATION_LIMIT',
    extensions: { limit: 'aliases', value: 100 },
  },
  {
    name: 'a wide document over 10000 tokens',
    request: graphql(`{ ${'__typename '.repeat(10_001)}}`),
    status: 400,
    code: 'OPERATION_LIMIT',
    extensions: { limit: 'tokens', value: 10_000 },
  },
  {
    name: 'more than 50 directives',
    request: graphql(
      `{ ${Array.from({ length: 51 }, (_, i) => `t${i}: __typename @include(if: true)`).join(' ')} }`,
    ),
    status: 400,
    code: 'OPERATION_LIMIT',
    extensions: { limit: 'directives', value: 50 },
  },
  {
    name: 'a costly query (pages of 500 under pages of 500)',
    request: graphql(
      `query($n: Int) { project(id: "${P}") { pipelines(first: $n) { nodes { runs(first: $n) { nodes { atlasId } } } } } }`,
      { n: 500 },
    ),
    status: 200,
    code: 'OPERATION_LIMIT',
    extensions: { limit: 'cost', value: 50_000 },
  },
  {
    name: 'a forged cursor',
    request: graphql(
      `{ project(id: "${P}") { cluster(name: "${CLUSTER}") { exportJobs(after: "${opaque([1, '000000000000', 5])}") { nodes { atlasId } } } } }`,
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a cursor that is not one',
    request: graphql(
      `{ project(id: "${P}") { cluster(name: "${CLUSTER}") { exportJobs(after: "!!") { nodes { atlasId } } } } }`,
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a global ID that is not one',
    request: graphql(`{ node(id: "bm90LWFuLWlk") { id } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a forged global ID (bad key)',
    request: graphql(`{ node(id: "${opaque([1, 'Pipeline', P, 'a/b'])}") { id } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a global ID of an unknown type',
    request: graphql(`{ node(id: "${opaque([1, 'Organization', P])}") { id } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a malformed ObjectId literal',
    request: graphql('{ project(id: "65EA") { atlasId } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a malformed ObjectId variable',
    request: graphql('query($p: ObjectId!) { project(id: $p) { atlasId } }', { p: 'zz' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a malformed DateTime variable',
    request: graphql(
      `query($d: DateTime) { project(id: "${P}") { pipeline(name: "x") { runs(createdBefore: $d) { nodes { atlasId } } } } }`,
      { d: 'yesterday' },
    ),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a page size over 500',
    request: graphql(
      `{ project(id: "${P}") { cluster(name: "${CLUSTER}") { exportJobs(first: 501) { nodes { atlasId } } } } }`,
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a negative page size',
    request: graphql(
      `{ project(id: "${P}") { cluster(name: "${CLUSTER}") { exportJobs(last: -1) { nodes { atlasId } } } } }`,
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'first with last',
    request: graphql(
      `{ project(id: "${P}") { cluster(name: "${CLUSTER}") { exportJobs(first: 1, last: 1) { nodes { atlasId } } } } }`,
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'more than 100 ids',
    request: graphql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: Array.from({ length: 101 }, () => 'x'),
    }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
];

describe('bad input over HTTP', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, { request, status, code, extensions }) => {
      const answer = await send(request);
      expect(answer.status).toBe(status);
      if (code === undefined) {
        expect(answer.body).toBeUndefined();
      } else {
        expect(answer.body!.errors!.length).toBeGreaterThan(0);
        for (const error of answer.body!.errors!)
          expect(error.extensions).toEqual(expect.objectContaining({ code, ...extensions }));
      }
      expect(h.upstream()).toEqual([]);

      const { status: healthy, body } = await h.graphql(`{ project(id: "${P}") { atlasId } }`);
      expect([healthy, body]).toEqual([200, { data: { project: { atlasId: P } } }]);
    },
  );

  it('accepts what the limits are for: a GET with the CSRF header, and a SSE request from a fetch client', async () => {
    const get = await send({
      method: 'GET',
      search: 'query=%7B__typename%7D',
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(get).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    // graphql-sse and fetch-based clients POST JSON (preflighted), so SSE needs no extra header.
    const sse = await fetch(`${h.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(sse.status).toBe(200);
    expect(await sse.text()).toContain('"__typename":"Query"');
  });

  it('exempts introspection from the depth limit', async () => {
    const ofTypes = 'ofType { '.repeat(16);
    const deepIntrospection = `{ __schema { types { fields { type { ${ofTypes}name${' }'.repeat(16)} } } } } }`;
    const { body } = await h.graphql(deepIntrospection);
    expect(body.errors).toBeUndefined();
  });
});
