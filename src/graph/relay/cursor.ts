import { createHash } from 'node:crypto';
import type { Collection } from '../../atlas/collection.ts';
import { userInputError } from '../../errors/catalogue.ts';
import { decodeOpaque, encodeOpaque } from './opaque.ts';

/** Keys already hashed: every connection field asks for its key, and the same lists come back all the time. */
const knownKeys = new Map<string, string>();
const KNOWN_KEYS_MAX = 10_000;

/** Identifies one upstream list (project, path and filters), so a cursor cannot be used on another. */
export function collectionKey(
  collection: Pick<Collection, 'groupId' | 'path' | 'filters'>,
): string {
  const identity = JSON.stringify([collection.groupId, collection.path, collection.filters]);
  let key = knownKeys.get(identity);
  if (key === undefined) {
    key = createHash('sha256').update(identity).digest('hex').slice(0, 12);
    // Bounded: past the cap the memo starts over rather than grow with every list ever seen.
    if (knownKeys.size >= KNOWN_KEYS_MAX) knownKeys.clear();
    knownKeys.set(identity, key);
  }
  return key;
}

/** Version 1 cursors held only an offset; they are refused like forged ones (docs/graph.md "Cursors"). */
const CURSOR_VERSION = 2;

/** Where a cursor points: an offset of one list, and the item that was there (its Atlas id or name). */
export interface CursorPosition {
  offset: number;
  anchor: string | null;
}

/** The cursor of the item `anchor` at `offset` of list `key`, whose items are of type `listKind`. */
export const encodeCursor = (
  listKind: string,
  key: string,
  offset: number,
  anchor: string | undefined,
) => encodeOpaque([CURSOR_VERSION, listKind, key, offset, anchor ?? null]);

const forged = (argument: string) =>
  userInputError(`The cursor given as "${argument}" does not belong to this list.`, argument);

/**
 * A cursor's list kind and position, checked for structure and version only: what can be told of a
 * cursor before execution, without the parent's keys. BAD_USER_INPUT naming `argument` otherwise.
 */
export function readCursor(
  cursor: string,
  listKind: string,
  argument: string,
): CursorPosition & { key: string } {
  const value = decodeOpaque(cursor, CURSOR_VERSION);
  const [, kind, key, offset, anchor] = value ?? [];
  if (
    value?.length !== 5 ||
    kind !== listKind ||
    typeof key !== 'string' ||
    typeof offset !== 'number' ||
    !Number.isSafeInteger(offset) ||
    offset < 0 ||
    (anchor !== null && (typeof anchor !== 'string' || anchor.length > 512))
  ) {
    throw forged(argument);
  }
  return { key, offset, anchor };
}

/** The position a cursor points at, or BAD_USER_INPUT when it is forged or from another list. */
export function decodeCursor(
  cursor: string,
  listKind: string,
  key: string,
  argument: string,
): CursorPosition {
  const read = readCursor(cursor, listKind, argument);
  if (read.key !== key) throw forged(argument);
  return { offset: read.offset, anchor: read.anchor };
}
