import type { Collection } from '../../atlas/collection.ts';
import type { GraphContext } from '../context.ts';
import type { ConnectionSource } from './connection.ts';
import { collectionKey } from './cursor.ts';

/** A connection over an Atlas paginated list, through the operation's window loader. */
export function collectionSource<Raw>(
  collection: Collection,
  context: GraphContext,
): ConnectionSource<Raw> {
  return {
    key: collectionKey(collection),
    window: (window, withCount) => context.loaders.windows.load<Raw>(collection, window, withCount),
    last: (from, count) => context.loaders.windows.loadLast<Raw>(collection, from, count),
  };
}

/** A connection over a list Atlas returns whole (the pipelines): fetched once, paged here. */
export function arraySource<Raw>(
  key: string,
  loadAll: () => Promise<Raw[]>,
): ConnectionSource<Raw> {
  return {
    key,
    window: (window) =>
      loadAll().then((items) => ({
        start: window.start,
        items: items.slice(window.start, window.end),
        hasNextPage: items.length > window.end,
        totalCount: items.length,
      })),
    last: (from, count) =>
      loadAll().then((items) => {
        const start = Math.max(from, items.length - count);
        return { start, items: items.slice(start), hasNextPage: false, totalCount: items.length };
      }),
  };
}
