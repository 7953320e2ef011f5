import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';
import { serviceAccountToken } from '../support/service-account-token.ts';
import { useHarness } from '../support/shared-harness.ts';

/** Issue 15: identical reads in flight under one credential are sent once (docs/upstream.md). */
const p = SEED.projectId;
const PIPELINE = `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.small}") { name state } } }`;
const PIPELINE_PATH = `GET /groups/${p}/pipelines/${SEED.pipelines.small}`;

describe('one credential', () => {
  const h = useHarness({ simulator: { latencyMs: 150 } });

  it('sends identical reads of concurrent operations once, and every caller gets the answer', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => h.graphql(PIPELINE, { p })));
    for (const { body } of answers) {
      expect(body.errors).toBeUndefined();
      expect(body.data!.project.pipeline.name).toBe(SEED.pipelines.small);
    }
    expect(calls(h.upstream())).toEqual([PIPELINE_PATH]);
    const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/^atlas_upstream_coalesced_calls_total 5$/m);
  });

  it('reads again once the shared call has settled: only calls in flight are shared', async () => {
    await h.graphql(PIPELINE, { p });
    await h.graphql(PIPELINE, { p });
    expect(calls(h.upstream())).toEqual([PIPELINE_PATH, PIPELINE_PATH]);
  });

  it('goes on for the others when the caller who started the call goes away', async () => {
    const leaving = new AbortController();
    const first = fetch(`${h.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PIPELINE, variables: { p } }),
      signal: leaving.signal,
    }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const second = h.graphql(PIPELINE, { p });
    await new Promise((resolve) => setTimeout(resolve, 20));
    leaving.abort();
    expect(await first).toBeInstanceOf(Error);
    const { body } = await second;
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.pipeline.name).toBe(SEED.pipelines.small);
    expect(h.upstream().map((r) => [r.method, r.status])).toEqual([['GET', 200]]);
  });

  it('never shares writes: identical concurrent deletes are each sent', async () => {
    const DELETE = `mutation($input: DeleteClusterSnapshotInput!) { deleteClusterSnapshot(input: $input) { __typename } }`;
    const input = {
      projectId: p,
      clusterName: SEED.clusters.replicaSet,
      snapshotId: SEED.snapshots.onDemand,
    };
    const answers = await Promise.all([h.graphql(DELETE, { input }), h.graphql(DELETE, { input })]);
    expect(answers.map(({ body }) => body.data!.deleteClusterSnapshot.__typename).sort()).toEqual([
      'DeleteClusterSnapshotSuccess',
      'NotFoundError',
    ]);
    expect(h.upstream().filter((r) => r.method === 'DELETE')).toHaveLength(2);
  });
});

describe('AUTH_MODE=forward', () => {
  const ACCOUNT = { clientId: 'mdb_sa_id_coalesce', clientSecret: 'mdb_sa_sk_coalesce-secret' };
  let h: Harness;
  const tokens: string[] = [];
  beforeAll(async () => {
    h = await startHarness({
      simulator: { serviceAccount: ACCOUNT, latencyMs: 150 },
      env: { AUTH_MODE: 'forward' },
    });
    for (let i = 0; i < 2; i++) tokens.push(await serviceAccountToken(h.simulator.url, ACCOUNT));
  });
  afterAll(() => h.close());
  beforeEach(() => h.resetUpstream());

  it('never shares a read between credentials, and shares it within one', async () => {
    const [a, b] = tokens as [string, string];
    expect(a).not.toBe(b);
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const answers = await Promise.all([
      h.graphql(PIPELINE, { p }, as(a)),
      h.graphql(PIPELINE, { p }, as(b)),
      h.graphql(PIPELINE, { p }, as(a)),
    ]);
    for (const { body } of answers) expect(body.errors).toBeUndefined();
    expect(
      h
        .upstream()
        .map((r) => r.headers.authorization)
        .sort(),
    ).toEqual([`Bearer ${a}`, `Bearer ${b}`].sort());
  });
});
