import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const runsPath = (name: string) =>
  `/groups/${SEED.projectId}/pipelines/${encodeURIComponent(name)}/runs`;

const RUNS = /* GraphQL */ `
  query Runs($projectId: ObjectId!, $name: String!, $first: Int, $after: String, $last: Int, $before: String, $createdBefore: DateTime) {
    project(id: $projectId) {
      pipeline(name: $name) {
        runs(first: $first, after: $after, last: $last, before: $before, createdBefore: $createdBefore) {
          edges { cursor node { atlasId createdDate } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
    }
  }
`;
const RUNS_WITH_COUNT = RUNS.replace('pageInfo {', 'totalCount pageInfo {');

type Runs = {
  edges: { cursor: string; node: { atlasId: string; createdDate: string } }[];
  pageInfo: any;
  totalCount?: number;
};
async function runs(variables: Record<string, unknown>, query = RUNS): Promise<Runs> {
  const { body } = await h.graphql(query, {
    projectId: SEED.projectId,
    name: SEED.pipelines.big,
    ...variables,
  });
  expect(body.errors).toBeUndefined();
  return body.data!.project.pipeline.runs;
}

/** The big pipeline's runs, newest first, read straight from the simulator as the reference. */
async function allBigRuns(): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= 3; page++) {
    const response = await fetch(
      `${h.simulator.url}/api/atlas/v2${runsPath(SEED.pipelines.big)}?pageNum=${page}&itemsPerPage=500`,
      {
        headers: { accept: 'application/vnd.atlas.2023-01-01+json' },
      },
    );
    ids.push(...((await response.json()) as any).results.map((r: any) => r._id));
  }
  return ids;
}

describe('connections over Atlas page numbers', () => {
  it('defaults to 20 items in one request and omits the count unless totalCount is selected', async () => {
    const page = await runs({});
    expect(page.edges).toHaveLength(20);
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${SEED.projectId}/pipelines/${SEED.pipelines.big}`,
      `GET ${runsPath(SEED.pipelines.big)}?pageNum=1&itemsPerPage=20&includeCount=false`,
    ]);
    h.resetUpstream();
    const counted = await runs({ first: 2 }, RUNS_WITH_COUNT);
    expect(counted.totalCount).toBe(SEED.runCounts.big);
    expect(calls(h.upstream()).at(-1)).toBe(
      `GET ${runsPath(SEED.pipelines.big)}?pageNum=1&itemsPerPage=2&includeCount=true`,
    );
  });

  it('pages forward across the 500-item limit with the fewest aligned requests, keeping upstream order', async () => {
    const reference = await allBigRuns();
    h.resetUpstream();
    const first = await runs({ first: 10 });
    h.resetUpstream();
    const next = await runs({ first: 500, after: first.pageInfo.endCursor });
    expect(calls(h.upstream()).slice(1)).toEqual([
      `GET ${runsPath(SEED.pipelines.big)}?pageNum=1&itemsPerPage=255&includeCount=false`,
      `GET ${runsPath(SEED.pipelines.big)}?pageNum=2&itemsPerPage=255&includeCount=false`,
    ]);
    expect(next.edges.map((e) => e.node.atlasId)).toEqual(reference.slice(10, 510));
    expect(next.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    // Walk to the end: every run exactly once, and the last page says so.
    const seen = [...first.edges, ...next.edges].map((e) => e.node.atlasId);
    let cursor = next.pageInfo.endCursor;
    for (;;) {
      const page = await runs({ first: 500, after: cursor });
      seen.push(...page.edges.map((e) => e.node.atlasId));
      cursor = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(reference);
  });

  it('answers `last` alone with the count request, then one aligned request for the tail', async () => {
    const reference = await allBigRuns();
    h.resetUpstream();
    const tail = await runs({ last: 3 });
    expect(calls(h.upstream()).slice(1)).toEqual([
      `GET ${runsPath(SEED.pipelines.big)}?pageNum=1&itemsPerPage=100&includeCount=true`,
      `GET ${runsPath(SEED.pipelines.big)}?pageNum=400&itemsPerPage=3&includeCount=false`,
    ]);
    expect(tail.edges.map((e) => e.node.atlasId)).toEqual(reference.slice(-3));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    // Backwards from there with `before`: one request, no count needed, widened by the cursor's own item.
    h.resetUpstream();
    const previous = await runs({ last: 5, before: tail.pageInfo.startCursor });
    expect(previous.edges.map((e) => e.node.atlasId)).toEqual(reference.slice(-8, -3));
    expect(calls(h.upstream()).slice(1)).toEqual([
      `GET ${runsPath(SEED.pipelines.big)}?pageNum=150&itemsPerPage=8&includeCount=false`,
    ]);
  });

  it('answers `last` on a short list from the first page alone', async () => {
    const { body } = await h.graphql(RUNS, {
      projectId: SEED.projectId,
      name: SEED.pipelines.small,
      last: 2,
    });
    expect(body.data!.project.pipeline.runs.edges.map((e: any) => e.node.atlasId)).toEqual([
      SEED.runs.smallMiddle,
      SEED.runs.smallOldest,
    ]);
    expect(calls(h.upstream()).slice(1)).toEqual([
      `GET ${runsPath(SEED.pipelines.small)}?pageNum=1&itemsPerPage=100&includeCount=true`,
    ]);
  });

  it('never slides a `last` window at the size cap nor turns a stale cursor into a negative limit', async () => {
    const reference = await allBigRuns();
    const capped = await runs({
      last: 500,
      before: (await runs({ first: 1, after: undefined })).edges[0]!.cursor,
    });
    expect(capped.edges).toEqual([]);
    expect(capped.pageInfo.hasPreviousPage).toBe(false);

    const atTen = (await runs({ first: 10 })).pageInfo.endCursor; // offset 9
    const window = await runs({ last: 500, before: atTen });
    expect(window.edges.map((e) => e.node.atlasId)).toEqual(reference.slice(0, 9));

    const near = await runs({ first: 3 });
    const inverted = await runs({
      first: 5,
      after: near.pageInfo.endCursor,
      before: near.edges[0]!.cursor,
    });
    expect(inverted.edges).toEqual([]);
  });

  it('filters with createdBefore as a canonical instant, and keys cursors by the filter', async () => {
    const page = await runs({ first: 2, createdBefore: '2025-05-20T12:00:00+02:00' });
    expect(calls(h.upstream()).at(-1)).toBe(
      `GET ${runsPath(SEED.pipelines.big)}?pageNum=1&itemsPerPage=2&includeCount=false&createdBefore=2025-05-20T10%3A00%3A00.000Z`,
    );
    for (const edge of page.edges)
      expect(Date.parse(edge.node.createdDate)).toBeLessThan(Date.parse('2025-05-20T10:00:00Z'));
    h.resetUpstream();
    const { body } = await h.graphql(RUNS, {
      projectId: SEED.projectId,
      name: SEED.pipelines.big,
      after: page.pageInfo.endCursor,
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(calls(h.upstream())).not.toContainEqual(expect.stringContaining('/runs?'));
  });

  it('pages the unpaged pipeline list in the gateway, fetching it once', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) {
        a: pipelines(first: 2) { totalCount nodes { name } pageInfo { endCursor hasNextPage } }
        b: pipelines(last: 2) { nodes { name } pageInfo { hasPreviousPage hasNextPage } }
      } }`,
      { p: SEED.projectId },
    );
    expect(body.data!.project.a).toEqual({
      totalCount: SEED.pipelines.all.length,
      nodes: SEED.pipelines.all.slice(0, 2).map((name) => ({ name })),
      pageInfo: { endCursor: expect.any(String), hasNextPage: true },
    });
    expect(body.data!.project.b.nodes.map((p: any) => p.name)).toEqual(
      SEED.pipelines.all.slice(-2),
    );
    expect(body.data!.project.b.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: false });
    expect(calls(h.upstream())).toEqual([`GET /groups/${SEED.projectId}/pipelines`]);
    h.resetUpstream();
    const after = await h.graphql(
      `query($p: ObjectId!, $a: String) { project(id: $p) { pipelines(first: 10, after: $a) { nodes { name } } } }`,
      {
        p: SEED.projectId,
        a: body.data!.project.a.pageInfo.endCursor,
      },
    );
    expect(after.body.data!.project.pipelines.nodes.map((p: any) => p.name)).toEqual(
      SEED.pipelines.all.slice(2),
    );
  });
});

describe('connection arguments are checked before any upstream call', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['first and last together', { first: 1, last: 1 }, 'first'],
    ['first above 500', { first: 501 }, 'first'],
    ['negative last', { last: -1 }, 'last'],
    ['a forged cursor', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ['a cursor with bad characters', { before: '!!!' }, 'before'],
  ];
  it.each(cases)('%s is BAD_USER_INPUT', async (_, variables, argument) => {
    const { body } = await h.graphql(RUNS, {
      projectId: SEED.projectId,
      name: SEED.pipelines.big,
      ...variables,
    });
    // Refused before execution (src/plugins/argument-checks.ts): not even the by-name pipeline is fetched.
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(calls(h.upstream())).toEqual([]);
  });

  it('refuses a cursor of another collection', async () => {
    const other = await h.graphql(RUNS, {
      projectId: SEED.projectId,
      name: SEED.pipelines.small,
      first: 1,
    });
    h.resetUpstream();
    const { body } = await h.graphql(RUNS, {
      projectId: SEED.projectId,
      name: SEED.pipelines.big,
      after: other.body.data!.project.pipeline.runs.pageInfo.endCursor,
    });
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(calls(h.upstream()).filter((c) => c.includes('/runs'))).toEqual([]);
  });
});
