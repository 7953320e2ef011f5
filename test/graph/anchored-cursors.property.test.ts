import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import type { Project } from '../../src/simulator/store.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

/**
 * Anchored cursors (docs/graph.md "Cursors"): whatever Atlas adds to or removes from a list between two
 * pages, a forward or backward walk never repeats an item nor skips one that stayed in the list. The
 * simulator's store is changed directly between pages, for every list kind the graph pages upstream.
 */
// Walks make many calls in a short time: the gateway's per-project budget is not what is tested here.
const h = useHarness({
  env: { UPSTREAM_PROJECT_RATE_PER_MINUTE: '1000000', UPSTREAM_PROJECT_BURST: '1000000' },
});

const P = SEED.projectId;
/** Lists are cut to this many items first, so that a walk takes a few pages of a few items. */
const START_LENGTH = 24;

/** A list of the simulator's store, seen as an ordered array of keyed items however it is held. */
interface ListKind {
  name: string;
  /** The connection field under `project(id: P)`, taking `$args`; its nodes select `key`. */
  field: string;
  key: string;
  read(project: Project): unknown[];
  write(project: Project, items: unknown[]): void;
  /** A new item like `item`, with a key never seen before. */
  clone(item: unknown, fresh: string): unknown;
  keyOf(item: unknown): string;
}

const byId = (item: unknown) => (item as { id: string }).id;
const withId = (item: unknown, fresh: string) => ({ ...(item as object), id: fresh });
const arrayKind = (
  name: string,
  field: string,
  list: (project: Project) => { items: unknown[] },
): ListKind => ({
  name,
  field,
  key: 'atlasId',
  read: (project) => list(project).items,
  write: (project, items) => {
    list(project).items = items;
  },
  clone: withId,
  keyOf: byId,
});
// Each array is reached through an object holding it, so that it can be replaced.
const cluster = (p: Project) => p.clusters.get(SEED.clusters.replicaSet)!;
const serverless = (p: Project) => p.serverless.get(SEED.serverless.main)!;
const flex = (p: Project) => p.flex.get(SEED.flex.main)!;
const holder = <T extends object, K extends keyof T>(owner: T, key: K) => ({
  get items() {
    return owner[key] as unknown[];
  },
  set items(value: unknown[]) {
    owner[key] = value as T[K];
  },
});

const KINDS: ListKind[] = [
  arrayKind(
    'pipeline runs',
    `pipeline(name: "${SEED.pipelines.big}") { list: runs($args) { $nodes } }`,
    (p) => holder(p.pipelines.find((x) => x.name === SEED.pipelines.big)!, 'runs'),
  ),
  arrayKind(
    'export jobs',
    `cluster(name: "${SEED.clusters.replicaSet}") { list: exportJobs($args) { $nodes } }`,
    (p) => holder(cluster(p), 'exportJobs'),
  ),
  arrayKind(
    'serverless restore jobs',
    `serverlessInstance(name: "${SEED.serverless.main}") { list: restoreJobs($args) { $nodes } }`,
    (p) => holder(serverless(p), 'restoreJobs'),
  ),
  arrayKind(
    'Flex restore jobs',
    `flexCluster(name: "${SEED.flex.main}") { list: restoreJobs($args) { $nodes } }`,
    (p) => holder(flex(p), 'restoreJobs'),
  ),
  arrayKind(
    'cluster restore jobs',
    `cluster(name: "${SEED.clusters.replicaSet}") { list: restoreJobs($args) { $nodes } }`,
    (p) => holder(cluster(p), 'restoreJobs'),
  ),
  arrayKind(
    'serverless snapshots',
    `serverlessInstance(name: "${SEED.serverless.main}") { list: snapshots($args) { $nodes } }`,
    (p) => holder(serverless(p), 'snapshots'),
  ),
  arrayKind(
    'cluster snapshots',
    `cluster(name: "${SEED.clusters.replicaSet}") { list: snapshots($args) { $nodes } }`,
    (p) => holder(cluster(p), 'snapshots'),
  ),
  arrayKind(
    'Flex snapshots',
    `flexCluster(name: "${SEED.flex.main}") { list: snapshots($args) { $nodes } }`,
    (p) => holder(flex(p), 'snapshots'),
  ),
  {
    name: 'clusters',
    field: 'list: clusters($args) { $nodes }',
    key: 'name',
    read: (p) => [...p.clusters.values()],
    write: (p, items) => {
      p.clusters = new Map(items.map((c) => [(c as { name: string }).name, c as never]));
    },
    clone: (item, fresh) => ({ ...(item as object), name: `Added-${fresh.slice(-8)}` }),
    keyOf: (item) => (item as { name: string }).name,
  },
];

interface Page {
  nodes: Record<string, string>[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** The connection aliased `list`, wherever it is under the project. */
function listIn(data: unknown): Page {
  const record = data as Record<string, unknown>;
  if ('list' in record) return record.list as Page;
  for (const value of Object.values(record)) {
    if (typeof value === 'object' && value !== null) return listIn(value);
  }
  throw new Error('No list in the answer.');
}

const fresh = (() => {
  let n = 0;
  return () => (0xe00000000000 + n++).toString(16).padStart(24, 'e');
})();

/** What happens to a list between two pages: items added (as copies of item `at`) or removed. */
type Change = { add: boolean; at: number };
const changesArb = fc.array(fc.record({ add: fc.boolean(), at: fc.nat({ max: 1000 }) }), {
  maxLength: 4,
});

function applyChanges(kind: ListKind, changes: Change[], keep: ReadonlySet<string>) {
  const project = h.simulator.world().projects.get(P)!;
  const items = [...kind.read(project)];
  for (const { add, at } of changes) {
    if (items.length === 0) break;
    const index = at % items.length;
    if (add) items.splice(index, 0, kind.clone(items[index], fresh()));
    else if (!keep.has(kind.keyOf(items[index]))) items.splice(index, 1);
  }
  kind.write(project, items);
}

/** The list as Atlas orders it now, read through the gateway with one big page. */
async function listed(kind: ListKind): Promise<string[]> {
  const { body } = await h.graphql(query(kind), { first: 500 });
  expect(body.errors).toBeUndefined();
  return listIn(body.data).nodes.map((node) => node[kind.key]!);
}

const query = (kind: ListKind) =>
  `query($first: Int, $after: String, $last: Int, $before: String) { project(id: "${P}") { ${kind.field
    .replace('$args', 'first: $first, after: $after, last: $last, before: $before')
    .replace(
      '$nodes',
      `nodes { ${kind.key} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`,
    )} } }`;

function cut(kind: ListKind, order: string[]) {
  const project = h.simulator.world().projects.get(P)!;
  const kept = new Set(order.slice(0, START_LENGTH));
  kind.write(
    project,
    kind.read(project).filter((item) => kept.has(kind.keyOf(item))),
  );
}

describe.each(KINDS)('anchored cursors over $name', (kind) => {
  it.each(['forward', 'backward'] as const)(
    'a %s walk never repeats an item nor skips one that stayed',
    async (direction) => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 6 }),
          fc.array(changesArb, { minLength: 12, maxLength: 12 }),
          async (size, steps) => {
            h.simulator.reset();
            cut(kind, await listed(kind));
            const before = await listed(kind);
            const removed = new Set<string>();
            const seen: string[] = [];
            let cursor: string | null = null;
            for (let page = 0; ; page++) {
              const variables: Record<string, unknown> =
                direction === 'forward'
                  ? { first: size, after: cursor }
                  : { last: size, before: cursor };
              const answer = await h.graphql(query(kind), variables);
              expect(answer.body.errors).toBeUndefined();
              const list: Page = listIn(answer.body.data);
              const keys: string[] = list.nodes.map((node) => node[kind.key]!);
              seen.push(...(direction === 'forward' ? keys : [...keys].reverse()));
              const more =
                direction === 'forward' ? list.pageInfo.hasNextPage : list.pageInfo.hasPreviousPage;
              if (!more || keys.length === 0) break;
              expect(page).toBeLessThan(60);
              cursor =
                direction === 'forward' ? list.pageInfo.endCursor : list.pageInfo.startCursor;
              // The cursor's own item stays: a cursor whose item is gone falls back to its offset.
              const anchor = direction === 'forward' ? keys.at(-1) : keys[0];
              const current = await listed(kind);
              applyChanges(kind, steps[page % steps.length]!, new Set([anchor!]));
              const after = new Set(await listed(kind));
              for (const key of current) if (!after.has(key)) removed.add(key);
            }
            expect(new Set(seen).size).toBe(seen.length);
            const stayed = before.filter((key) => !removed.has(key));
            const seenSet = new Set(seen);
            expect(stayed.filter((key) => !seenSet.has(key))).toEqual([]);
          },
        ),
        { numRuns: 4 },
      );
    },
    120_000,
  );
});

describe('anchored cursors cost nothing more when nothing moved', () => {
  const kind = KINDS[0]!;
  it('checks the anchor with the page itself, and finds a moved one with one more request', async () => {
    const first = await h.graphql(query(kind), { first: 3 });
    const cursor = listIn(first.body.data).pageInfo.endCursor;
    const path = `/groups/${P}/pipelines/${SEED.pipelines.big}`;
    h.resetUpstream();
    const still = await h.graphql(query(kind), { first: 3, after: cursor });
    expect(calls(h.upstream())).toEqual([
      `GET ${path}`,
      `GET ${path}/runs?pageNum=1&itemsPerPage=6&includeCount=false`,
    ]);
    // Two runs start: the list moves by two, and the next page still follows the cursor's run.
    const project = h.simulator.world().projects.get(P)!;
    const runs = project.pipelines.find((x) => x.name === SEED.pipelines.big)!.runs;
    const newest = runs.reduce((a, b) => (a.createdAt > b.createdAt ? a : b));
    runs.push(
      { ...newest, id: fresh(), createdAt: newest.createdAt + 1 },
      { ...newest, id: fresh(), createdAt: newest.createdAt + 2 },
    );
    h.resetUpstream();
    const moved = await h.graphql(query(kind), { first: 3, after: cursor });
    expect(listIn(moved.body.data).nodes).toEqual(listIn(still.body.data).nodes);
    expect(calls(h.upstream())).toEqual([
      `GET ${path}`,
      `GET ${path}/runs?pageNum=1&itemsPerPage=6&includeCount=false`,
      `GET ${path}/runs?pageNum=2&itemsPerPage=4&includeCount=false`,
    ]);
  });

  it('falls back to the offset when the cursor item is gone', async () => {
    const first = await h.graphql(query(kind), { first: 3 });
    const { endCursor } = listIn(first.body.data).pageInfo;
    const order = await listed(kind);
    const project = h.simulator.world().projects.get(P)!;
    const pipeline = project.pipelines.find((x) => x.name === SEED.pipelines.big)!;
    pipeline.runs = pipeline.runs.filter((run) => run.id !== order[2]);
    const next = await h.graphql(query(kind), { first: 2, after: endCursor });
    // Offsets as before: the item after offset 2 is now the fifth of the old order.
    expect(listIn(next.body.data).nodes.map((n) => n.atlasId)).toEqual(order.slice(4, 6));
  });
});
