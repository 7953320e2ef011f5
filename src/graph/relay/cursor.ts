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

export const encodeCursor = (key: string, offset: number) => encodeOpaque([1, key, offset]);

/** The offset a cursor points at, or BAD_USER_INPUT when it is forged or from another collection. */
export function decodeCursor(cursor: string, key: string, argument: string): number {
  const value = decodeOpaque(cursor);
  const offset = value?.[2];
  if (
    value?.length !== 3 ||
    value[1] !== key ||
    typeof offset !== 'number' ||
    !Number.isSafeInteger(offset) ||
    offset < 0
  ) {
    throw userInputError(
      `The cursor given as "${argument}" does not belong to this list.`,
      argument,
    );
  }
  return offset;
}
