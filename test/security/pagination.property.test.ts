import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_PAGE_SIZE,
  mergeWindows,
  type PageRequest,
  pageEnd,
  pageStart,
  planWindow,
} from '../../src/atlas/pagination.ts';
import { SEED } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/** Requests needed to cover [start, end) with aligned pages of one size (the reference, by brute force). */
const requestsWithSize = (start: number, end: number, size: number) =>
  Math.floor((end - 1) / size) - Math.floor(start / size) + 1;

const coveredOffsets = (pages: PageRequest[]) =>
  pages.flatMap((page) => Array.from({ length: page.itemsPerPage }, (_, i) => pageStart(page) + i));

const windowArb = fc
  .tuple(fc.nat({ max: 3000 }), fc.integer({ min: 1, max: MAX_PAGE_SIZE }))
  .map(([start, length]) => ({ start, end: start + length }));

describe('planWindow and mergeWindows against a reference', () => {
  it('planWindow covers the window with the fewest aligned requests, then the fewest items', () => {
    fc.assert(
      fc.property(windowArb, ({ start, end }) => {
        const pages = planWindow(start, end);
        const size = pages[0]!.itemsPerPage;
        // Aligned, consecutive pages of one size within Atlas's maximum.
        expect(size).toBeLessThanOrEqual(MAX_PAGE_SIZE);
        pages.forEach((page, i) => {
          expect(page.itemsPerPage).toBe(size);
          expect(page.pageNum).toBe(pages[0]!.pageNum + i);
        });
        // The fetched offsets hold the window, as a slice of them.
        const offsets = coveredOffsets(pages);
        const window = Array.from({ length: end - start }, (_, i) => start + i);
        expect(offsets.slice(start - pageStart(pages[0]!), end - pageStart(pages[0]!))).toEqual(
          window,
        );
        expect(pageEnd(pages.at(-1)!)).toBeGreaterThanOrEqual(end);
        // No page size does it in fewer requests, nor in as few with fewer items.
        for (let other = 1; other <= MAX_PAGE_SIZE; other++) {
          const count = requestsWithSize(start, end, other);
          expect(count).toBeGreaterThanOrEqual(pages.length);
          if (count === pages.length)
            expect(count * other).toBeGreaterThanOrEqual(pages.length * size);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('mergeWindows serves every window from one group whose pages cover it', () => {
    fc.assert(
      fc.property(fc.array(windowArb, { minLength: 1, maxLength: 8 }), (windows) => {
        const groups = mergeWindows(windows);
        for (const window of windows) {
          const group = groups.find(
            (g) => g.span.start <= window.start && window.end <= g.span.end,
          );
          expect(group).toBeDefined();
          const offsets = new Set(coveredOffsets(group!.pages));
          for (let offset = window.start; offset < window.end; offset++)
            expect(offsets.has(offset)).toBe(true);
        }
        // Never more requests than planning each window on its own.
        const merged = groups.reduce((sum, g) => sum + g.pages.length, 0);
        const separate = windows.reduce((sum, w) => sum + planWindow(w.start, w.end).length, 0);
        expect(merged).toBeLessThanOrEqual(separate);
      }),
      { numRuns: 300 },
    );
  });
});

describe('connection windows end to end, over the 1,200 runs of the big pipeline', () => {
  let h: Harness;
  let reference: string[];
  let cursorAt: (offset: number) => string;
  beforeAll(async () => {
    h = await startHarness();
    reference = [];
    for (let page = 1; page <= 3; page++) {
      const response = await fetch(
        `${h.simulator.url}/api/atlas/v2/groups/${SEED.projectId}/pipelines/${SEED.pipelines.big}/runs?pageNum=${page}&itemsPerPage=500`,
        { headers: { accept: 'application/vnd.atlas.2023-01-01+json' } },
      );
      reference.push(
        ...((await response.json()) as { results: { _id: string }[] }).results.map(
          (run) => run._id,
        ),
      );
    }
    // A cursor is [2, list kind, collection key, offset, anchor] (docs/graph.md): take the key from a real
    // one, then any offset with the run there as its anchor.
    const { body } = await h.graphql(RUNS, {
      projectId: SEED.projectId,
      name: SEED.pipelines.big,
      first: 1,
    });
    const [, , key] = JSON.parse(
      Buffer.from(body.data!.project.pipeline.runs.pageInfo.endCursor, 'base64url').toString(),
    );
    cursorAt = (offset) =>
      Buffer.from(
        JSON.stringify([2, 'PipelineRun', key, offset, reference[offset] ?? null]),
      ).toString('base64url');
  });
  afterAll(() => h.close());

  const RUNS = `query($projectId: ObjectId!, $name: String!, $first: Int, $after: String, $last: Int, $before: String) {
    project(id: $projectId) { pipeline(name: $name) { runs(first: $first, after: $after, last: $last, before: $before) {
      nodes { atlasId } pageInfo { hasNextPage hasPreviousPage endCursor }
    } } } }`;
  const runs = async (variables: Record<string, unknown>) => {
    const { body } = await h.graphql(RUNS, {
      projectId: SEED.projectId,
      name: SEED.pipelines.big,
      ...variables,
    });
    expect(body.errors).toBeUndefined();
    return body.data!.project.pipeline.runs as {
      nodes: { atlasId: string }[];
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
    };
  };

  it('first/after is the reference slice', async () => {
    expect(reference).toHaveLength(SEED.runCounts.big);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -1, max: 1199 }),
        fc.nat({ max: MAX_PAGE_SIZE }),
        async (after, first) => {
          const page = await runs({ first, after: after < 0 ? undefined : cursorAt(after) });
          const start = after + 1;
          expect(page.nodes.map((n) => n.atlasId)).toEqual(reference.slice(start, start + first));
          expect(page.pageInfo.hasPreviousPage).toBe(start > 0);
          if (first > 0) expect(page.pageInfo.hasNextPage).toBe(start + first < reference.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('last/before is the reference slice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.integer({ min: 0, max: 1200 }), { nil: undefined }),
        fc.nat({ max: MAX_PAGE_SIZE }),
        async (before, last) => {
          const page = await runs({
            last,
            before: before === undefined ? undefined : cursorAt(before),
          });
          const end = before ?? reference.length;
          const start = Math.max(0, end - last);
          expect(page.nodes.map((n) => n.atlasId)).toEqual(reference.slice(start, end));
          if (last > 0) expect(page.pageInfo.hasPreviousPage).toBe(start > 0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
