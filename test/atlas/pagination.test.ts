import { describe, expect, it } from 'vitest';
import {
  MAX_PAGE_SIZE,
  mergeWindows,
  pageEnd,
  pageStart,
  planWindow,
} from '../../src/atlas/pagination.ts';

/** The slow, obvious answer: try every page count, then every size, in order. */
function bruteForce(start: number, end: number) {
  for (let count = 1; count < 10; count++) {
    for (let size = 1; size <= MAX_PAGE_SIZE; size++) {
      const first = Math.floor(start / size);
      const last = Math.floor((end - 1) / size);
      if (last - first + 1 === count) return { count, size, pageNum: first + 1 };
    }
  }
  throw new Error('no plan');
}

describe('planWindow', () => {
  it('answers the design examples', () => {
    expect(planWindow(0, 20)).toEqual([{ pageNum: 1, itemsPerPage: 20 }]);
    expect(planWindow(5, 25)).toEqual([{ pageNum: 1, itemsPerPage: 25 }]);
    expect(planWindow(10, 510)).toEqual([
      { pageNum: 1, itemsPerPage: 255 },
      { pageNum: 2, itemsPerPage: 255 },
    ]);
    expect(planWindow(1197, 1200)).toEqual([{ pageNum: 400, itemsPerPage: 3 }]);
  });

  it('asks for one item to learn whether an empty window has a successor', () => {
    expect(planWindow(7, 7)).toEqual([{ pageNum: 8, itemsPerPage: 1 }]);
  });

  it('always covers the window with the fewest requests, then the smallest pages', () => {
    for (let start = 0; start < 1300; start += 37) {
      for (const length of [1, 2, 3, 19, 20, 99, 100, 101, 250, 499, 500]) {
        const end = start + length;
        const pages = planWindow(start, end);
        const expected = bruteForce(start, end);
        expect(pages.length).toBe(expected.count);
        expect(pages[0]!.itemsPerPage).toBe(expected.size);
        expect(pageStart(pages[0]!)).toBeLessThanOrEqual(start);
        expect(pageEnd(pages.at(-1)!)).toBeGreaterThanOrEqual(end);
        for (const page of pages) expect(page.itemsPerPage).toBeLessThanOrEqual(MAX_PAGE_SIZE);
      }
    }
  });
});

describe('mergeWindows', () => {
  it('serves overlapping windows of one tick with one request', () => {
    expect(
      mergeWindows([
        { start: 0, end: 20 },
        { start: 0, end: 5 },
        { start: 10, end: 30 },
      ]),
    ).toEqual([{ span: { start: 0, end: 30 }, pages: [{ pageNum: 1, itemsPerPage: 30 }] }]);
  });

  it('keeps far-apart windows apart when joining them would fetch more items for the same requests', () => {
    const groups = mergeWindows([
      { start: 0, end: 20 },
      { start: 600, end: 620 },
    ]);
    expect(groups.map((g) => g.pages)).toEqual([
      [{ pageNum: 1, itemsPerPage: 20 }],
      [{ pageNum: 31, itemsPerPage: 20 }],
    ]);
  });
});
