import { UpstreamError } from '../atlas/errors.ts';
import type { ProjectAccess } from '../auth/caller.ts';
import type { GraphContext } from './context.ts';

/** The project segment of an upstream path: what the net in `callUpstream` checks. */
const GROUP_IN_PATH = /^\/api\/atlas\/v2\/groups\/([^/?]+)/;

export const allowsProject = (access: ProjectAccess, groupId: string) =>
  access.kind === 'any' || access.projects.has(groupId);

/**
 * The same answer whether the project exists or not, since the token, not Atlas, decides. An
 * UpstreamError with Atlas's 403 code, so mutations answer it as `ForbiddenError` like a 403 from Atlas.
 */
const forbidden = () => new UpstreamError('FORBIDDEN', 'Your token does not allow this project.');

/**
 * The project scope check (AUTH_MODE=jwt): every entry point that names a project (`project(id)`,
 * `node`/`nodes`, federation `_entities`, mutations, subscriptions) calls this before anything else.
 */
export function assertProjectAllowed(context: Pick<GraphContext, 'caller'>, groupId: string): void {
  if (!allowsProject(context.caller.projects, groupId)) throw forbidden();
}

/**
 * The net under the entry-point checks: no upstream call under a project the caller may not use leaves
 * the gateway, whichever resolver asked for it.
 */
export function assertPathAllowed(access: ProjectAccess, path: string): void {
  const groupId = GROUP_IN_PATH.exec(path)?.[1];
  if (groupId !== undefined && !allowsProject(access, groupId)) throw forbidden();
}
