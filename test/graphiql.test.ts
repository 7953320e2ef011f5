import { readdirSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { getOperationAST, OperationTypeNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_QUERY,
  EXAMPLE_VARIABLES,
  exampleOperations,
  graphiqlOptions,
  OPERATIONS_DIR,
} from '../src/graphiql.ts';
import { GRAPHIQL_CACHE_CONTROL } from '../src/plugins/graphiql-page.ts';
import { SEED } from '../src/simulator/index.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { rawRequest } from './support/raw-http.ts';
import { payloads, subscribe } from './support/sse.ts';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GraphiQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('is served on GET /graphql to a browser, with every asset inline: no CDN', async () => {
    const response = await fetch(`${h.gateway.url}/graphql`, {
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<title>Atlas Graph</title>');
    // Nothing loaded from elsewhere: no external script, stylesheet or icon.
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href="(?!data:)/i);
    expect(html).not.toMatch(/@import\s+url\(\s*["']?https?:/i);
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
  });

  it('opens on the default query, with one more tab per operation of schema/operations/', () => {
    const options = graphiqlOptions();
    const files = readdirSync(OPERATIONS_DIR).filter((file) => file.endsWith('.graphql'));
    expect(options.defaultTabs).toHaveLength(files.length + 1);
    expect(options.defaultTabs![0]!.query).toBe(DEFAULT_QUERY);
    for (const { document } of exampleOperations()) {
      expect(options.defaultTabs!.some((tab) => tab.query === document)).toBe(true);
    }
  });

  it("has example variables for every operation, naming the simulator's seeded project", () => {
    expect(
      exampleOperations()
        .map(({ name }) => name)
        .sort(),
    ).toEqual(Object.keys(EXAMPLE_VARIABLES).sort());
    expect(DEFAULT_QUERY).toContain(SEED.projectId);
  });

  it('runs the default query against the simulator without errors', async () => {
    const { body } = await h.graphql(DEFAULT_QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.pipelines.nodes.map((p: { name: string }) => p.name)).toEqual(
      SEED.pipelines.all.slice(0, 5),
    );
  });

  // In file order, on one simulator, as a person would click through the tabs.
  it.each(exampleOperations().map((example) => [example.name, example] as const))(
    'runs the %s example tab with its variables without errors',
    async (_name, { document, variables }) => {
      const subscription =
        getOperationAST(parse(document))?.operation === OperationTypeNode.SUBSCRIPTION;
      let results: { data?: unknown; errors?: unknown }[];
      if (subscription) {
        // GraphiQL runs subscriptions over Server-Sent Events.
        const stream = await subscribe(h.gateway.url, document, variables);
        await stream.ended;
        results = payloads(stream.events);
      } else {
        const { status, body } = await h.graphql(document, variables);
        expect(status).toBe(200);
        results = [body];
      }
      expect(results.length).toBeGreaterThan(0);
      for (const body of results) {
        expect(body.errors).toBeUndefined();
        expect(body.data).toBeTruthy();
        // A mutation example shows its success: no error member of its result union.
        expect(JSON.stringify(body.data)).not.toMatch(/"__typename":"\w+Error"/);
      }
    },
  );
});

/** GET /graphql as a browser asks for it, read as it crosses the wire. */
const getPage = (url: string, headers: Record<string, string>) =>
  rawRequest(`${url}/graphql`, { headers: { accept: BROWSER_ACCEPT, ...headers } });

const MB = 1_000_000;

describe.each([
  ['defaults', {}],
  // The response cache drops If-None-Match from GraphQL requests; the page's revalidation is its own.
  ['the response cache on', { CACHE_TTL_MS: '60000' }],
])("GraphiQL's page on the wire, %s", (_label, env: Record<string, string>) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env });
  });
  afterAll(() => h.close());
  const builds = () => h.logs.filter((line) => line.msg === 'GraphiQL page built');

  it('is built once, on its first request, not at start-up', async () => {
    expect(builds()).toHaveLength(0);
    const pages = await Promise.all([1, 2, 3].map(() => getPage(h.gateway.url, {})));
    for (const page of pages) expect(page.status).toBe(200);
    await getPage(h.gateway.url, { 'accept-encoding': 'br' });
    expect(builds()).toHaveLength(1);
  });

  it('is at most 2 MB with br and about 2.4 MB with gzip, the same page once decoded', async () => {
    const plain = await getPage(h.gateway.url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toContain('text/html');
    const html = plain.wire.toString('utf8');
    expect(html).toContain('<title>Atlas Graph</title>');
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');

    const br = await getPage(h.gateway.url, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.wire.byteLength).toBeLessThanOrEqual(2 * MB);
    expect(Number(br.headers['content-length'])).toBe(br.wire.byteLength);
    expect(brotliDecompressSync(br.wire).equals(plain.wire)).toBe(true);

    const gzip = await getPage(h.gateway.url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    // gzip's 32 KB window cannot reach the repeats across the page's bundled scripts that brotli's does.
    expect(gzip.wire.byteLength).toBeLessThanOrEqual(2.5 * MB);
    expect(gunzipSync(gzip.wire).equals(plain.wire)).toBe(true);
    console.info(
      `GraphiQL page: ${plain.wire.byteLength} bytes plain, ${br.wire.byteLength} br, ${gzip.wire.byteLength} gzip`,
    );
  });

  it('has a strong ETag per build and coding, and answers If-None-Match with 304', async () => {
    const first = await getPage(h.gateway.url, { 'accept-encoding': 'br' });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['cache-control']).toBe(GRAPHIQL_CACHE_CONTROL);
    expect(first.headers.vary).toMatch(/accept-encoding/i);
    expect((await getPage(h.gateway.url, { 'accept-encoding': 'br' })).headers.etag).toBe(etag);
    const gzipTag = (await getPage(h.gateway.url, { 'accept-encoding': 'gzip' })).headers.etag;
    expect(gzipTag).toMatch(/^"[^"]+"$/);
    expect(gzipTag).not.toBe(etag);

    for (const ifNoneMatch of [etag, `W/"other", ${etag}`, `W/${etag}`]) {
      const revalidated = await getPage(h.gateway.url, {
        'accept-encoding': 'br',
        'if-none-match': ifNoneMatch,
      });
      expect(revalidated.status, ifNoneMatch).toBe(304);
      expect(revalidated.wire.byteLength).toBe(0);
      expect(revalidated.headers.etag).toBe(etag);
      expect(revalidated.headers['cache-control']).toBe(GRAPHIQL_CACHE_CONTROL);
    }
    // Another build's tag, or another coding's, gets the page.
    for (const ifNoneMatch of ['"an-older-build.br"', gzipTag!]) {
      const fresh = await getPage(h.gateway.url, {
        'accept-encoding': 'br',
        'if-none-match': ifNoneMatch,
      });
      expect(fresh.status, ifNoneMatch).toBe(200);
      expect(fresh.wire.byteLength).toBeGreaterThan(MB);
    }
  });
});

describe('GRAPHIQL=off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GRAPHIQL: 'off' } });
  });
  afterAll(() => h.close());

  it('serves no page to a browser', async () => {
    const response = await fetch(`${h.gateway.url}/graphql`, {
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(await response.text()).not.toContain('renderYogaGraphiQL');
  });
});
