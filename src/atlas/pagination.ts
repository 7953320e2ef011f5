/** Atlas's page-number pagination seen as offset windows (docs/graph.md). */

export const MAX_PAGE_SIZE = 500;

/** One upstream page request: items at offsets [(pageNum - 1) * itemsPerPage, pageNum * itemsPerPage). */
export interface PageRequest {
  pageNum: number;
  itemsPerPage: number;
}

export const pageStart = (page: PageRequest) => (page.pageNum - 1) * page.itemsPerPage;
export const pageEnd = (page: PageRequest) => page.pageNum * page.itemsPerPage;

const pagesOfSize = (start: number, end: number, size: number): PageRequest[] => {
  const first = Math.floor(start / size);
  const last = Math.floor((end - 1) / size);
  return Array.from({ length: last - first + 1 }, (_, i) => ({
    pageNum: first + i + 1,
    itemsPerPage: size,
  }));
};

/**
 * The fewest aligned pages covering offsets [start, end), then the fewest items: the smallest page size
 * that needs one request, else the smallest that needs two, and so on. An empty window asks for the one
 * item at `start`, which tells whether anything follows.
 */
export function planWindow(start: number, end: number): PageRequest[] {
  if (end <= start) end = start + 1;
  const length = end - start;
  for (let count = 1; ; count++) {
    for (let size = Math.ceil(length / count); size <= MAX_PAGE_SIZE; size++) {
      if (Math.floor((end - 1) / size) - Math.floor(start / size) + 1 <= count)
        return pagesOfSize(start, end, size);
    }
  }
}

const itemCount = (pages: readonly PageRequest[]) =>
  pages.reduce((sum, page) => sum + page.itemsPerPage, 0);

export interface Window {
  start: number;
  end: number;
}

/**
 * Windows on one collection requested together, grouped so that each group is fetched as one plan:
 * a window joins the previous group when covering both costs no more requests than covering each alone.
 */
export function mergeWindows(windows: readonly Window[]): { span: Window; pages: PageRequest[] }[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: { span: Window; pages: PageRequest[] }[] = [];
  for (const window of sorted) {
    const own = planWindow(window.start, window.end);
    const previous = groups.at(-1);
    if (previous) {
      const span = { start: previous.span.start, end: Math.max(previous.span.end, window.end) };
      const joined = planWindow(span.start, span.end);
      const separate = previous.pages.length + own.length;
      const fewerItems = itemCount(joined) <= itemCount(previous.pages) + itemCount(own);
      if (joined.length < separate || (joined.length === separate && fewerItems)) {
        groups[groups.length - 1] = { span, pages: joined };
        continue;
      }
    }
    groups.push({ span: { ...window }, pages: own });
  }
  return groups;
}
