import { isMissingObject, isNotFound } from '../../atlas/errors.ts';
import type { AtlasRequest } from '../../atlas/request.ts';
import type { GraphContext } from '../context.ts';

/**
 * A by-key lookup (`run(id)`, `exportJob(id)`, `restoreJob(id)`): one GET through the operation's request
 * loader, nothing when a list already held the object; null when the object itself does not exist.
 */
export async function loadByKey<Raw, Shape>(
  context: GraphContext,
  request: AtlasRequest,
  shape: (raw: Raw) => Shape,
  /** True when the object is a project's direct child (a cluster): its own not-found code means it is missing. */
  topLevel = false,
): Promise<Shape | null> {
  try {
    return shape(await context.loaders.requests.load<Raw>(request));
  } catch (error) {
    if (topLevel ? isNotFound(error) : isMissingObject(error)) return null;
    throw error;
  }
}
