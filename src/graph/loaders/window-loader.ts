import DataLoader from 'dataloader';
import type { Collection, UpstreamPage } from '../../atlas/collection.ts';
import { AtlasCallError } from '../../atlas/errors.ts';
import {
  MAX_PAGE_SIZE,
  mergeWindows,
  type PageRequest,
  pageStart,
  type Window,
} from '../../atlas/pagination.ts';
import { queryString } from '../../atlas/request.ts';
import { collectionKey } from '../relay/cursor.ts';
import { InFlightByPath } from './in-flight-by-path.ts';
import type { RequestLoader } from './request-loader.ts';

/** Items at consecutive offsets of one collection, as fetched in this operation. */
interface Segment {
  start: number;
  items: Record<string, unknown>[];
  /** Whether anything follows the last item (a longer page, or a `next` link). */
  more: boolean;
  totalCount: number | undefined;
}

export interface WindowResult<T> {
  start: number;
  items: T[];
  hasNextPage: boolean;
  totalCount: number | undefined;
}

interface WindowKey {
  collection: Collection;
  key: string;
  window: Window;
  withCount: boolean;
}

/**
 * Serves connection windows over Atlas's page numbers. Windows on one collection requested in the same
 * tick are merged into the fewest aligned pages; a window inside pages already fetched in this operation
 * costs nothing; listed items prime their by-id requests.
 */
export class WindowLoader {
  private readonly segments = new Map<string, Segment[]>();
  /** Page fetches under way, by collection path (any filters): what a by-key load may wait for. */
  private readonly underWay = new InFlightByPath();
  private readonly loader: DataLoader<WindowKey, WindowResult<Record<string, unknown>>, string>;

  private readonly requests: RequestLoader;

  constructor(requests: RequestLoader) {
    this.requests = requests;
    this.loader = new DataLoader((keys) => this.loadBatch(keys), {
      cacheKeyFn: (k) => `${k.key} ${k.window.start} ${k.window.end} ${k.withCount}`,
    });
  }

  load<T>(collection: Collection, window: Window, withCount: boolean): Promise<WindowResult<T>> {
    return this.loader.load({
      collection,
      key: collectionKey(collection),
      window,
      withCount,
    }) as Promise<WindowResult<T>>;
  }

  /**
   * The last `count` items at or after offset `from`: the first page (with its count) answers a short
   * list alone; a longer one takes one more aligned request for its tail.
   */
  async loadLast<T>(collection: Collection, from: number, count: number): Promise<WindowResult<T>> {
    const size = Math.min(MAX_PAGE_SIZE, Math.max(count, 100));
    const head = await this.fetchPages(collection, [{ pageNum: 1, itemsPerPage: size }], true);
    const total = head.totalCount ?? head.items.length;
    if (!head.more || total <= size) {
      const start = Math.max(from, head.items.length - count);
      return {
        start,
        items: head.items.slice(start, head.items.length) as T[],
        hasNextPage: false,
        totalCount: total,
      };
    }
    const start = Math.max(from, total - count);
    const tail = await this.load<T>(collection, { start, end: total }, false);
    return { ...tail, totalCount: tail.totalCount ?? total };
  }

  /**
   * Resolves when the lists of `path` this operation has started are fetched (whether or not they
   * succeeded): their items then answer by-id lookups of that collection from the request loader.
   */
  listsOf(path: string): Promise<void> {
    return this.underWay.settled(path);
  }

  /** True while a list of `path` is being fetched in this operation. */
  listing(path: string): boolean {
    return this.underWay.has(path);
  }

  /** Drops what this operation fetched of `pathPrefix`'s lists, after a mutation changed them. */
  forget(pathPrefix: string): void {
    this.loader.clearAll();
    for (const key of [...this.segments.keys()])
      if (key.startsWith(pathPrefix)) this.segments.delete(key);
  }

  private async loadBatch(
    keys: readonly WindowKey[],
  ): Promise<(WindowResult<Record<string, unknown>> | Error)[]> {
    const byCollection = new Map<string, WindowKey[]>();
    for (const key of keys) byCollection.set(key.key, [...(byCollection.get(key.key) ?? []), key]);
    const failures = new Map<WindowKey, Error>();
    await Promise.all(
      [...byCollection.values()].map(async (group) => {
        const missing = group.filter((key) => !this.cover(key));
        if (missing.length === 0) return;
        const withCount = missing.some((key) => key.withCount);
        const plans = mergeWindows(missing.map((key) => key.window));
        await Promise.all(
          plans.map((plan) =>
            this.fetchPages(group[0]!.collection, plan.pages, withCount).catch((error: Error) => {
              for (const key of missing) {
                if (key.window.start >= plan.span.start && key.window.end <= plan.span.end)
                  failures.set(key, error);
              }
            }),
          ),
        );
      }),
    );
    return keys.map(
      (key) =>
        failures.get(key) ??
        this.cover(key) ??
        new AtlasCallError(
          'UPSTREAM_BAD_RESPONSE',
          `Atlas answered ${key.collection.operation} with pages that do not line up.`,
        ),
    );
  }

  /** The window answered from segments already fetched, if they hold it. */
  private cover(key: WindowKey): WindowResult<Record<string, unknown>> | undefined {
    const { start, end } = key.window;
    // Newest first: a list that moved during the operation is answered as it was seen last.
    for (const segment of [...(this.segments.get(segmentKey(key.collection)) ?? [])].reverse()) {
      if (key.withCount && segment.totalCount === undefined) continue;
      const segmentEnd = segment.start + segment.items.length;
      // A short page ends the list: a window past it is answered with what exists, never by skipping items.
      const holdsStart = segment.start <= start && (start < segmentEnd || !segment.more);
      const holdsEnd = end <= segmentEnd || !segment.more;
      if (!holdsStart || !holdsEnd) continue;
      return {
        start,
        items: segment.items.slice(start - segment.start, end - segment.start),
        hasNextPage: end < segmentEnd || segment.more,
        totalCount: segment.totalCount,
      };
    }
    return undefined;
  }

  private fetchPages(
    collection: Collection,
    pages: PageRequest[],
    withCount: boolean,
  ): Promise<Segment> {
    const fetch = this.fetchSegment(collection, pages, withCount);
    this.underWay.track(collection.path, fetch);
    return fetch;
  }

  private async fetchSegment(
    collection: Collection,
    pages: PageRequest[],
    withCount: boolean,
  ): Promise<Segment> {
    const answers = await Promise.all(
      pages.map((page) =>
        this.requests.load<UpstreamPage<Record<string, unknown>>>({
          operation: collection.operation,
          method: 'GET',
          path: collection.path,
          query: queryString({
            pageNum: page.pageNum,
            itemsPerPage: page.itemsPerPage,
            includeCount: withCount,
            ...collection.filters,
          }),
          accept: collection.accept,
          successor: collection.successor,
          sunset: collection.sunset,
        }),
      ),
    );
    const segment: Segment = {
      start: pageStart(pages[0]!),
      items: [],
      more: false,
      totalCount: undefined,
    };
    for (const [i, answer] of answers.entries()) {
      if (
        !answer ||
        !Array.isArray(answer.results) ||
        !answer.results.every((item) => typeof item === 'object' && item !== null)
      ) {
        throw new AtlasCallError(
          'UPSTREAM_BAD_RESPONSE',
          `Atlas answered ${collection.operation} without a results list.`,
        );
      }
      const page = pages[i]!;
      segment.items.push(...answer.results);
      segment.totalCount =
        typeof answer.totalCount === 'number' ? answer.totalCount : segment.totalCount;
      const full = answer.results.length >= page.itemsPerPage;
      const pageEndOffset = pageStart(page) + answer.results.length;
      segment.more =
        full &&
        (Array.isArray(answer.links)
          ? answer.links.some((link) => link.rel === 'next')
          : segment.totalCount === undefined || pageEndOffset < segment.totalCount);
      if (!full) break; // a short page ends the list; later pages hold nothing
    }
    for (const item of segment.items) {
      const request = collection.itemRequest?.(item);
      if (request) this.requests.prime(request, item);
    }
    const key = segmentKey(collection);
    this.segments.set(key, [...(this.segments.get(key) ?? []), segment]);
    return segment;
  }
}

const segmentKey = (collection: Collection) =>
  `${collection.path}?${JSON.stringify(collection.filters)}`;
