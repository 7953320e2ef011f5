import type { AtlasRequest } from '../../atlas/request.ts';
import type { CachedEntity, GraphContext } from '../context.ts';
import { callUpstream } from '../loaders/upstream-session.ts';
import { encodeGlobalId, type NodeTypeName } from '../relay/global-id.ts';
import { asMutationFailure } from './mutation-errors.ts';

/** What a successful mutation changed, so that nothing read afterwards shows the state before it. */
export interface MutationEffects {
  /**
   * Path prefixes whose lists and lookups this operation fetches again. End a prefix with `?` for the
   * path alone, with `/` for what lies below it; a bare path covers both (and its longer siblings).
   */
  stale: readonly string[];
  /** By-id requests answered from now on with the object the mutation returned (no refetch). */
  fresh?: readonly (readonly [AtlasRequest, unknown])[];
  /** Objects whose cached responses are out of date, for a response cache (see `GraphContext.invalidate`). */
  entities: readonly CachedEntity[];
}

/** A node a mutation changed, as `MutationEffects.entities` lists it: by type and global ID keys. */
export const cachedEntity = (
  typename: NodeTypeName,
  groupId: string,
  ...keys: string[]
): CachedEntity => ({ typename, id: encodeGlobalId(typename, groupId, ...keys) });

/** `path` itself and everything below it, but not `path-2`. */
export const pathAndBelow = (path: string) => [`${path}?`, `${path}/`];

/**
 * Makes one non-idempotent upstream call (the client never retries it) and applies its effects before
 * the payload's fields resolve. Upstream refusals become the mutation's typed error members.
 */
export async function mutate<T>(
  context: GraphContext,
  request: AtlasRequest,
  effects: (answer: T) => MutationEffects,
  inputNames: Record<string, string> = {},
): Promise<T> {
  const answer = await callUpstream<T>(context.upstream, request).catch((error: unknown) =>
    asMutationFailure(error, inputNames),
  );
  const { stale, fresh = [], entities } = effects(answer);
  for (const prefix of stale) {
    context.loaders.requests.forget(prefix);
    context.loaders.windows.forget(prefix);
  }
  // The by-name pipeline loader keeps its own answers; none of them may predate the change.
  context.loaders.pipelines.forget();
  for (const [lookup, value] of fresh) context.loaders.requests.replace(lookup, value);
  await context.invalidate?.(entities);
  return answer;
}
