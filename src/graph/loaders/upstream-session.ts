import type { AtlasClient } from '../../atlas/client.ts';
import { AtlasCallError } from '../../atlas/errors.ts';
import type { AtlasRequest, CallScope } from '../../atlas/request.ts';
import type { ProjectAccess } from '../../auth/caller.ts';
import { assertRequestAllowed, withoutForeignProjects } from '../project-scope.ts';

/** One GraphQL operation's access to Atlas: the shared client plus this operation's scope. */
export interface UpstreamSession {
  client: AtlasClient;
  scope: CallScope;
  /** Upstream calls made so far, for the operation's log line. */
  calls: number;
  /** UPSTREAM_DEADLINE_MS: an operation's time budget, which each subscription event gets afresh. */
  deadlineMs: number;
  /** The projects the caller may use: calls under any other are refused here, never sent. */
  projects: ProjectAccess;
}

/**
 * Every upstream call of an operation passes here: its projects are checked before it leaves, and
 * Atlas's words about a project the caller may not use never come back (src/graph/project-scope.ts).
 */
export const callUpstream = async <T>(
  session: UpstreamSession,
  request: AtlasRequest,
): Promise<T> => {
  assertRequestAllowed(session.projects, request);
  try {
    return await session.client.call<T>(request, session.scope);
  } catch (error) {
    throw error instanceof AtlasCallError ? scopedError(session.projects, error) : error;
  }
};

function scopedError(access: ProjectAccess, error: AtlasCallError): AtlasCallError {
  const text = `${error.message} ${error.atlas?.detail ?? ''}`;
  const shown = withoutForeignProjects(access, text);
  if (shown === text) return error;
  return new AtlasCallError(error.code, shown, {
    atlas: error.atlas && {
      status: error.atlas.status,
      errorCode: error.atlas.errorCode,
      detail: null,
    },
    retryAfter: error.retryAfter,
  });
}
