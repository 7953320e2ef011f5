import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defaultBuildResponseCacheKey } from '@envelop/response-cache';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/plugins/csrf-prevention.ts';
import { SEED } from '../../src/simulator/index.ts';
import { JWT_ENV, signToken } from '../security/tokens.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';

const DASHBOARD = readFileSync(
  new URL('../../schema/operations/ProjectDashboard.graphql', import.meta.url),
  'utf8',
);
const TRIGGER = readFileSync(
  new URL('../../schema/operations/TriggerPipelineRun.graphql', import.meta.url),
  'utf8',
);
const FLEX_RESTORES = `query FlexRestores($p: ObjectId!) {
  project(id: $p) { flexCluster(name: "${SEED.flex.main}") { restoreJobs(first: 20) { nodes { ... on FlexRestoreJob { status snapshotUrl } } } } }
}`;
const SMALL_RUNS = `query SmallRuns($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { runs(first: 2) { nodes { atlasId } } } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { CACHE_TTL_MS: '60000' } });
});
afterAll(() => h.close());
beforeEach(() => h.simulator.reset());

describe('response cache (in memory)', () => {
  it('answers a repeated query from the cache, with Cache-Control max-age, and no upstream call', async () => {
    const first = await h.graphql(DASHBOARD, { projectId: SEED.projectId });
    expect(first.body.errors).toBeUndefined();
    expect(h.upstream()).toHaveLength(6);
    expect(first.headers.get('cache-control')).toBe('private, max-age=60');

    h.resetUpstream();
    const second = await h.graphql(DASHBOARD, { projectId: SEED.projectId });
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('cache-control')).toBe('private, max-age=60');
    expect(h.upstream()).toEqual([]);
    // What the client sees carries no cache bookkeeping.
    expect(Object.keys(second.body)).toEqual(['data']);
  });

  it('fills an entry once: identical queries arriving while it is computed wait and are answered from it', async () => {
    h.simulator.injectFault({ path: '*/pipelines/*', delayMs: 150 });
    const executed = async () =>
      Number(
        /^graphql_executions_total\{executor="interpreted"\} (\d+)$/m.exec(
          await (await fetch(`${h.gateway.url}/metrics`)).text(),
        )?.[1],
      );
    const before = await executed();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => h.graphql(SMALL_RUNS, { p: SEED.projectId, n: 1 })),
    );
    for (const { body } of answers) expect(body).toEqual(answers[0]!.body);
    expect(answers[0]!.body.errors).toBeUndefined();
    expect((await executed()) - before).toBe(1);
    expect(h.upstream()).toHaveLength(2);
  });

  it('keeps callers with different Authorization headers apart', async () => {
    await h.graphql(SMALL_RUNS, { p: SEED.projectId }, { authorization: 'Bearer caller-a' });
    h.resetUpstream();
    await h.graphql(SMALL_RUNS, { p: SEED.projectId }, { authorization: 'Bearer caller-b' });
    expect(h.upstream()).toHaveLength(2);
    h.resetUpstream();
    await h.graphql(SMALL_RUNS, { p: SEED.projectId }, { authorization: 'Bearer caller-a' });
    expect(h.upstream()).toEqual([]);
  });

  it("drops a project's cached answers when our mutation changes it, before its payload resolves", async () => {
    const before = await h.graphql(SMALL_RUNS, { p: SEED.projectId });
    const triggered = await h.graphql(TRIGGER, {
      input: {
        projectId: SEED.projectId,
        pipelineName: SEED.pipelines.small,
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      },
    });
    expect(triggered.body.data!.triggerPipelineRun.__typename).toBe('TriggerPipelineRunSuccess');
    expect(triggered.headers.get('cache-control')).toBe('private, no-store');

    h.resetUpstream();
    const after = await h.graphql(SMALL_RUNS, { p: SEED.projectId });
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${SEED.projectId}/pipelines/${SEED.pipelines.small}`,
      `GET /groups/${SEED.projectId}/pipelines/${SEED.pipelines.small}/runs?pageNum=1&itemsPerPage=2&includeCount=false`,
    ]);
    const newest = after.body.data!.project.pipeline.runs.nodes[0].atlasId;
    expect(newest).toBe(triggered.body.data!.triggerPipelineRun.run.atlasId);
    expect(newest).not.toBe(before.body.data!.project.pipeline.runs.nodes[0].atlasId);
  });

  it('never caches a response holding signed URLs', async () => {
    const first = await h.graphql(FLEX_RESTORES, { p: SEED.projectId });
    expect(first.body.errors).toBeUndefined();
    expect(
      first.body.data!.project.flexCluster.restoreJobs.nodes.some(
        (n: any) => typeof n.snapshotUrl === 'string',
      ),
    ).toBe(true);
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    expect([first.headers.get('etag'), first.headers.get('last-modified')]).toEqual([null, null]);
    h.resetUpstream();
    await h.graphql(FLEX_RESTORES, { p: SEED.projectId });
    expect(h.upstream()).toHaveLength(1);
  });

  it('counts hits and misses in /metrics', async () => {
    const text = await (await fetch(`${h.gateway.url}/metrics`)).text();
    const hits = Number(/^graphql_response_cache_total\{result="hit"\} (\d+)$/m.exec(text)?.[1]);
    const misses = Number(/^graphql_response_cache_total\{result="miss"\} (\d+)$/m.exec(text)?.[1]);
    expect(hits).toBeGreaterThanOrEqual(2);
    expect(misses).toBeGreaterThanOrEqual(4);
  });
});

describe('response cache with JWT callers', () => {
  it('gives browsers nothing to mix accounts with: no validators, Vary: Authorization, no 304', async () => {
    const jwt = await startHarness({
      env: {
        CACHE_TTL_MS: '60000',
        ...JWT_ENV,
      },
    });
    try {
      const url = `${jwt.gateway.url}/graphql?query=${encodeURIComponent(SMALL_RUNS)}&variables=${encodeURIComponent(JSON.stringify({ p: SEED.projectId }))}`;
      const get = (headers: Record<string, string>) =>
        fetch(url, {
          headers: { accept: 'application/graphql-response+json', [CSRF_HEADER]: '1', ...headers },
        });
      const a = { authorization: `Bearer ${await signToken({ projects: [SEED.projectId] })}` };
      const b = { authorization: `Bearer ${await signToken({ projects: [SEED.emptyProjectId] })}` };
      for (let i = 0; i < 2; i++) {
        const answer = await get(a);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('cache-control')).toBe('private, max-age=60');
        expect(answer.headers.get('vary')).toMatch(/Authorization/);
        expect([answer.headers.get('etag'), answer.headers.get('last-modified')]).toEqual([
          null,
          null,
        ]);
      }
      // A's answer is cached under this key (the library's own key function, for A's session): a
      // browser replaying it as a validator, for A or for B, gets a full answer checked for the caller.
      const key = defaultBuildResponseCacheKey({
        documentString: SMALL_RUNS,
        variableValues: { p: SEED.projectId },
        operationName: undefined,
        sessionId: `${jwt.gateway.gateway.client.authenticator.credentialKey}|${createHash('sha256').update(a.authorization).digest('base64url')}`,
      } as Parameters<typeof defaultBuildResponseCacheKey>[0]);
      const revalidated = await get({ ...a, 'if-none-match': await key });
      expect(revalidated.status).toBe(200);
      const other = await get({
        ...b,
        'if-none-match': await key,
        'if-modified-since': new Date().toUTCString(),
      });
      expect(other.status).toBe(200);
      expect(
        ((await other.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!
          .extensions.code,
      ).toBe('FORBIDDEN');
    } finally {
      await jwt.close();
    }
  });

  it('never answers a caller whose token has expired since its answer was cached', async () => {
    const jwt = await startHarness({
      env: {
        CACHE_TTL_MS: '60000',
        ...JWT_ENV,
      },
    });
    try {
      // The verifier allows 30 s of clock skew: a token that expired 28 s ago is still good for a moment.
      const token = await signToken({ projects: [SEED.projectId], expiresIn: -28 });
      const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())
        .exp as number;
      const asCaller = { authorization: `Bearer ${token}` };
      const first = await jwt.graphql(SMALL_RUNS, { p: SEED.projectId }, asCaller);
      expect(first.body.errors).toBeUndefined();
      const cached = await jwt.graphql(SMALL_RUNS, { p: SEED.projectId }, asCaller);
      expect(cached.headers.get('cache-control')).toMatch(/max-age/);

      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, (exp + 31) * 1000 - Date.now())),
      );
      const refused = await jwt.graphql(SMALL_RUNS, { p: SEED.projectId }, asCaller);
      expect(refused.status).toBe(401);
      expect(refused.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    } finally {
      await jwt.close();
    }
  });
});
