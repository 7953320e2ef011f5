/**
 * Service-account OAuth: POST /api/oauth/token (client_credentials, HTTP Basic client auth) mints
 * JWT-shaped bearer tokens; POST /api/oauth/revoke revokes them. Errors use the OAuth style
 * ({error, error_description}), not ApiError, as Atlas's token endpoint does.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { SlidingWindowLimiter } from './rate-limit.ts';

export const TOKEN_PATH = '/api/oauth/token';
export const REVOKE_PATH = '/api/oauth/revoke';
const DEFAULT_TOKEN_TTL_SECONDS = 3_600;
const TOKEN_REQUESTS_PER_MINUTE = 10;

export interface ServiceAccount {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds?: number;
}

export interface OAuthAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface OAuthRequest {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

const INVALID_CLIENT: OAuthAnswer = {
  status: 401,
  headers: { 'WWW-Authenticate': 'Basic realm="oauth"' },
  body: { error: 'invalid_client', error_description: 'Invalid credentials provided.' },
};

function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): OAuthAnswer {
  return { status, headers, body: { error, error_description: description } };
}

/** Issued tokens, checked against the simulator clock. */
export class TokenStore {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly secret = randomBytes(32);

  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  issue(clientId: string, ttlSeconds: number): string {
    const issuedAt = Math.floor(this.now() / 1000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iss: 'atlas-simulator', sub: clientId, iat: issuedAt, exp: issuedAt + ttlSeconds, jti: randomUUID() })}`;
    const token = `${unsigned}.${createHmac('sha256', this.secret).update(unsigned).digest('base64url')}`;
    this.tokens.set(token, { clientId, expiresAt: this.now() + ttlSeconds * 1000 });
    return token;
  }

  /** The client a live token belongs to, or undefined for unknown, revoked and expired tokens. */
  verify(token: string): string | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.clientId;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }
}

function basicCredentials(
  authorization: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return { clientId: decoded.slice(0, separator), clientSecret: decoded.slice(separator + 1) };
}

export class OAuthEndpoints {
  private readonly limiter: SlidingWindowLimiter;

  private readonly account: ServiceAccount | undefined;
  private readonly tokens: TokenStore;

  constructor(account: ServiceAccount | undefined, tokens: TokenStore, now: () => number) {
    this.account = account;
    this.tokens = tokens;
    this.limiter = new SlidingWindowLimiter(TOKEN_REQUESTS_PER_MINUTE, now);
  }

  static handles(method: string, path: string): boolean {
    return method === 'POST' && (path === TOKEN_PATH || path === REVOKE_PATH);
  }

  answer(request: OAuthRequest): OAuthAnswer {
    const client = basicCredentials(request.authorization);
    if (client) {
      const retryAfter = this.limiter.attempt(client.clientId);
      if (retryAfter !== undefined) {
        const description = `Too many token requests; retry after ${retryAfter} seconds.`;
        return oauthError(429, 'rate_limit_exceeded', description, {
          'Retry-After': String(retryAfter),
        });
      }
    }
    const account = this.account;
    if (
      !client ||
      !account ||
      client.clientId !== account.clientId ||
      client.clientSecret !== account.clientSecret
    )
      return INVALID_CLIENT;
    if (!/^application\/x-www-form-urlencoded\b/i.test(request.contentType ?? '')) {
      return oauthError(
        400,
        'invalid_request',
        'Content-Type must be application/x-www-form-urlencoded.',
      );
    }
    return request.path === TOKEN_PATH
      ? this.mint(account, request.form)
      : this.revoke(request.form);
  }

  private mint(account: ServiceAccount, form: Record<string, string>): OAuthAnswer {
    if (form.grant_type !== 'client_credentials') {
      return oauthError(
        400,
        'unsupported_grant_type',
        'Only grant_type=client_credentials is supported.',
      );
    }
    const ttlSeconds = account.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    const accessToken = this.tokens.issue(account.clientId, ttlSeconds);
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      body: { access_token: accessToken, token_type: 'Bearer', expires_in: ttlSeconds },
    };
  }

  /** RFC 7009: unknown tokens are not an error. */
  private revoke(form: Record<string, string>): OAuthAnswer {
    if (!form.token) return oauthError(400, 'invalid_request', 'The token parameter is required.');
    this.tokens.revoke(form.token);
    return { status: 200, headers: {}, body: {} };
  }
}
