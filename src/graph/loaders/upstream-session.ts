import type { AtlasClient, AtlasRequest, CallScope } from '../../atlas/client.ts';

/** One GraphQL operation's access to Atlas: the shared client plus this operation's scope. */
export interface UpstreamSession {
  client: AtlasClient;
  scope: CallScope;
  /** Upstream calls made so far, for the operation's log line. */
  calls: number;
}

export const callUpstream = <T>(session: UpstreamSession, request: AtlasRequest) =>
  session.client.call<T>(request, session.scope);
