import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_REASONS, type RefusalReason } from '../../src/metrics.ts';
import { CSRF_HEADER } from '../../src/plugins/csrf-prevention.ts';
import { MAX_URL_BYTES } from '../../src/plugins/request-size-limits.ts';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { run, wsClient } from '../support/websocket.ts';

const TOKEN = { authorization: 'Bearer any-atlas-token' };
const JSON_POST = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json',
};

/** Every `graphql_requests_refused_total` series, by reason. */
const refusals = async (h: Harness) => {
  const text = await (await fetch(`${h.gateway.url}/metrics`)).text();
  return Object.fromEntries(
    [...text.matchAll(/^graphql_requests_refused_total\{reason="([^"]*)"\} (\S+)$/gm)].map(
      (match) => [match[1], Number(match[2])],
    ),
  );
};
const zeros = () => Object.fromEntries(REFUSAL_REASONS.map((reason) => [reason, 0]));

const post = (h: Harness, body: unknown, headers: Record<string, string> = TOKEN) =>
  fetch(`${h.gateway.url}/graphql`, {
    method: 'POST',
    headers: { ...JSON_POST, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (h: Harness, query: string, headers: Record<string, string> = {}, padding = '') =>
  fetch(`${h.gateway.url}/graphql?query=${encodeURIComponent(query)}${padding}`, {
    headers: { accept: 'application/graphql-response+json', ...TOKEN, ...headers },
  });

const csrf = { [CSRF_HEADER]: '1' };
const project = `project(id: "${SEED.projectId}")`;

/** One request per reason, as a client would send it, and the status it is answered with. */
const REFUSED: [RefusalReason, number, (h: Harness) => Promise<Response>][] = [
  ['unauthenticated', 401, (h) => post(h, { query: '{ __typename }' }, {})],
  ['csrf', 403, (h) => get(h, '{ __typename }')],
  ['body_too_large', 413, (h) => post(h, { query: `{ __typename }${' '.repeat(5000)}` })],
  [
    'url_too_long',
    414,
    (h) => get(h, '{ __typename }', csrf, `&padding=${'a'.repeat(MAX_URL_BYTES)}`),
  ],
  ['bad_request', 400, (h) => post(h, '{"query": ')],
  [
    'bad_request',
    405,
    (h) => get(h, `mutation { cancelPipelineRun(input: {}) { __typename } }`, csrf),
  ],
  ['parse', 400, (h) => post(h, { query: '{ __typename' })],
  ['validation', 400, (h) => post(h, { query: '{ noSuchField }' })],
  [
    'variables',
    400,
    (h) =>
      post(h, {
        query: 'query($p: ObjectId!) { project(id: $p) { __typename } }',
        variables: { p: 'not-an-object-id' },
      }),
  ],
  [
    'depth',
    400,
    (h) => post(h, { query: `{ ${project} { pipelines { nodes { runs { nodes { id } } } } } }` }),
  ],
  [
    'aliases',
    400,
    // GraphQL Armor lets `__typename` be aliased freely.
    (h) =>
      post(h, { query: `{ ${['a', 'b', 'c'].map((a) => `${a}: ${project} { id }`).join(' ')} }` }),
  ],
  ['tokens', 400, (h) => post(h, { query: `{ ${'__typename '.repeat(250)}}` })],
  [
    'directives',
    400,
    (h) =>
      post(h, {
        query:
          '{ ...F @include(if: true) } fragment F on Query { __typename @include(if: true) @skip(if: false) }',
      }),
  ],
  [
    'cost',
    200,
    (h) => post(h, { query: `{ ${project} { pipelines(first: 100) { nodes { name } } } }` }),
  ],
  [
    'persisted_query',
    400,
    (h) => post(h, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
  ],
];

describe('graphql_requests_refused_total', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        AUTH_MODE: 'forward',
        TRUSTED_DOCUMENTS: 'allow',
        LIMIT_BODY_BYTES: '4096',
        LIMIT_MAX_DEPTH: '5',
        LIMIT_MAX_ALIASES: '2',
        LIMIT_MAX_TOKENS: '200',
        LIMIT_MAX_DIRECTIVES: '2',
        LIMIT_MAX_COST: '100',
      },
    });
  });
  afterAll(() => h.close());

  it('has every reason at zero from the start, and no other', async () => {
    expect(await refusals(h)).toEqual(zeros());
  });

  it('does not count operations that executed, even when they fail', async () => {
    const ok = await post(h, { query: '{ __typename }' });
    expect(ok.status).toBe(200);
    const failed = await post(h, {
      query: `query($p: ObjectId!) { project(id: $p) { pipelines { totalCount } } }`,
      variables: { p: SEED.unknownProjectId },
    });
    expect((await failed.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await refusals(h)).toEqual(zeros());
  });

  it.each(REFUSED)(
    'counts a request refused as %s (HTTP %i) under its reason only',
    async (reason, status, send) => {
      const before = await refusals(h);
      const response = await send(h);
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(body.data).toBeUndefined();
      expect(await refusals(h)).toEqual({ ...before, [reason]: before[reason] + 1 });
    },
  );

  it('counts operations refused over WebSocket, and a connection refused for its credential', async () => {
    const socket = wsClient(h.gateway.url, { connectionParams: TOKEN });
    try {
      const refusedOver = async (query: string) => {
        const errors = await run(socket, query).done.then(
          () => [],
          (errors) => errors,
        );
        return errors.map((error: { extensions?: { code?: string } }) => error.extensions?.code);
      };
      const before = await refusals(h);
      expect(await refusedOver('{ __typename')).toEqual(['GRAPHQL_PARSE_FAILED']);
      expect(await refusedOver('{ noSuchField }')).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(
        await refusedOver(
          `{ ${project} { pipelines { nodes { runs { nodes { stats { numDocs } } } } } } }`,
        ),
      ).toEqual(['OPERATION_LIMIT']);
      expect(await refusedOver('{ __typename }')).toEqual([]);
      const closed = new Promise<number>((resolve) => {
        const anonymous = wsClient(h.gateway.url, {
          on: { closed: (event) => resolve((event as { code: number }).code) },
        });
        run(anonymous, '{ __typename }').done.catch(() => {});
      });
      expect(await closed).toBe(4403);
      expect(await refusals(h)).toEqual({
        ...before,
        parse: before.parse + 1,
        validation: before.validation + 1,
        depth: before.depth + 1,
        unauthenticated: before.unauthenticated + 1,
      });
    } finally {
      await socket.dispose();
    }
  });

  it('counts each refused operation of a batch', async () => {
    const batching = await startHarness({ env: { BATCHING: 'on' } });
    try {
      const response = await post(batching, [
        { query: '{ __typename' },
        { query: '{ __typename }' },
        { query: '{ noSuchField }' },
      ]);
      expect(response.status).toBe(200);
      expect(await refusals(batching)).toEqual({ ...zeros(), parse: 1, validation: 1 });
      const tooMany = await post(
        batching,
        Array.from({ length: 11 }, () => ({ query: '{ __typename }' })),
      );
      expect(tooMany.status).toBe(413);
      expect(await refusals(batching)).toEqual({
        ...zeros(),
        parse: 1,
        validation: 1,
        bad_request: 1,
      });
    } finally {
      await batching.close();
    }
  });
});
