import { isMissingObject, isNotFound } from '../../atlas/errors.ts';
import { PROJECTS_PATH } from '../../atlas/projects.ts';
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
  if (!context.loaders.requests.has(request)) await listsAlongside(context, request);
  try {
    return shape(await context.loaders.requests.load<Raw>(request));
  } catch (error) {
    if (topLevel ? isNotFound(error) : isMissingObject(error)) return null;
    throw error;
  }
}

/**
 * Waits for the lists of the object's collection that this operation starts beside the lookup: once they
 * are fetched, one of them may answer it at no cost. Lists resolved beside the lookup start in this same
 * tick, except those under an object read first (`pipeline(name) { runs }` reads the pipeline before
 * its runs): while such an owner, or a list of owners, is being read below the project, the lookup waits
 * for it and for the lists its fields then start. A read of the project itself is not waited for: every
 * lookup would then take two round trips whenever a project field sat beside it.
 */
async function listsAlongside(context: GraphContext, request: AtlasRequest): Promise<void> {
  const { requests, windows } = context.loaders;
  const collection = parentPath(request.path);
  await nextMacrotask();
  if (!windows.listing(collection)) {
    const owners = ancestorsBelowProject(collection).filter((path) => requests.underWay.has(path));
    if (owners.length > 0) {
      await Promise.all(owners.map((path) => requests.underWay.settled(path)));
      await nextMacrotask();
    }
  }
  await windows.listsOf(collection);
}

const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

const parentPath = (path: string) => path.slice(0, path.lastIndexOf('/'));

/** `/groups/{id}/pipelines/{name}/runs` → its pipelines list and pipeline, not the project or above. */
function ancestorsBelowProject(path: string): string[] {
  const projectDepth = PROJECTS_PATH.split('/').length + 1;
  const segments = path.split('/');
  const ancestors: string[] = [];
  for (let depth = projectDepth + 1; depth < segments.length; depth++)
    ancestors.push(segments.slice(0, depth).join('/'));
  return ancestors;
}
