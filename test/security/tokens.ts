import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';

export const ISSUER = 'https://issuer.test/';
export const AUDIENCE = 'atlas-graph';
export const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';

/** The gateway's settings for AUTH_MODE=jwt verifying tokens of `signToken`. */
export const JWT_ENV = {
  AUTH_MODE: 'jwt',
  AUTH_JWT_SECRET: SECRET,
  AUTH_JWT_ISSUER: ISSUER,
  AUTH_JWT_AUDIENCE: AUDIENCE,
};

export interface TokenClaims {
  projects?: unknown;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  claimName?: string;
  /** `sub`, default user-1. */
  subject?: string;
}

/** Signs a JWT as an identity provider would: HS256 with the shared secret, or RS256 with `key`. */
export async function signToken(
  claims: TokenClaims = {},
  key?: { privateKey: CryptoKey; kid: string },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(
    claims.projects === undefined
      ? {}
      : { [claims.claimName ?? 'atlas_projects']: claims.projects },
  )
    .setProtectedHeader(key ? { alg: 'RS256', kid: key.kid } : { alg: 'HS256' })
    .setIssuer(claims.issuer ?? ISSUER)
    .setAudience(claims.audience ?? AUDIENCE)
    .setSubject(claims.subject ?? 'user-1')
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (claims.expiresIn ?? 300));
  return jwt.sign(key ? key.privateKey : new TextEncoder().encode(SECRET));
}

export interface JwksServer {
  url: string;
  key: { privateKey: CryptoKey; kid: string };
  /** JWKS requests served so far. */
  fetches: number;
  /** How the endpoint fails, from now on: resets the connection, answers 500, or answers an HTML page. */
  outage: 'none' | 'reset' | 'error' | 'html';
  close(): Promise<void>;
}

/** An identity provider's key endpoint on a loopback port, serving one RSA public key. */
export async function startJwksServer(): Promise<JwksServer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const state = { fetches: 0, outage: 'none' as JwksServer['outage'] };
  const server: Server = createServer((request, response) => {
    state.fetches += 1;
    if (state.outage === 'reset') return request.socket.destroy();
    if (state.outage === 'error') return response.writeHead(500).end();
    if (state.outage === 'html')
      return response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<html>maintenance</html>');
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    key: { privateKey, kid: 'key-1' },
    get fetches() {
      return state.fetches;
    },
    get outage() {
      return state.outage;
    },
    set outage(outage) {
      state.outage = outage;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
