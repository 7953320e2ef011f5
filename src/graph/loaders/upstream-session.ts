import type { AtlasClient, AtlasRequest, CallScope } from '../../atlas/client.ts';
import type { ProjectAccess } from '../../auth/caller.ts';
import { assertPathAllowed } from '../project-scope.ts';

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

export const callUpstream = async <T>(
  session: UpstreamSession,
  request: AtlasRequest,
): Promise<T> => {
  assertPathAllowed(session.projects, request.path);
  return session.client.call<T>(request, session.scope);
};
