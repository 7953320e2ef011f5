import { AtlasCallError } from './errors.ts';

/** Atlas's ObjectId pattern (`^([a-f0-9]{24})$` throughout the contract). */
const OBJECT_ID = /^[a-f0-9]{24}$/;

export const isObjectId = (value: unknown): value is string =>
  typeof value === 'string' && OBJECT_ID.test(value);

/** A name in a path (cluster, pipeline): always encoded, so no value can add a segment. */
export const pathSegment = encodeURIComponent;

/**
 * An id in a path. Ids from the caller were checked by the ObjectId scalar or their global ID; ids
 * read from Atlas's answers (a run's snapshot, an export's bucket) were not: one that breaks the
 * contract's pattern is Atlas's fault, never a way into another path (src/graph/project-scope.ts
 * reads the project from the path's prefix).
 */
export function idSegment(id: string): string {
  if (!isObjectId(id)) {
    throw new AtlasCallError(
      'UPSTREAM_BAD_RESPONSE',
      'Atlas returned an id that is not an ObjectId.',
    );
  }
  return id;
}

export const groupPath = (groupId: string) => `/api/atlas/v2/groups/${idSegment(groupId)}`;
