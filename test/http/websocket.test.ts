import { ApolloClient, gql, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient as createUrqlClient, subscriptionExchange } from '@urql/core';
import type { Client, SubscribePayload } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { onEnd, pipe, subscribe as subscribeTo } from 'wonka';
import WebSocket from 'ws';
import { SEED } from '../../src/simulator/index.ts';
import { buildManifest } from '../../src/trusted-documents/manifest.ts';
import { JWT_ENV, signToken } from '../security/tokens.ts';
import { startHarness } from '../support/harness.ts';
import { runPath, triggerRun, WATCH_RUN } from '../support/pipeline-runs.ts';
import { useHarness } from '../support/shared-harness.ts';
import { payloads, subscribe as subscribeOverSse } from '../support/sse.ts';
import { run, wsClient, wsUrl } from '../support/websocket.ts';

const h = useHarness({
  simulator: { runDurationMs: 1_200 },
  env: { RUN_POLL_INITIAL_MS: '25', RUN_POLL_MAX_MS: '100', LIMIT_MAX_DEPTH: '6' },
});

const polls = (runId: string) =>
  h.upstream().filter((r) => r.method === 'GET' && r.path === runPath(runId));

const disposers: (() => unknown)[] = [];
afterEach(async () => {
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});
const client = (...args: Parameters<typeof wsClient>) => {
  const created = wsClient(...args);
  disposers.push(() => created.dispose());
  return created;
};

/** Each event a change in Atlas's order, the last one DONE. */
function expectRunToDone(runs: { state: string; phase: string }[], atlasId: string) {
  expect(runs[0]).toMatchObject({ atlasId });
  expect(runs.at(-1)).toMatchObject({ state: 'DONE', phase: 'INGESTION' });
  expect(runs.length).toBeGreaterThanOrEqual(3);
  expect(new Set(runs.map((r) => JSON.stringify(r))).size).toBe(runs.length);
}

describe('graphql-ws on /graphql', () => {
  it('streams pipelineRunUpdated to the graphql-ws client until the run is done', async () => {
    const { id, atlasId } = await triggerRun(h);
    const watch = run(client(h.gateway.url), WATCH_RUN, { id });
    await watch.done;
    expect(watch.results.every((r) => r.errors === undefined)).toBe(true);
    expectRunToDone(
      watch.results.map((r) => r.data.pipelineRunUpdated),
      atlasId,
    );
  });

  it("streams to Apollo Client's GraphQLWsLink", async () => {
    const { id, atlasId } = await triggerRun(h);
    const apollo = new ApolloClient({
      link: new GraphQLWsLink(client(h.gateway.url)),
      cache: new InMemoryCache(),
    });
    const runs: any[] = [];
    await new Promise<void>((resolve, reject) => {
      apollo.subscribe({ query: gql(WATCH_RUN), variables: { id } }).subscribe({
        next: (result) => {
          if (result.error) reject(result.error);
          else runs.push((result.data as any).pipelineRunUpdated);
        },
        error: reject,
        complete: resolve,
      });
    });
    expectRunToDone(runs, atlasId);
    apollo.stop();
  });

  it("streams to urql's subscriptionExchange", async () => {
    const { id, atlasId } = await triggerRun(h);
    const socket = client(h.gateway.url);
    const urql = createUrqlClient({
      url: `${h.gateway.url}/graphql`,
      exchanges: [
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({
              unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink),
            }),
          }),
        }),
      ],
    });
    const runs: any[] = [];
    await new Promise<void>((resolve, reject) =>
      pipe(
        urql.subscription(WATCH_RUN, { id }),
        onEnd(resolve),
        subscribeTo((result) => {
          if (result.error) reject(result.error);
          // urql repeats the last result (hasNext false) when the stream completes.
          else if (result.hasNext) runs.push(result.data.pipelineRunUpdated);
        }),
      ),
    );
    expectRunToDone(runs, atlasId);
  });

  it('serves socket and SSE watchers of one run from one upstream poll stream', async () => {
    const { id, atlasId } = await triggerRun(h);
    const first = run(client(h.gateway.url), WATCH_RUN, { id });
    await first.waitFor(1);
    const second = run(client(h.gateway.url), WATCH_RUN, { id });
    const sse = await subscribeOverSse(h.gateway.url, WATCH_RUN, { id });
    await Promise.all([first.done, second.done, sse.ended]);

    const last = first.results.at(-1).data.pipelineRunUpdated;
    expect(last).toMatchObject({ state: 'DONE' });
    expect(second.results.at(-1).data.pipelineRunUpdated).toEqual(last);
    expect(payloads(sse.events).at(-1).data.pipelineRunUpdated).toEqual(last);
    const seen = polls(atlasId);
    expect(new Set(seen.map((r) => r.headers['x-request-id']))).toEqual(
      new Set([expect.stringMatching(/^run-poll-/)]),
    );
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.startedAt).toBeGreaterThanOrEqual(seen[i - 1]!.endedAt);
  });

  it('stops polling when the client leaves', async () => {
    const { id, atlasId } = await triggerRun(h);
    const socket = client(h.gateway.url);
    const watch = run(socket, WATCH_RUN, { id });
    await watch.waitFor(1);
    await socket.dispose();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const settled = polls(atlasId).length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(polls(atlasId)).toHaveLength(settled);
    expect(watch.results.at(-1).data.pipelineRunUpdated.state).not.toBe('DONE');
  });

  it('answers queries and mutations over the socket', async () => {
    const socket = client(h.gateway.url);
    const query = run(socket, 'query($p: ObjectId!) { project(id: $p) { atlasId } }', {
      p: SEED.projectId,
    });
    await query.done;
    expect(query.results).toEqual([{ data: { project: { atlasId: SEED.projectId } } }]);

    h.resetUpstream();
    const mutation = run(
      socket,
      /* GraphQL */ `mutation($input: TriggerPipelineRunInput!) {
        triggerPipelineRun(input: $input) { __typename }
      }`,
      {
        input: {
          projectId: SEED.projectId,
          pipelineName: SEED.pipelines.small,
          snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        },
      },
    );
    await mutation.done;
    expect(mutation.results).toEqual([
      { data: { triggerPipelineRun: { __typename: 'TriggerPipelineRunSuccess' } } },
    ]);
    expect(h.upstream().filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('sends each part of a deferred answer as its own next message', async () => {
    const query = run(
      client(h.gateway.url),
      `query($p: ObjectId!) { project(id: $p) { atlasId ... @defer { pipelines(first: 1) { totalCount } } } }`,
      { p: SEED.projectId },
    );
    await query.done;
    expect(query.results[0]).toEqual({
      data: { project: { atlasId: SEED.projectId } },
      hasNext: true,
    });
    expect(query.results.at(-1)).toMatchObject({
      incremental: [{ data: { pipelines: { totalCount: expect.any(Number) } } }],
      hasNext: false,
    });
  });

  it('applies the operation limits before any upstream call', async () => {
    const deep = `{ project(id: "${SEED.projectId}") { pipelines { nodes { runs { nodes { stats { numDocs } } } } } } }`;
    const query = run(client(h.gateway.url), deep);
    const error = await query.done.then(
      () => undefined,
      (errors) => errors,
    );
    expect(error).toEqual([
      expect.objectContaining({
        message: 'Query depth limit of 6 exceeded, found 7.',
        extensions: expect.objectContaining({ code: 'OPERATION_LIMIT', limit: 'depth' }),
      }),
    ]);
    expect(h.upstream()).toEqual([]);
  });

  it('closes a socket that does not speak graphql-transport-ws with 4406', async () => {
    const socket = new WebSocket(wsUrl(h.gateway.url));
    const closed = await new Promise<number>((resolve) => socket.on('close', resolve));
    expect(closed).toBe(4406);
  });
});

describe('the Origin of a WebSocket upgrade', () => {
  /** The status the upgrade is answered with: 101 when the socket opens. */
  const upgrade = (gatewayUrl: string, origin?: string) =>
    new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(wsUrl(gatewayUrl), 'graphql-transport-ws', { origin });
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_, response) => resolve(response.statusCode ?? 0));
      socket.on('error', reject);
    });

  it("opens for the gateway's own origin and for clients that send none; refuses another site's page", async () => {
    expect(await upgrade(h.gateway.url, h.gateway.url)).toBe(101);
    expect(await upgrade(h.gateway.url)).toBe(101);
    expect(await upgrade(h.gateway.url, 'https://elsewhere.example')).toBe(403);
    expect(await upgrade(h.gateway.url, 'null')).toBe(403);
    expect(await upgrade(h.gateway.url, h.gateway.url.replace(/:\d+$/, ':1'))).toBe(403);
    expect(h.upstream()).toEqual([]);
  });

  it('opens for the origins CORS_ORIGINS allows, and only those', async () => {
    const cors = await startHarness({ env: { CORS_ORIGINS: 'https://app.example.com' } });
    try {
      expect(await upgrade(cors.gateway.url, 'https://app.example.com')).toBe(101);
      expect(await upgrade(cors.gateway.url, 'https://other.example.com')).toBe(403);
    } finally {
      await cors.close();
    }
  });
});

describe('graphql-ws with AUTH_MODE=jwt', () => {
  it("takes the caller from connection_init's Authorization: refuses a bad token, scopes a good one", async () => {
    const jwt = await startHarness({ env: JWT_ENV });
    try {
      const closeCode = (connectionParams?: Record<string, unknown>) =>
        new Promise<number>((resolve) => {
          const refused = wsClient(jwt.gateway.url, {
            connectionParams,
            on: { closed: (event) => resolve((event as { code: number }).code) },
          });
          run(refused, '{ __typename }').done.catch(() => {});
        });
      expect(await closeCode()).toBe(4403);
      expect(await closeCode({ Authorization: 'Bearer not-a-jwt' })).toBe(4403);
      const expired = await signToken({ projects: [SEED.projectId], expiresIn: -120 });
      expect(await closeCode({ Authorization: `Bearer ${expired}` })).toBe(4403);

      const token = await signToken({ projects: [SEED.projectId] });
      const socket = wsClient(jwt.gateway.url, {
        connectionParams: { Authorization: `Bearer ${token}` },
      });
      try {
        const allowed = run(socket, 'query($p: ObjectId!) { project(id: $p) { atlasId } }', {
          p: SEED.projectId,
        });
        await allowed.done;
        expect(allowed.results).toEqual([{ data: { project: { atlasId: SEED.projectId } } }]);
        jwt.resetUpstream();
        const foreign = run(socket, 'query($p: ObjectId!) { project(id: $p) { atlasId } }', {
          p: SEED.neighbourProjectId,
        });
        await foreign.done;
        expect(foreign.results[0].errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
        expect(jwt.upstream()).toEqual([]);
      } finally {
        await socket.dispose();
      }
    } finally {
      await jwt.close();
    }
  });
});

describe('graphql-ws with the response cache on', () => {
  it('answers queries afresh over the socket, and HTTP hits stay as they were', async () => {
    const cached = await startHarness({ env: { CACHE_TTL_MS: '60000' } });
    const socket = wsClient(cached.gateway.url);
    try {
      const query = 'query($p: ObjectId!) { project(id: $p) { pipelines { totalCount } } }';
      const variables = { p: SEED.projectId };
      for (let i = 0; i < 2; i++) {
        const answer = run(socket, query, variables);
        await answer.done;
        expect(answer.results).toEqual([
          { data: { project: { pipelines: { totalCount: SEED.pipelines.all.length } } } },
        ]);
      }
      expect(cached.upstream()).toHaveLength(2);
      await cached.graphql(query, variables);
      cached.resetUpstream();
      const hit = await cached.graphql(query, variables);
      expect(hit.headers.get('cache-control')).toBe('private, max-age=60');
      expect(cached.upstream()).toEqual([]);
    } finally {
      await socket.dispose();
      await cached.close();
    }
  });
});

describe('graphql-ws with TRUSTED_DOCUMENTS=only', () => {
  it('runs a trusted document named by its hash, and nothing else', async () => {
    const trusted = await startHarness({ env: { TRUSTED_DOCUMENTS: 'only' } });
    const socket = wsClient(trusted.gateway.url);
    try {
      const dashboard = buildManifest().operations.find((o) => o.name === 'ProjectDashboard')!;
      const byHash = await collect(socket, {
        query: '',
        variables: { projectId: SEED.projectId },
        extensions: { persistedQuery: { version: 1, sha256Hash: dashboard.id } },
      });
      expect(byHash.results[0].data.project.atlasId).toBe(SEED.projectId);

      trusted.resetUpstream();
      const byText = await collect(socket, {
        query: 'query($p: ObjectId!) { project(id: $p) { atlasId } }',
        variables: { p: SEED.projectId },
      });
      const unknown = await collect(socket, {
        query: '',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
      });
      for (const refused of [byText, unknown])
        expect(refused.errors.map((e: any) => e.extensions.code)).toEqual([
          'PERSISTED_QUERY_NOT_FOUND',
        ]);
      expect(trusted.upstream()).toEqual([]);
    } finally {
      await socket.dispose();
      await trusted.close();
    }
  });
});

/** Sends a raw subscribe payload (extensions included) and gathers its results or errors. */
function collect(socket: Client, payload: SubscribePayload) {
  const results: any[] = [];
  return new Promise<{ results: any[]; errors: any[] }>((resolve) =>
    socket.subscribe(payload, {
      next: (result) => results.push(result),
      error: (errors) => resolve({ results, errors: errors as any[] }),
      complete: () => resolve({ results, errors: [] }),
    }),
  );
}

describe('graphql-ws at shutdown', () => {
  it('ends subscriptions with complete, then closes the sockets', async () => {
    const own = await startHarness({ simulator: { runDurationMs: 60_000 } });
    // Not lazy: the client keeps its socket open with no operation, so the server is the one closing it.
    const socket = wsClient(own.gateway.url, { lazy: false, onNonLazyError: () => {} });
    const closes: number[] = [];
    socket.on('closed', (event) => closes.push((event as { code: number }).code));
    try {
      const { id } = await triggerRun(own);
      const watch = run(socket, WATCH_RUN, { id });
      await watch.waitFor(1);
      await own.close();
      await watch.done;
      expect(closes).toEqual([1001]);
    } finally {
      await socket.dispose();
    }
  });
});
