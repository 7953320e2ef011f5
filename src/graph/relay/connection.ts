import type { ArgBuilder, InterfaceRef, ObjectRef } from '@pothos/core';
import { type GraphQLResolveInfo, getNamedType } from 'graphql';
import { AtlasCallError } from '../../atlas/errors.ts';
import { MAX_PAGE_SIZE, type Window } from '../../atlas/pagination.ts';
import { userInputError } from '../../errors/catalogue.ts';
import { builder } from '../builder.ts';
import { selectsField } from '../lib/selection.ts';
import type { WindowResult } from '../loaders/window-loader.ts';
import { type CursorPosition, decodeCursor, encodeCursor } from './cursor.ts';

type SchemaTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number | undefined;
}

/** Where a connection's items come from: an upstream paginated list, or an array held in memory. */
export interface ConnectionSource<Raw> {
  /** The collection key cursors carry. */
  key: string;
  window(window: Window, withCount: boolean): Promise<WindowResult<Raw>>;
  /** The last `count` items at or after offset `from`. */
  last(from: number, count: number): Promise<WindowResult<Raw>>;
}

const PageInfo = builder.objectRef<ConnectionShape<unknown>['pageInfo']>('PageInfo').implement({
  description: 'Relay page information.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { nullable: false }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { nullable: false }),
    startCursor: t.exposeString('startCursor'),
    endCursor: t.exposeString('endCursor'),
  }),
});

/** Defines `<Name>Connection` and `<Name>Edge` for a node type. */
export function connectionType<T>(
  name: string,
  node: ObjectRef<SchemaTypes, T> | InterfaceRef<SchemaTypes, T>,
) {
  const Edge = builder.objectRef<ConnectionShape<T>['edges'][number]>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString('cursor', { nullable: false }),
      node: t.field({ type: node, nullable: false, resolve: (edge) => edge.node as never }),
    }),
  });
  return builder.objectRef<ConnectionShape<T>>(`${name}Connection`).implement({
    description: `A page of ${name} items. A cursor names its item: a page after or before it starts next to that item even when the list gained or lost items ahead of it.`,
    fields: (t) => ({
      edges: t.field({
        type: [Edge],
        nullable: { list: false, items: false },
        resolve: (c) => c.edges,
      }),
      nodes: t.field({
        type: [node],
        nullable: { list: false, items: false },
        resolve: (c) => c.edges.map((edge) => edge.node) as never,
      }),
      pageInfo: t.expose('pageInfo', { type: PageInfo, nullable: false }),
      totalCount: t.int({
        nullable: false,
        description:
          'How many items the list holds (an estimate upstream); fetched only when selected.',
        resolve: (c) => {
          if (c.totalCount === undefined)
            throw new AtlasCallError('UPSTREAM_BAD_RESPONSE', 'Atlas did not report a count.');
          return c.totalCount;
        },
      }),
    }),
  });
}

/** Relay's four paging arguments. */
export const connectionArgs = (arg: ArgBuilder<SchemaTypes>) => ({
  first: arg.int({
    description: `Items from the start (or after \`after\`); default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.`,
  }),
  after: arg.string({ description: 'A cursor of this list.' }),
  last: arg.int({
    description: `Items from the end (or before \`before\`); at most ${MAX_PAGE_SIZE}.`,
  }),
  before: arg.string({ description: 'A cursor of this list.' }),
});

/** Page sizes outside these bounds are refused before execution (src/plugins/argument-checks.ts). */
export function checkSize(value: number | null | undefined, name: string): void {
  if (value === null || value === undefined) return;
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw userInputError(`"${name}" must be between 0 and ${MAX_PAGE_SIZE}, got ${value}.`, name);
  }
}

/** Connection types whose items Atlas keys by name: their cursors anchor on it. */
const NAMED_KINDS = new Set(['Pipeline', 'Cluster', 'FlexCluster', 'ServerlessInstance']);

/** The list kind of a connection type: its item type's name (`PipelineRunConnection` → `PipelineRun`). */
export const listKindOf = (connectionTypeName: string) =>
  connectionTypeName.replace(/Connection$/, '');

/** What a cursor anchors on: the item's Atlas id, or its name for the kinds Atlas keys by name. */
function anchorOf(kind: string, raw: unknown): string | undefined {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const anchor = NAMED_KINDS.has(kind) ? item.name : (item.id ?? item._id);
  return typeof anchor === 'string' ? anchor : undefined;
}

/**
 * How far around a moved cursor's offset its anchor is looked for: as far as one more request of at most
 * MAX_PAGE_SIZE items (two aligned pages) reaches while still holding the page asked for.
 */
const searchReach = (size: number) => Math.max(0, Math.floor((MAX_PAGE_SIZE - size - 1) / 2));

interface Page<Raw> {
  result: WindowResult<Raw>;
  /** The offset of the first item of the page asked for (after the anchors fetched alongside). */
  from: number;
  until: number;
  /** Whether the window holds the offsets the `after` and `before` cursors point at. */
  fetched: { after: boolean; before: boolean };
}

/**
 * Resolves a connection's window. Arguments are checked before any upstream call, and the load starts
 * synchronously so that loaders see every request of the tick together. A cursor's item is fetched
 * along with the page (docs/graph.md "Cursors"): when it is no longer at its offset, it is looked for
 * around it, and the page is served from where it is now.
 */
export async function resolveConnection<Raw, T>(
  args: ConnectionArgs,
  info: GraphQLResolveInfo,
  source: ConnectionSource<Raw>,
  toNode: (raw: Raw) => T,
): Promise<ConnectionShape<T>> {
  if (args.first != null && args.last != null) {
    throw userInputError('Give "first" or "last", not both.', 'first');
  }
  checkSize(args.first, 'first');
  checkSize(args.last, 'last');
  const kind = listKindOf(getNamedType(info.returnType).name);
  const after =
    args.after != null ? decodeCursor(args.after, kind, source.key, 'after') : undefined;
  const before =
    args.before != null ? decodeCursor(args.before, kind, source.key, 'before') : undefined;
  const withCount = selectsField(info, 'totalCount');
  const size = args.last ?? args.first ?? DEFAULT_PAGE_SIZE;

  const fetch = (afterAt: number | undefined, beforeAt: number | undefined): Promise<Page<Raw>> => {
    const from = afterAt === undefined ? 0 : afterAt + 1;
    if (args.last != null && beforeAt === undefined) {
      return source.last(from, args.last).then((result) => ({
        result,
        from,
        until: Number.POSITIVE_INFINITY,
        fetched: { after: false, before: false },
      }));
    }
    let start: number;
    let end: number;
    if (args.last != null) {
      start = Math.max(from, beforeAt! - args.last);
      end = beforeAt!;
    } else {
      start = from;
      end = beforeAt === undefined ? from + size : Math.max(from, Math.min(from + size, beforeAt));
    }
    // Widened by the cursors' own items, so that checking them costs nothing when nothing moved.
    const fetchStart = afterAt !== undefined && afterAt === start - 1 ? afterAt : start;
    const fetchEnd = beforeAt !== undefined && beforeAt === end ? end + 1 : end;
    return source.window({ start: fetchStart, end: fetchEnd }, withCount).then((result) => ({
      result,
      from: start,
      until: end,
      fetched: { after: fetchStart !== start, before: fetchEnd !== end },
    }));
  };
  const holds = (page: Page<Raw>, cursor: CursorPosition | undefined, fetched: boolean) =>
    cursor === undefined ||
    cursor.anchor === null ||
    !fetched ||
    anchorOf(kind, page.result.items[cursor.offset - page.result.start]) === cursor.anchor;

  let page = await fetch(after?.offset, before?.offset);
  const afterHolds = holds(page, after, page.fetched.after);
  const beforeHolds = holds(page, before, page.fetched.before);
  if (!afterHolds || !beforeHolds) {
    const moved = page;
    const [afterAt, beforeAt] = await Promise.all([
      afterHolds
        ? after?.offset
        : relocate(source, kind, after!, 'forward', size, withCount, moved),
      beforeHolds
        ? before?.offset
        : relocate(source, kind, before!, 'backward', size, withCount, moved),
    ]);
    page = await fetch(afterAt, beforeAt);
  }
  const { result } = page;
  const first = Math.max(result.start, page.from);
  const items = result.items.slice(first - result.start, page.until - result.start);
  const edges = items.map((raw, i) => ({
    cursor: encodeCursor(kind, source.key, first + i, anchorOf(kind, raw)),
    node: toNode(raw),
  }));
  const last = first + items.length;
  return {
    edges,
    pageInfo: {
      hasNextPage: last < result.start + result.items.length || result.hasNextPage,
      hasPreviousPage: first > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: result.totalCount,
  };
}

/**
 * The offset a moved cursor's anchor has now, looked for in one window around its old offset (at most
 * two aligned requests), reaching far enough that the page next to it is in the same window; the old
 * offset when the anchor is no longer there.
 */
async function relocate<Raw>(
  source: ConnectionSource<Raw>,
  kind: string,
  cursor: CursorPosition,
  direction: 'forward' | 'backward',
  size: number,
  withCount: boolean,
  fetched: Page<Raw>,
): Promise<number> {
  const seen = fetched.result.items.findIndex((raw) => anchorOf(kind, raw) === cursor.anchor);
  if (seen >= 0) return fetched.result.start + seen;
  const reach = searchReach(size);
  const start = Math.max(0, cursor.offset - reach - (direction === 'backward' ? size : 0));
  const end = cursor.offset + 1 + reach + (direction === 'forward' ? size : 0);
  const around = await source.window({ start, end }, withCount);
  const found = around.items.findIndex((raw) => anchorOf(kind, raw) === cursor.anchor);
  return found < 0 ? cursor.offset : around.start + found;
}
