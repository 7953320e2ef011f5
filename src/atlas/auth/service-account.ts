import type { Authenticator } from './authenticator.ts';

export interface AccessToken {
  value: string;
  expiresAt: number;
}

/** Asks the token endpoint for a token; throws an AtlasCallError when it refuses. */
export type TokenFetcher = () => Promise<AccessToken>;

/** Refresh this long before expiry (a tenth of a short lifetime), so no call goes out with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const refreshMargin = (token: AccessToken, fetchedAt: number) =>
  Math.min(REFRESH_MARGIN_MS, (token.expiresAt - fetchedAt) / 10);

/**
 * OAuth 2 client credentials for an Atlas service account. The token endpoint allows about ten requests
 * a minute, so one token serves the whole process until shortly before it expires, and at most one
 * refresh is ever in flight however many calls wait for it.
 */
export class ServiceAccountAuthenticator implements Authenticator {
  readonly mode = 'service-account';
  readonly credentialKey: string;
  private token: AccessToken | undefined;
  private refreshAt = 0;
  private refreshing: Promise<AccessToken> | undefined;

  private readonly fetchToken: TokenFetcher;
  private readonly now: () => number;

  constructor(clientId: string, fetchToken: TokenFetcher, now: () => number = Date.now) {
    this.fetchToken = fetchToken;
    this.now = now;
    this.credentialKey = `service-account:${clientId}`;
  }

  async authorization(): Promise<string> {
    const token = this.token && this.refreshAt > this.now() ? this.token : await this.refreshOnce();
    return `Bearer ${token.value}`;
  }

  async renew(
    _challenge: string | undefined,
    sentAuthorization: string | undefined,
  ): Promise<boolean> {
    // A token already replaced since this call went out needs no new refresh.
    if (this.token && sentAuthorization !== `Bearer ${this.token.value}`) return true;
    this.token = undefined;
    await this.refreshOnce();
    return true;
  }

  private refreshOnce(): Promise<AccessToken> {
    const fetchedAt = this.now();
    this.refreshing ??= this.fetchToken()
      .then((token) => {
        this.token = token;
        this.refreshAt = token.expiresAt - refreshMargin(token, fetchedAt);
        return token;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}
