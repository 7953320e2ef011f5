import { AtlasCallError } from '../../atlas/errors.ts';

/**
 * An object's Atlas id, which the contract marks optional but every key, lookup and global ID needs:
 * one without it is a contract breach (UPSTREAM_BAD_RESPONSE), not a null. `what` names the object
 * with its article ("an export job").
 */
export function upstreamId(id: string | undefined, what: string): string {
  if (!id)
    throw new AtlasCallError('UPSTREAM_BAD_RESPONSE', `Atlas returned ${what} without an id.`);
  return id;
}
