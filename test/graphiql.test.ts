import { readdirSync } from 'node:fs';
import { getOperationAST, OperationTypeNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_QUERY,
  EXAMPLE_VARIABLES,
  exampleOperations,
  graphiqlOptions,
  OPERATIONS_DIR,
} from '../src/graphiql.ts';
import { SEED } from '../src/simulator/index.ts';
import { type Harness, startHarness } from './support/harness.ts';
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
