import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { buildSchema, GraphQLObjectType, getNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import type { Project, World } from '../../src/simulator/store.ts';
import { JWT_ENV, signToken } from '../security/tokens.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

/**
 * Anchored cursors (docs/graph.md "Cursors"): whatever Atlas adds to or removes from a list between two
 * pages, a forward or backward walk never repeats an item nor skips one that stayed in the list, and a
 * page costs no more calls than it would have had nothing moved (at most two more when its cursor's item
 * moved).
 *
 * Every connection of the schema is walked: the lists of the simulator's store (KINDS), paged upstream
 * or fetched whole (the pipelines) and changed directly between pages, and the root `projects` of a
 * caller limited to the projects of its token's claim (AUTH_MODE=jwt), changed by a new token.
 */
// Walks make many calls in a short time: the gateway's per-project budget is not what is tested here.
const h = useHarness({
  env: { UPSTREAM_PROJECT_RATE_PER_MINUTE: '1000000', UPSTREAM_PROJECT_BURST: '1000000' },
});

const P = SEED.projectId;
/** Lists are cut or grown to this many items first, so that a walk takes a few pages of a few items. */
const START_LENGTH = 24;

/** A list of the simulator's store, seen as an ordered array of keyed items however it is held. */
interface ListKind {
  /** The connection field's schema coordinate. */
  name: string;
  /** The connection field, under `project(id: P)` or the root when `root`, taking `$args`. */
  field: string;
  root?: boolean;
  /** Fetched whole and paged by the gateway: finding a moved item costs no call. */
  whole?: boolean;
  /** What its nodes select: the items' key. */
  key: string;
  read(world: World): unknown[];
  write(world: World, items: unknown[]): void;
  /** A new item like `item`, with a key never seen before. */
  clone(item: unknown, fresh: string): unknown;
  keyOf(item: unknown): string;
}

const byId = (item: unknown) => (item as { id: string }).id;
const withId = (item: unknown, fresh: string) => ({ ...(item as object), id: fresh });
const byName = (item: unknown) => (item as { name: string }).name;
const withName = (item: unknown, fresh: string) => ({
  ...(item as object),
  name: `Added-${fresh.slice(-8)}`,
});
const project = (world: World) => world.projects.get(P)!;
const arrayKind = (
  name: string,
  field: string,
  list: (project: Project) => { items: unknown[] },
): ListKind => ({
  name,
  field,
  key: 'atlasId',
  read: (world) => list(project(world)).items,
  write: (world, items) => {
    list(project(world)).items = items;
  },
  clone: withId,
  keyOf: byId,
});
/** A list Atlas keys by name, held as a map of the project. */
const namedKind = (
  name: string,
  field: string,
  map: (project: Project) => { items: Map<string, unknown> },
): ListKind => ({
  name,
  field,
  key: 'name',
  read: (world) => [...map(project(world)).items.values()],
  write: (world, items) => {
    map(project(world)).items = new Map(items.map((item) => [byName(item), item]));
  },
  clone: withName,
  keyOf: byName,
});
// Each array is reached through an object holding it, so that it can be replaced.
const cluster = (p: Project) => p.clusters.get(SEED.clusters.replicaSet)!;
const serverless = (p: Project) => p.serverless.get(SEED.serverless.main)!;
const flex = (p: Project) => p.flex.get(SEED.flex.main)!;
const sourceCluster = (p: Project, pipeline: string) =>
  p.clusters.get(p.pipelines.find((x) => x.name === pipeline)!.source.clusterName)!;
const holder = <T extends object, K extends keyof T>(owner: T, key: K) => ({
  get items() {
    return owner[key];
  },
  set items(value: T[K]) {
    owner[key] = value;
  },
});

/** The root `projects`: every project the credential sees, in Atlas's order. */
const PROJECTS: ListKind = {
  name: 'Query.projects',
  field: 'list: projects($args) { $nodes }',
  root: true,
  key: 'atlasId',
  read: (world) => [...world.projects.values()],
  write: (world, items) => {
    world.projects = new Map(items.map((item) => [byId(item), item as Project]));
  },
  clone: withId,
  keyOf: byId,
};

const KINDS: ListKind[] = [
  arrayKind(
    'Pipeline.runs',
    `pipeline(name: "${SEED.pipelines.big}") { list: runs($args) { $nodes } }`,
    (p) => holder(p.pipelines.find((x) => x.name === SEED.pipelines.big)!, 'runs'),
  ),
  arrayKind(
    'Cluster.exportJobs',
    `cluster(name: "${SEED.clusters.replicaSet}") { list: exportJobs($args) { $nodes } }`,
    (p) => holder(cluster(p), 'exportJobs'),
  ),
  arrayKind(
    'ServerlessInstance.restoreJobs',
    `serverlessInstance(name: "${SEED.serverless.main}") { list: restoreJobs($args) { $nodes } }`,
    (p) => holder(serverless(p), 'restoreJobs'),
  ),
  arrayKind(
    'FlexCluster.restoreJobs',
    `flexCluster(name: "${SEED.flex.main}") { list: restoreJobs($args) { $nodes } }`,
    (p) => holder(flex(p), 'restoreJobs'),
  ),
  arrayKind(
    'Cluster.restoreJobs',
    `cluster(name: "${SEED.clusters.replicaSet}") { list: restoreJobs($args) { $nodes } }`,
    (p) => holder(cluster(p), 'restoreJobs'),
  ),
  arrayKind(
    'ServerlessInstance.snapshots',
    `serverlessInstance(name: "${SEED.serverless.main}") { list: snapshots($args) { $nodes } }`,
    (p) => holder(serverless(p), 'snapshots'),
  ),
  arrayKind(
    'Cluster.snapshots',
    `cluster(name: "${SEED.clusters.replicaSet}") { list: snapshots($args) { $nodes } }`,
    (p) => holder(cluster(p), 'snapshots'),
  ),
  arrayKind(
    'FlexCluster.snapshots',
    `flexCluster(name: "${SEED.flex.main}") { list: snapshots($args) { $nodes } }`,
    (p) => holder(flex(p), 'snapshots'),
  ),
  namedKind('Project.clusters', 'list: clusters($args) { $nodes }', (p) => holder(p, 'clusters')),
  namedKind('Project.flexClusters', 'list: flexClusters($args) { $nodes }', (p) =>
    holder(p, 'flex'),
  ),
  namedKind('Project.serverlessInstances', 'list: serverlessInstances($args) { $nodes }', (p) =>
    holder(p, 'serverless'),
  ),
  arrayKind('Project.exportBuckets', 'list: exportBuckets($args) { $nodes }', (p) =>
    holder(p, 'exportBuckets'),
  ),
  // The completed snapshots of the pipeline's source cluster, newest first: its snapshots change them.
  arrayKind(
    'Pipeline.availableSnapshots',
    `pipeline(name: "${SEED.pipelines.big}") { list: availableSnapshots($args) { $nodes } }`,
    (p) => holder(sourceCluster(p, SEED.pipelines.big), 'snapshots'),
  ),
  // listGroupPipelines has no paging.
  {
    name: 'Project.pipelines',
    whole: true,
    field: 'list: pipelines($args) { $nodes }',
    key: 'name',
    read: (world) => project(world).pipelines,
    write: (world, items) => {
      project(world).pipelines = items as Project['pipelines'];
    },
    clone: withName,
    keyOf: byName,
  },
  PROJECTS,
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

/** The connection aliased `list`, wherever it is in the answer. */
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

/** `items` after `changes`, none removing an item of `keep`. */
function changed<T>(
  items: readonly T[],
  changes: Change[],
  keep: ReadonlySet<string>,
  keyOf: (item: T) => string,
  clone: (item: T) => T,
): T[] {
  const result = [...items];
  for (const { add, at } of changes) {
    if (result.length === 0) break;
    const index = at % result.length;
    if (add) result.splice(index, 0, clone(result[index]!));
    else if (!keep.has(keyOf(result[index]!))) result.splice(index, 1);
  }
  return result;
}

/** The list as Atlas orders it now, read through the gateway with one big page. */
async function listed(kind: ListKind): Promise<string[]> {
  const { body } = await h.graphql(query(kind), { first: 500 });
  expect(body.errors).toBeUndefined();
  return listIn(body.data).nodes.map((node) => node[kind.key]!);
}

const query = (kind: ListKind) => {
  const field = kind.field
    .replace('$args', 'first: $first, after: $after, last: $last, before: $before')
    .replace(
      '$nodes',
      `nodes { ${kind.key} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`,
    );
  return `query($first: Int, $after: String, $last: Int, $before: String) { ${
    kind.root ? field : `project(id: "${P}") { ${field} }`
  } }`;
};

/**
 * The list cut to its first START_LENGTH items, or grown to that many with copies of its items (short
 * lists such as the projects or the pipelines), so that every walk takes a few pages.
 */
async function shape(kind: ListKind) {
  const world = h.simulator.world();
  const kept = new Set((await listed(kind)).slice(0, START_LENGTH));
  const items = kind.read(world).filter((item) => kept.has(kind.keyOf(item)));
  for (let i = 0; kept.size + i < START_LENGTH && items.length > 0; i++) {
    items.push(kind.clone(items[i], fresh()));
  }
  kind.write(world, items);
}

/**
 * The same cursor without its item: a bare offset (docs/graph.md "Cursors"), which checks nothing and
 * never searches. What its page costs is what an anchored page may cost when its item did not move.
 */
function bare(cursor: string): string {
  const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
  return Buffer.from(JSON.stringify([...value.slice(0, 4), null]), 'utf8').toString('base64url');
}

/** What the next page may cost: a bare offset's page, and the search's calls when its item moved. */
interface Budget {
  offsetOnly: number;
  moved: boolean;
}

/** A list walked page by page: how a page is read, and how the list changes between pages. */
interface Walked {
  /** Its nodes' key. */
  key: string;
  /** The most calls finding a moved cursor's item may add: two aligned requests, none for a whole list. */
  search: number;
  /** One page (`first`/`after` or `last`/`before`), and the upstream calls it made. */
  page(variables: Record<string, unknown>): Promise<{ list: Page; calls: number }>;
  /** Its keys, in its order now. */
  listed(): Promise<string[]>;
  change(changes: Change[], keep: ReadonlySet<string>): void;
}

type Direction = 'forward' | 'backward';
const DIRECTIONS: Direction[] = ['forward', 'backward'];

/**
 * Walks `list` with pages of `size`, changing it by the next of `steps` between pages (never removing the
 * cursor's own item: a cursor whose item is gone falls back to its offset): no item is repeated, none
 * that stayed is skipped, and each page costs what the design allows.
 */
async function walk(list: Walked, direction: Direction, size: number, steps: Change[][]) {
  const before = await list.listed();
  expect(before).toHaveLength(START_LENGTH);
  const removed = new Set<string>();
  const seen: string[] = [];
  const page = (cursor: string | null) =>
    list.page(
      direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor },
    );
  let cursor: string | null = null;
  let budget: Budget | undefined;
  let current = before;
  for (let pages = 0; ; pages++) {
    const { list: answer, calls } = await page(cursor);
    if (budget)
      expect(calls).toBeLessThanOrEqual(budget.offsetOnly + (budget.moved ? list.search : 0));
    const keys = answer.nodes.map((node) => node[list.key]!);
    seen.push(...(direction === 'forward' ? keys : [...keys].reverse()));
    const more =
      direction === 'forward' ? answer.pageInfo.hasNextPage : answer.pageInfo.hasPreviousPage;
    if (!more || keys.length === 0) break;
    expect(pages).toBeLessThan(60);
    cursor = direction === 'forward' ? answer.pageInfo.endCursor : answer.pageInfo.startCursor;
    const anchor = (direction === 'forward' ? keys.at(-1) : keys[0])!;
    const { calls: offsetOnly } = await page(bare(cursor!));
    list.change(steps[pages % steps.length]!, new Set([anchor]));
    const after = await list.listed();
    budget = { offsetOnly, moved: current.indexOf(anchor) !== after.indexOf(anchor) };
    const remaining = new Set(after);
    for (const key of current) if (!remaining.has(key)) removed.add(key);
    current = after;
  }
  expect(new Set(seen).size).toBe(seen.length);
  const stayed = before.filter((key) => !removed.has(key));
  const seenSet = new Set(seen);
  expect(stayed.filter((key) => !seenSet.has(key))).toEqual([]);
}

/** Walks of each direction: a few runs of random page sizes and changes. */
function walks(walked: () => Promise<Walked>) {
  it.each(DIRECTIONS)(
    'a %s walk never repeats an item nor skips one that stayed, at the calls the design allows',
    async (direction) => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 6 }),
          fc.array(changesArb, { minLength: 12, maxLength: 12 }),
          async (size, steps) => walk(await walked(), direction, size, steps),
        ),
        { numRuns: 4 },
      );
    },
    120_000,
  );
}

/** A list of the simulator's store, read through the gateway. */
const inStore = (kind: ListKind): Walked => ({
  key: kind.key,
  search: kind.whole ? 0 : 2,
  page: async (variables) => {
    h.resetUpstream();
    const answer = await h.graphql(query(kind), variables);
    expect(answer.body.errors).toBeUndefined();
    return { list: listIn(answer.body.data), calls: h.upstream().length };
  },
  listed: () => listed(kind),
  change: (changes, keep) => {
    const world = h.simulator.world();
    kind.write(
      world,
      changed(kind.read(world), changes, keep, kind.keyOf, (item) => kind.clone(item, fresh())),
    );
  },
});

describe('anchored-cursor walks', () => {
  it('cover every connection field of the schema', () => {
    const schema = buildSchema(
      readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'),
    );
    const connections = Object.values(schema.getTypeMap())
      .filter((type) => type instanceof GraphQLObjectType && !type.name.startsWith('__'))
      .flatMap((type) =>
        Object.values((type as GraphQLObjectType).getFields())
          .filter((field) => getNamedType(field.type).name.endsWith('Connection'))
          .map((field) => `${type.name}.${field.name}`),
      );
    expect(connections.sort()).toEqual(KINDS.map((kind) => kind.name).sort());
  });
});

describe.each(KINDS)('anchored cursors over $name', (kind) => {
  walks(async () => {
    h.simulator.reset();
    await shape(kind);
    return inStore(kind);
  });
});

/**
 * With AUTH_MODE=jwt the root `projects` are those of the caller's claim, paged without asking Atlas. The
 * claim changes when the caller comes back with a new token: a cursor of the old one still walks on.
 */
describe('anchored cursors over Query.projects of a token claim', () => {
  const claimed = useHarness({ env: JWT_ENV });
  walks(async () => {
    let claim = Array.from({ length: START_LENGTH }, fresh);
    const walked: Walked = {
      key: 'atlasId',
      search: 0,
      page: async (variables) => {
        claimed.resetUpstream();
        const token = await signToken({ projects: claim });
        const answer = await claimed.graphql(query(PROJECTS), variables, {
          authorization: `Bearer ${token}`,
        });
        expect(answer.body.errors).toBeUndefined();
        expect(claimed.upstream()).toEqual([]);
        return { list: listIn(answer.body.data), calls: 0 };
      },
      listed: async () =>
        (await walked.page({ first: 500 })).list.nodes.map((node) => node.atlasId!),
      change: (changes, keep) => {
        claim = changed(claim, changes, keep, (id) => id, fresh);
      },
    };
    return walked;
  });
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
