import type { Authenticator } from '../atlas/auth/authenticator.ts';

/** The project ids a caller may use: every one (modes none and forward), or those its token lists. */
export type ProjectAccess = { kind: 'any' } | { kind: 'listed'; projects: ReadonlySet<string> };

/** Who sent one request, as established before anything executes. */
export interface Caller {
  projects: ProjectAccess;
  /**
   * The credential this caller's upstream calls carry instead of the gateway's (mode forward). Its
   * `credentialKey` keys every cache, loader and limiter that outlives the operation.
   */
  upstreamAuthenticator?: Authenticator;
  /** The JWT's `sub` (mode jwt): callers of one project share its budget fairly (docs/upstream.md). */
  subject?: string;
  /** When the caller's token stops being accepted (mode jwt): a subscription ends then, as a request would. */
  expiresAt?: number;
}

export const ANY_PROJECT: ProjectAccess = { kind: 'any' };
