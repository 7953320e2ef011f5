/**
 * Authentication of API calls, when configured: HTTP Digest (RFC 7616: MD5, qop="auth", realm
 * "MMS Public API", as Atlas's legacy API keys) and/or bearer tokens from the OAuth endpoint.
 *
 * Digest nonces contain '+', '/' and '=' (clients must quote and compare them verbatim). A client may
 * reuse a nonce with a growing nc. Concurrent requests on several connections can arrive out of order,
 * so replays are detected with a sliding window (as IPsec's anti-replay window, RFC 4303): an nc already
 * seen, or more than NC_WINDOW below the highest one seen, is refused. Such an nc, an expired nonce or
 * one this simulator never issued gets 401 with `stale=true` when the credentials were otherwise right,
 * so a client retries with the new nonce without asking the user again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AtlasError } from './errors.ts';
import type { TokenStore } from './oauth.ts';
import type { Caller } from './operation.ts';

export const DIGEST_REALM = 'MMS Public API';
const DEFAULT_NONCE_TTL_MS = 5 * 60_000;
const NC_WINDOW = 64;
/** Base64 of 0xfb 0xff 0xbf is "+/+/": every nonce carries the characters clients get wrong. */
const NONCE_PREFIX = Buffer.from([0xfb, 0xff, 0xbf]);

export interface AuthOptions {
  digest?: { publicKey: string; privateKey: string };
  bearer?: TokenStore;
  nonceTtlMs?: number;
  now: () => number;
}

interface DigestParams {
  username?: string;
  realm?: string;
  nonce?: string;
  uri?: string;
  response?: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  opaque?: string;
  algorithm?: string;
}

interface NonceUse {
  issuedAt: number;
  highestNc: number;
  /** nc values seen within the window below highestNc. */
  seenNcs: Set<number>;
}

/** Records `nc` for the nonce; false when it is a replay or too far behind. */
function acceptNonceCount(use: NonceUse, nc: number): boolean {
  if (use.seenNcs.has(nc) || nc <= use.highestNc - NC_WINDOW) return false;
  use.seenNcs.add(nc);
  if (nc > use.highestNc) {
    use.highestNc = nc;
    for (const seen of use.seenNcs) if (seen <= nc - NC_WINDOW) use.seenNcs.delete(seen);
  }
  return true;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export function parseDigestHeader(header: string): DigestParams {
  const params: Record<string, string> = {};
  for (const match of header
    .replace(/^Digest\s+/i, '')
    .matchAll(/([a-zA-Z]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    const [, key = '', quoted, bare] = match;
    params[key.toLowerCase()] =
      quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
  }
  return params;
}

export class Authenticator {
  private readonly nonces = new Map<string, NonceUse>();
  private readonly opaque = randomBytes(16).toString('hex');
  private readonly nonceTtlMs: number;

  private readonly options: AuthOptions;

  constructor(options: AuthOptions) {
    this.options = options;
    this.nonceTtlMs = options.nonceTtlMs ?? DEFAULT_NONCE_TTL_MS;
  }

  get enabled(): boolean {
    return this.options.digest !== undefined || this.options.bearer !== undefined;
  }

  /** Who is calling; throws a 401 AtlasError (with a challenge) when auth is on and fails. */
  authenticate(method: string, requestTarget: string, authorization: string | undefined): Caller {
    if (!this.enabled) return { kind: 'anonymous' };
    const scheme = /^(\w+)\s/.exec(authorization ?? '')?.[1]?.toLowerCase();
    if (scheme === 'digest' && this.options.digest)
      return this.checkDigest(method, requestTarget, authorization ?? '');
    if (scheme === 'bearer' && this.options.bearer)
      return this.checkBearer(this.options.bearer, authorization ?? '');
    throw this.unauthorized('You are not authorized for this resource.', false);
  }

  private checkDigest(method: string, requestTarget: string, header: string): Caller {
    const credentials = this.options.digest;
    const params = parseDigestHeader(header);
    if (
      !credentials ||
      params.username !== credentials.publicKey ||
      params.realm !== DIGEST_REALM
    ) {
      throw this.unauthorized('You are not authorized for this resource.', false);
    }
    const wellFormed =
      params.qop === 'auth' &&
      (params.algorithm === undefined || params.algorithm.toUpperCase() === 'MD5') &&
      params.uri === requestTarget &&
      params.nonce !== undefined &&
      params.cnonce !== undefined &&
      /^[0-9a-f]{8}$/i.test(params.nc ?? '') &&
      (params.opaque === undefined || params.opaque === this.opaque);
    if (!wellFormed) throw this.unauthorized('Malformed Digest authorization.', false);

    const ha1 = md5(`${credentials.publicKey}:${DIGEST_REALM}:${credentials.privateKey}`);
    const ha2 = md5(`${method}:${params.uri}`);
    const expected = md5(`${ha1}:${params.nonce}:${params.nc}:${params.cnonce}:auth:${ha2}`);
    if (params.response?.toLowerCase() !== expected)
      throw this.unauthorized('You are not authorized for this resource.', false);

    const nonce = this.nonces.get(params.nonce ?? '');
    const nc = Number.parseInt(params.nc ?? '0', 16);
    if (!nonce || this.options.now() - nonce.issuedAt > this.nonceTtlMs)
      throw this.unauthorized('The Digest nonce is stale.', true);
    if (!acceptNonceCount(nonce, nc))
      throw this.unauthorized('The Digest nonce count was replayed.', true);
    return { kind: 'digest', publicKey: credentials.publicKey };
  }

  private checkBearer(store: TokenStore, header: string): Caller {
    const clientId = store.verify(header.replace(/^Bearer\s+/i, '').trim());
    if (clientId === undefined) {
      throw new AtlasError(401, 'UNAUTHORIZED', 'The access token is invalid or expired.', [], [], {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    return { kind: 'bearer', clientId };
  }

  private unauthorized(detail: string, stale: boolean): AtlasError {
    return new AtlasError(401, 'UNAUTHORIZED', detail, [], [], {
      'WWW-Authenticate': this.challenge(stale),
    });
  }

  /** A fresh challenge: Digest when Digest is configured, else a Bearer one. */
  challenge(stale: boolean): string {
    if (!this.options.digest) return 'Bearer realm="atlas"';
    const nonce = Buffer.concat([NONCE_PREFIX, randomBytes(19)]).toString('base64');
    this.forgetExpiredNonces();
    this.nonces.set(nonce, { issuedAt: this.options.now(), highestNc: 0, seenNcs: new Set() });
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}, opaque="${this.opaque}"`;
  }

  private forgetExpiredNonces(): void {
    const now = this.options.now();
    for (const [nonce, { issuedAt }] of this.nonces)
      if (now - issuedAt > this.nonceTtlMs) this.nonces.delete(nonce);
  }
}
