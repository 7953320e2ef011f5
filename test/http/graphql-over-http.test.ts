import { readFileSync } from 'node:fs';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { BATCH_LIMIT } from '../../src/yoga.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * GraphQL over HTTP: the audit suite of the `graphql-http` package (the spec's server audits) against the
 * running gateway, and the options the spec leaves to us (batching, CORS).
 */

/** The header our CSRF prevention asks of GET requests (any value); browsers cannot send it cross-site unasked. */
const CSRF = { 'x-graphql-yoga-csrf': '1' };
/** docs/http.md's "Audit results": every SHOULD or MAY audit that does not pass is explained there, by id. */
const AUDIT_RESULTS = readFileSync(new URL('../../docs/http.md', import.meta.url), 'utf8')
  .split(/^## /m)
  .find((section) => section.startsWith('Audit results\n'))!;

/** What a non-browser client does: the audit's requests, plus the CSRF header. */
const withCsrfHeader = (input: RequestInfo | URL, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(CSRF)) headers.set(name, value);
  return fetch(input, { ...init, headers });
};

const configurations: [string, Record<string, string>][] = [
  ['defaults', {}],
  ['batching and CORS on', { BATCHING: 'on', CORS_ORIGINS: 'https://app.example.com' }],
];

describe.each(configurations)('the graphql-http server audits, %s', (_label, env) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env });
  });
  afterAll(() => h.close());

  const url = () => `${h.gateway.url}/graphql`;
  const audits = serverAudits({ url, fetchFn: withCsrfHeader });

  it.each(audits.map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    const level = audit.name.split(' ')[0];
    if (result.status === 'ok') return;
    // A MUST never fails; a SHOULD or MAY that fails is explained in docs/http.md under its audit id.
    expect(level, `${audit.id} ${audit.name}: ${result.reason}`).not.toBe('MUST');
    expect(
      AUDIT_RESULTS,
      `docs/http.md explains why ${audit.id} (${audit.name}) does not pass`,
    ).toContain(`\`${audit.id}\``);
  });

  it('passes every MUST and SHOULD even as the audit ships, without the CSRF header', async () => {
    const failing = [];
    for (const audit of serverAudits({ url })) {
      const result = await audit.fn();
      if (result.status !== 'ok') failing.push(audit);
    }
    expect(
      failing.filter((audit) => !audit.name.startsWith('MAY')).map((audit) => audit.name),
    ).toEqual([]);
    // The GETs with variables are refused by CSRF prevention, as docs/http.md says.
    for (const audit of failing) expect(AUDIT_RESULTS).toContain(`\`${audit.id}\``);
  });
});

describe('HTTP methods and media types', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  const url = () => `${h.gateway.url}/graphql`;

  it('runs a query by GET, with its variables in the URL', async () => {
    const params = new URLSearchParams({
      query: 'query($p: ObjectId!) { project(id: $p) { atlasId } }',
      variables: JSON.stringify({ p: SEED.projectId }),
    });
    const response = await fetch(`${url()}?${params}`, {
      headers: { accept: 'application/graphql-response+json', ...CSRF },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await response.json()).toEqual({ data: { project: { atlasId: SEED.projectId } } });
  });

  it("lets a GET with variables through with Apollo Client's CSRF headers as with Yoga's, and refuses it with none", async () => {
    const params = new URLSearchParams({
      query: 'query($p: ObjectId!) { project(id: $p) { atlasId } }',
      variables: JSON.stringify({ p: SEED.projectId }),
    });
    const get = (headers: Record<string, string>) =>
      fetch(`${url()}?${params}`, {
        headers: { accept: 'application/graphql-response+json', ...headers },
      });

    const refused = await get({});
    expect(refused.status).toBe(403);
    const refusal = (await refused.json()) as { errors: { extensions: { code: string } }[] };
    expect(refusal.errors[0]!.extensions.code).toBe('BAD_REQUEST');

    for (const header of [
      'x-graphql-yoga-csrf',
      'apollo-require-preflight',
      'x-apollo-operation-name',
    ]) {
      const response = await get({ [header]: header === 'x-apollo-operation-name' ? 'P' : 'true' });
      expect(response.status, header).toBe(200);
      expect(await response.json()).toEqual({ data: { project: { atlasId: SEED.projectId } } });
    }
  });

  it('refuses a mutation by GET with 405 and `Allow: POST`, before any upstream call', async () => {
    h.resetUpstream();
    const params = new URLSearchParams({
      query: `mutation { triggerPipelineRun(input: { projectId: "${SEED.projectId}", pipelineName: "${SEED.pipelines.small}", snapshotId: "${SEED.snapshots.replicaSetNewestAvailable}" }) { __typename } }`,
    });
    const response = await fetch(`${url()}?${params}`, {
      headers: { accept: 'application/graphql-response+json', ...CSRF },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(h.upstream()).toHaveLength(0);
  });

  it('answers POST JSON in the media type asked for: application/graphql-response+json or application/json', async () => {
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const response = await fetch(url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(accept);
    }
  });

  it('answers a document that does not parse with 400 in application/graphql-response+json', async () => {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ project(' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses batched requests when BATCHING is off (the default)', async () => {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('sends no CORS headers at all unless CORS_ORIGINS is set', async () => {
    const preflight = await fetch(url(), {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://app.example.com' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('BATCHING=on', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { BATCHING: 'on' } });
  });
  afterAll(() => h.close());
  const post = (body: unknown) =>
    fetch(`${h.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
    });

  it('answers an array of operations with an array of results, in order, each with its own errors', async () => {
    h.resetUpstream();
    const response = await post([
      {
        query:
          'query($p: ObjectId!) { project(id: $p) { pipeline(name: "users-daily") { name } } }',
        variables: { p: SEED.projectId },
      },
      {
        query: 'query($p: ObjectId!) { project(id: $p) { pipeline(name: "no-such") { name } } }',
        variables: { p: SEED.projectId },
      },
      { query: '{ nope }' },
    ]);
    expect(response.status).toBe(200);
    const results = (await response.json()) as {
      data?: any;
      errors?: { extensions: { code: string } }[];
    }[];
    expect(results).toHaveLength(3);
    expect(results[0]).toEqual({ data: { project: { pipeline: { name: SEED.pipelines.small } } } });
    expect(results[1]).toEqual({ data: { project: { pipeline: null } } });
    expect(results[2]!.errors![0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it(`refuses a batch of more than ${BATCH_LIMIT} operations`, async () => {
    const response = await post(
      Array.from({ length: BATCH_LIMIT + 1 }, () => ({ query: '{ __typename }' })),
    );
    expect(response.status).toBe(413);
  });

  it('still answers a single operation as an object', async () => {
    const response = await post({ query: '{ __typename }' });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('CORS_ORIGINS', () => {
  let h: Harness;
  let any: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { CORS_ORIGINS: 'https://app.example.com, https://admin.example.com:8443' },
    });
    any = await startHarness({ env: { CORS_ORIGINS: '*' } });
  });
  afterAll(async () => {
    await h.close();
    await any.close();
  });

  const preflight = (gateway: Harness, origin: string) =>
    fetch(`${gateway.gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
  const post = (gateway: Harness, origin: string) =>
    fetch(`${gateway.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('answers the preflight of a listed origin, with the methods and headers it asked for', async () => {
    const response = await preflight(h, 'https://admin.example.com:8443');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(
      'https://admin.example.com:8443',
    );
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'content-type, authorization',
    );
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('echoes a listed origin on responses, exposes x-request-id, and never allows credentials', async () => {
    const response = await post(h, 'https://app.example.com');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('gives any other origin no CORS headers, so browsers refuse it', async () => {
    for (const response of [
      await preflight(h, 'https://evil.example.com'),
      await post(h, 'https://evil.example.com'),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-methods')).toBeNull();
    }
  });

  it('allows every origin with *, still without credentials', async () => {
    const response = await post(any, 'https://anywhere.example.org');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
