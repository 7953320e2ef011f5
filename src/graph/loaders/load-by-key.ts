import { isMissingObject, isNotFound } from '../../atlas/errors.ts';
import type { AtlasRequest } from '../../atlas/request.ts';
import type { GraphContext } from '../context.ts';

/**
 * A by-key lookup (`run(id)`, `exportJob(id)`, `restoreJob(id)`, `node`): one GET through the operation's
 * request loader, nothing when a list of this operation held the object or, started alongside, holds it;
 * null when the object itself does not exist.
 */
export async function loadByKey<Raw, Shape>(
  context: GraphContext,
  request: AtlasRequest,
  shape: (raw: Raw) => Shape,
  /** True when the object is a project's direct child (a cluster): its own not-found code means it is missing. */
  topLevel = false,
): Promise<Shape | null> {
  if (!context.loaders.requests.has(request)) {
    // Lists resolved beside this lookup start in this same tick: once their pages are under way, a
    // list of the object's collection (the path above it) may answer it at no cost.
    await new Promise((resolve) => setImmediate(resolve));
    await context.loaders.windows.listsOf(request.path.slice(0, request.path.lastIndexOf('/')));
  }
  try {
    return shape(await context.loaders.requests.load<Raw>(request));
  } catch (error) {
    if (topLevel ? isNotFound(error) : isMissingObject(error)) return null;
    throw error;
  }
}
