import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { createClient as createUrqlClient, fetchExchange } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { pipe, subscribe } from 'wonka';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const PIPELINES = SEED.pipelines.all.slice(0, 5);

/** The dashboard, its run lists deferred: the pipelines render after one upstream call. */
const DEFERRED_DASHBOARD = /* GraphQL */ `
  query DeferredDashboard($projectId: ObjectId!) {
    project(id: $projectId) {
      pipelines(first: 5) {
        nodes {
          name
          ... @defer(label: "runs") { runs(first: 3) { nodes { atlasId state } } }
        }
      }
    }
  }
`;

const STREAMED_PIPELINES = /* GraphQL */ `
  query StreamedPipelines($projectId: ObjectId!) {
    project(id: $projectId) {
      pipelines(first: 5) { nodes @stream(initialCount: 1) { name } }
    }
  }
`;

const ACCEPT_MULTIPART = 'multipart/mixed; deferSpec=20220824, application/json';

interface Part {
  at: number;
  body: any;
}

/** POSTs `query` accepting multipart/mixed, and splits the answer into its parts, each with its arrival time. */
async function multipart(
  on: Harness,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ response: Response; parts: Part[] }> {
  const response = await fetch(`${on.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: ACCEPT_MULTIPART, ...headers },
    body: JSON.stringify({ query, variables: { projectId: SEED.projectId } }),
  });
  const boundary = /boundary="?([^";]+)"?/.exec(response.headers.get('content-type') ?? '')?.[1];
  // Not incremental (a refusal, a cached answer): one part.
  if (!response.headers.get('content-type')?.startsWith('multipart/mixed'))
    return { response, parts: [{ at: Date.now(), body: await response.json() }] };
  const parts: Part[] = [];
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    const pieces = text.split(`--${boundary}`);
    text = pieces.pop()!;
    for (const piece of pieces) {
      const json = piece.slice(piece.indexOf('\r\n\r\n') + 4).trim();
      if (piece.includes('{')) parts.push({ at: Date.now(), body: JSON.parse(json) });
    }
  }
  return { response, parts };
}

/** The dashboard as one answer, to compare the merged parts with. */
async function wholeDashboard(): Promise<any> {
  const { body } = await h.graphql(
    DEFERRED_DASHBOARD.replace('... @defer(label: "runs") {', '... {'),
    { projectId: SEED.projectId },
  );
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('@defer', () => {
  it('answers the pipelines first, then each run list as its call returns, over multipart/mixed', async () => {
    h.simulator.setLatency(150);
    try {
      const { response, parts } = await multipart(h, DEFERRED_DASHBOARD, {
        'accept-encoding': 'gzip, br',
      });
      expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
      // A stream: never compressed (zlib would hold the first part back until the last).
      expect(response.headers.get('content-encoding')).toBeNull();

      const [first, ...rest] = parts;
      expect(first!.body.hasNext).toBe(true);
      expect(first!.body.data.project.pipelines.nodes).toEqual(PIPELINES.map((name) => ({ name })));
      const runLists = h.upstream().filter((r) => r.path.endsWith('/runs'));
      expect(runLists).toHaveLength(5);
      // The first part left before any run list had come back.
      expect(first!.at).toBeLessThan(Math.min(...runLists.map((r) => r.endedAt)));
      const deferred = rest.flatMap((part) => part.body.incremental ?? []);
      expect(deferred).toHaveLength(5);
      expect(deferred.map((item: any) => item.label)).toEqual(PIPELINES.map(() => 'runs'));
      expect(deferred.map((item: any) => item.path).sort()).toEqual(
        PIPELINES.map((_, i) => ['project', 'pipelines', 'nodes', i]),
      );
      expect(rest.at(-1)!.body.hasNext).toBe(false);
    } finally {
      h.simulator.setLatency(0);
    }
  });

  it('gives a failed Atlas call in a deferred part its code, at its path', async () => {
    h.simulator.injectFault({
      operationId: 'listGroupPipelineRuns',
      path: new RegExp(`/pipelines/${PIPELINES[1]}/runs$`),
      status: 404,
    });
    const { parts } = await multipart(h, DEFERRED_DASHBOARD);
    const items = parts.slice(1).flatMap((part) => part.body.incremental ?? []);
    const failed = items.filter((item: any) => item.errors);
    expect(failed).toHaveLength(1);
    expect(failed[0].path).toEqual(['project', 'pipelines', 'nodes', 1]);
    expect(failed[0].errors.map((e: any) => [e.path, e.extensions.code])).toEqual([
      [['project', 'pipelines', 'nodes', 1, 'runs'], 'UPSTREAM_GONE'],
    ]);
    // One log line for the whole answer, written after its last part.
    const lines = h.logs.filter(
      (line) => line.msg === 'graphql operation' && line.operation === 'DeferredDashboard',
    );
    expect(lines.at(-1)).toMatchObject({ upstreamCalls: 6, errors: ['UPSTREAM_GONE'] });
  });

  it('is still delivered in parts on the run where a query is compiled', async () => {
    for (let run = 1; run <= 3; run++) {
      const { parts } = await multipart(h, DEFERRED_DASHBOARD);
      expect(parts.length).toBeGreaterThan(1);
      expect(parts[0]!.body.data.project.pipelines.nodes[0]).toEqual({ name: PIPELINES[0] });
    }
    const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/executor="compiled"} 0\n/);
  });

  it('reaches Apollo Client through HttpLink: the pipelines, then the runs merged in', async () => {
    const apollo = new ApolloClient({
      link: new HttpLink({ uri: `${h.gateway.url}/graphql` }),
      cache: new InMemoryCache(),
      incrementalHandler: new Defer20220824Handler(),
    });
    const seen: any[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = apollo
        .watchQuery({
          query: gql(DEFERRED_DASHBOARD),
          variables: { projectId: SEED.projectId },
          fetchPolicy: 'no-cache',
        })
        .subscribe({
          next: (result) => {
            if (result.error) return reject(result.error);
            if (result.data) seen.push(result);
            if (result.dataState === 'complete') {
              subscription.unsubscribe();
              resolve();
            }
          },
          error: reject,
        });
    });
    expect(seen[0].dataState).toBe('streaming');
    expect((seen[0].data as any).project.pipelines.nodes.map((p: any) => p.name)).toEqual(
      PIPELINES,
    );
    expect((seen[0].data as any).project.pipelines.nodes[0].runs).toBeUndefined();
    expect(stripTypenames(seen.at(-1).data)).toEqual(await wholeDashboard());
    apollo.stop();
  });

  it("reaches urql's fetchExchange: the pipelines, then the runs merged in", async () => {
    const urql = urqlClient();
    const results: any[] = [];
    await new Promise<void>((resolve, reject) =>
      pipe(
        urql.query(DEFERRED_DASHBOARD, { projectId: SEED.projectId }),
        subscribe((result) => {
          if (result.error) return reject(result.error);
          results.push(result);
          if (!result.hasNext) resolve();
        }),
      ),
    );
    expect(results[0].hasNext).toBe(true);
    expect(results[0].data.project.pipelines.nodes.map((p: any) => p.name)).toEqual(PIPELINES);
    expect(results[0].data.project.pipelines.nodes[0].runs).toBeUndefined();
    expect(stripTypenames(results.at(-1).data)).toEqual(await wholeDashboard());
  });
});

describe('@stream', () => {
  it('sends the first items, then the others', async () => {
    const { parts } = await multipart(h, STREAMED_PIPELINES);
    expect(parts[0]!.body.data.project.pipelines.nodes).toEqual([{ name: PIPELINES[0] }]);
    const streamed = parts.slice(1).flatMap((part) => part.body.incremental ?? []);
    expect(streamed.flatMap((item: any) => item.items)).toEqual(
      PIPELINES.slice(1).map((name) => ({ name })),
    );
    expect(parts.at(-1)!.body.hasNext).toBe(false);
  });

  it('reaches Apollo Client and urql merged into one list', async () => {
    const apollo = new ApolloClient({
      link: new HttpLink({ uri: `${h.gateway.url}/graphql` }),
      cache: new InMemoryCache(),
      incrementalHandler: new Defer20220824Handler(),
    });
    const answer = await apollo.query({
      query: gql(STREAMED_PIPELINES),
      variables: { projectId: SEED.projectId },
      fetchPolicy: 'no-cache',
    });
    const { data } = answer;
    expect(stripTypenames(data)).toEqual({
      project: { pipelines: { nodes: PIPELINES.map((name) => ({ name })) } },
    });
    apollo.stop();

    const urql = urqlClient();
    const last = await new Promise<any>((resolve) =>
      pipe(
        urql.query(STREAMED_PIPELINES, { projectId: SEED.projectId }),
        subscribe((result) => {
          if (!result.hasNext) resolve(result);
        }),
      ),
    );
    expect(stripTypenames(last.data)).toEqual({
      project: { pipelines: { nodes: PIPELINES.map((name) => ({ name })) } },
    });
  });
});

describe('@defer and @stream with the response cache and the cost limit', () => {
  it('costs a deferred operation as the whole one, and caches what its parts add up to', async () => {
    const cached = await startHarness({ env: { CACHE_TTL_MS: '60000', LIMIT_MAX_COST: '61' } });
    try {
      const refusal = {
        errors: [
          {
            message: 'Operation cost 62 exceeds the limit of 61; ask for smaller pages.',
            extensions: { code: 'OPERATION_LIMIT', limit: 'cost', value: 61 },
          },
        ],
      };
      const deferred = await multipart(cached, DEFERRED_DASHBOARD);
      expect(deferred.parts.map((part) => part.body)).toEqual([refusal]);
      const whole = DEFERRED_DASHBOARD.replace('... @defer(label: "runs") {', '... {');
      expect((await multipart(cached, whole)).parts.map((part) => part.body)).toEqual([refusal]);
      expect(cached.upstream()).toEqual([]);

      const first = await multipart(cached, STREAMED_PIPELINES);
      expect(first.parts.length).toBeGreaterThan(1);
      expect(first.response.headers.get('cache-control')).toBe('private, no-store');
      cached.resetUpstream();
      // A hit: the answer the parts added up to, whole, with no upstream call.
      const second = await multipart(cached, STREAMED_PIPELINES);
      expect(second.parts.map((part) => part.body)).toEqual([
        { data: { project: { pipelines: { nodes: PIPELINES.map((name) => ({ name })) } } } },
      ]);
      expect(second.response.headers.get('cache-control')).toBe('private, max-age=60');
      expect(cached.upstream()).toEqual([]);
    } finally {
      await cached.close();
    }
  });
});

/** urql POSTs its queries here: by default it GETs them, which CSRF prevention asks a header for (docs/http.md). */
const urqlClient = () =>
  createUrqlClient({
    url: `${h.gateway.url}/graphql`,
    exchanges: [fetchExchange],
    preferGetMethod: false,
  });

/** Apollo and urql add `__typename` to every selection: the gateway's answer has none. */
function stripTypenames(value: any): any {
  if (Array.isArray(value)) return value.map(stripTypenames);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '__typename')
      .map(([key, inner]) => [key, stripTypenames(inner)]),
  );
}
