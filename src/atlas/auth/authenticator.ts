/**
 * How the gateway proves itself to Atlas. One instance serves every request of the process, except in
 * AUTH_MODE=forward, where each request carries its caller's token.
 */
export interface Authenticator {
  readonly mode: 'digest' | 'service-account' | 'none' | 'forward';
  /** A non-secret identity for keying caches and limiters by credential. */
  readonly credentialKey: string;
  /** The `Authorization` header for this call, or undefined to send none. */
  authorization(method: string, uri: string): Promise<string | undefined>;
  /**
   * Called when Atlas answered 401 to a call that carried `sentAuthorization`. Returns true when fresh
   * credentials were obtained and one retry is worthwhile.
   */
  renew(challenge: string | undefined, sentAuthorization: string | undefined): Promise<boolean>;
}

export const noAuthentication: Authenticator = {
  mode: 'none',
  credentialKey: 'none',
  authorization: async () => undefined,
  renew: async () => false,
};
