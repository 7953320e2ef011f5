import type { ArgBuilder, InterfaceRef, ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { AtlasCallError } from '../../atlas/errors.ts';
import { MAX_PAGE_SIZE, type Window } from '../../atlas/pagination.ts';
import { userInputError } from '../../errors/catalogue.ts';
import { builder } from '../builder.ts';
import { selectsField } from '../lib/selection.ts';
import type { WindowResult } from '../loaders/window-loader.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

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
    description: `A page of ${name} items. Offsets follow Atlas's page numbers: a list that gains items between two requests shifts.`,
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

function checkSize(value: number | null | undefined, name: string): void {
  if (value === null || value === undefined) return;
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw userInputError(`"${name}" must be between 0 and ${MAX_PAGE_SIZE}, got ${value}.`, name);
  }
}

/**
 * Resolves a connection's window. Arguments are checked before any upstream call, and the load starts
 * synchronously so that loaders see every request of the tick together.
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
  const from = args.after != null ? decodeCursor(args.after, source.key, 'after') + 1 : 0;
  const until = args.before != null ? decodeCursor(args.before, source.key, 'before') : undefined;
  const withCount = selectsField(info, 'totalCount');

  let loading: Promise<WindowResult<Raw>>;
  if (args.last != null) {
    loading =
      until === undefined
        ? source.last(from, args.last)
        : source.window({ start: Math.max(from, until - args.last), end: until }, withCount);
  } else {
    const end = from + (args.first ?? DEFAULT_PAGE_SIZE);
    loading = source.window(
      { start: from, end: until === undefined ? end : Math.max(from, Math.min(end, until)) },
      withCount,
    );
  }
  const result = await loading;
  const edges = result.items.map((raw, i) => ({
    cursor: encodeCursor(source.key, result.start + i),
    node: toNode(raw),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: result.hasNextPage,
      hasPreviousPage: result.start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: result.totalCount,
  };
}
