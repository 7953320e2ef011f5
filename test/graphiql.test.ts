import { readdirSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { getOperationAST, OperationTypeNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_QUERY,
  EXAMPLE_VARIABLES,
  exampleOperations,
  graphiqlOptions,
  OPERATIONS_DIR,
} from '../src/graphiql.ts';
import {
  GRAPHIQL_ASSET_CACHE_CONTROL,
  GRAPHIQL_CACHE_CONTROL,
} from '../src/plugins/graphiql-page.ts';
import { SEED } from '../src/simulator/index.ts';
import { BROWSER_ACCEPT, graphiqlAssets } from './support/graphiql.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { rawRequest } from './support/raw-http.ts';
import { payloads, subscribe } from './support/sse.ts';

describe('GraphiQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('is served on GET /graphql to a browser, every asset from the gateway itself: no CDN', async () => {
    const { html, assets, stylesheet } = await graphiqlAssets(h.gateway.url);
    expect(html).toContain('<title>Atlas Graph</title>');
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    // Nothing named anywhere else: every URL of the page and of its stylesheet is one of its assets.
    expect(html).not.toMatch(/https?:/i);
    expect(stylesheet).not.toMatch(/url\(\s*["']?(https?:|\/\/)/i);
    expect(stylesheet).not.toContain('data:font/');
    // The stylesheet, the script, the icon, the three editor workers and every font, each once.
    const extensions = assets.map((path) => path.slice(path.lastIndexOf('.') + 1));
    expect(extensions.filter((extension) => extension === 'js')).toHaveLength(4);
    expect(extensions.filter((extension) => extension === 'css')).toHaveLength(1);
    expect(extensions.filter((extension) => extension === 'ico')).toHaveLength(1);
    // 28 Roboto and 6 Fira Code unicode-range subsets, and codicon's icons (inlined twice by the package).
    expect(extensions.filter((extension) => /^(woff2?|ttf)$/.test(extension))).toHaveLength(35);
    expect(new Set(assets).size).toBe(assets.length);
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

  it('is built once, on its first requests, not at start-up', async () => {
    expect(builds()).toHaveLength(0);
    // Requests arriving together share one build; whether an asset exists is known once it is done.
    const [unknown, ...pages] = await Promise.all([
      rawRequest(`${h.gateway.url}/graphql/graphiql/unknown.js`, {}),
      ...[1, 2, 3].map(() => getPage(h.gateway.url, {})),
    ]);
    expect(unknown!.status).toBe(404);
    for (const page of pages) expect(page.status).toBe(200);
    await getPage(h.gateway.url, { 'accept-encoding': 'br' });
    expect(builds()).toHaveLength(1);
  });

  it('is a small page, revalidated each time, with a strong ETag per build and coding', async () => {
    const first = await getPage(h.gateway.url, { 'accept-encoding': 'br' });
    expect(first.headers['content-type']).toContain('text/html');
    // The page only links its assets: a few KB on the wire, its default tabs most of it.
    expect(first.wire.byteLength).toBeLessThan(10_000);
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
      expect(brotliDecompressSync(fresh.wire).toString('utf8')).toContain('renderYogaGraphiQL');
    }
  });

  it('serves each asset under its content hash, cached for good, and answers If-None-Match with 304', async () => {
    const { assets } = await graphiqlAssets(h.gateway.url);
    for (const path of assets) {
      const asset = await rawRequest(`${h.gateway.url}${path}`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(asset.status, path).toBe(200);
      expect(asset.headers['cache-control'], path).toBe(GRAPHIQL_ASSET_CACHE_CONTROL);
      expect(asset.headers['content-type'], path).toBe(
        {
          js: 'text/javascript; charset=utf-8',
          css: 'text/css; charset=utf-8',
          ico: 'image/x-icon',
          ttf: 'font/ttf',
          woff: 'font/woff',
          woff2: 'font/woff2',
        }[path.slice(path.lastIndexOf('.') + 1)],
      );
      const etag = asset.headers.etag!;
      expect(etag, path).toMatch(/^"[^"]+"$/);
      const revalidated = await rawRequest(`${h.gateway.url}${path}`, {
        headers: { 'accept-encoding': 'gzip', 'if-none-match': `W/${etag}` },
      });
      expect(revalidated.status, path).toBe(304);
      expect(revalidated.wire.byteLength, path).toBe(0);
      expect(revalidated.headers['cache-control'], path).toBe(GRAPHIQL_ASSET_CACHE_CONTROL);
    }
    // A hash this build does not have (an older build's, or none) is not found, and not cached.
    for (const path of [
      assets[0]!.replace(/\/[\w-]+\./, '/AAAAAAAAAAAAAAAAAAAAAA.'),
      '/graphql/graphiql/',
      '/graphql/graphiql/graphiql.js',
    ]) {
      const missing = await rawRequest(`${h.gateway.url}${path}`, {});
      expect(missing.status, path).toBe(404);
      expect(missing.headers['cache-control'], path).toBe('no-store');
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
