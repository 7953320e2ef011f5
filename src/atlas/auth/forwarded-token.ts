import { createHash } from 'node:crypto';
import type { Authenticator } from './authenticator.ts';

/**
 * The caller's own Atlas access token, sent upstream as it came (AUTH_MODE=forward). One per request:
 * the gateway holds no credential. The key is a hash, so caches and limiters keyed by credential never
 * hold the token itself.
 */
export class ForwardedTokenAuthenticator implements Authenticator {
  readonly mode = 'forward';
  readonly credentialKey: string;

  private readonly token: string;

  constructor(token: string) {
    this.token = token;
    this.credentialKey = `forward:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
  }

  async authorization(): Promise<string> {
    return `Bearer ${this.token}`;
  }

  /** Only the caller can renew its token: a 401 goes back to them as UNAUTHENTICATED. */
  async renew(): Promise<boolean> {
    return false;
  }
}
