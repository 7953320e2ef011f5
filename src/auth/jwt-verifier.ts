import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { ClientAuthConfig } from '../config/index.ts';
import { keysUnavailable, unauthenticated } from '../errors/catalogue.ts';
import { OBJECT_ID } from '../graph/lib/patterns.ts';
import type { Caller } from './caller.ts';

type JwtSettings = Extract<ClientAuthConfig, { mode: 'jwt' }>;

const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];
/** Clock skew tolerated between the issuer and the gateway. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Verifies a JWT's signature, issuer, audience and expiry with jose, and reads the projects it allows.
 * The algorithm list is fixed by the key kind, so a token cannot pick `none` or turn a public key into an
 * HMAC secret.
 */
export function createJwtVerifier(
  settings: JwtSettings,
): (token: string) => Promise<Required<Pick<Caller, 'projects' | 'expiresAt'>>> {
  const secret =
    'secret' in settings.key ? new TextEncoder().encode(settings.key.secret) : undefined;
  // jose is loaded by the first token, not at start-up: only AUTH_MODE=jwt verifies tokens (docs/performance.md).
  let verifying: Promise<Verifying> | undefined;
  const start = async (): Promise<Verifying> => {
    const jose = await import('jose');
    const keys: JWTVerifyGetKey | undefined =
      'jwksUrl' in settings.key
        ? jose.createRemoteJWKSet(new URL(settings.key.jwksUrl), { timeoutDuration: 5000 })
        : undefined;
    return { jose, keys };
  };
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: secret ? HMAC_ALGORITHMS : ASYMMETRIC_ALGORITHMS,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp'],
  };
  return async (token) => {
    verifying ??= start();
    const { jose, keys } = await verifying;
    let payload: JWTPayload;
    try {
      payload = secret
        ? (await jose.jwtVerify(token, secret, options)).payload
        : (await jose.jwtVerify(token, keys!, options)).payload;
    } catch (error) {
      throw refusal(error, jose.errors);
    }
    return {
      projects: { kind: 'listed', projects: projectsIn(payload[settings.projectsClaim]) },
      subject: payload.sub,
      // As long as the verifier itself would accept the token (exp is required above).
      expiresAt: (payload.exp! + CLOCK_TOLERANCE_SECONDS) * 1000,
    };
  };
}

interface Verifying {
  jose: typeof import('jose');
  /** The issuer's key set, fetched and cached by jose, when the key is a JWKS URL. */
  keys: JWTVerifyGetKey | undefined;
}

function refusal(error: unknown, errors: typeof import('jose').errors) {
  if (error instanceof errors.JWTExpired) return unauthenticated('The bearer token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed)
    return unauthenticated(`The bearer token's "${error.claim}" claim is not accepted.`);
  // The key set out of reach (no connection, a timeout, not 200, not a key set) is the issuer's side;
  // jose says "not 200" and "not JSON" with its base JOSEError. Any other failure is the token's.
  const issuerSide =
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    !(error instanceof errors.JOSEError) ||
    error.constructor === errors.JOSEError;
  if (issuerSide) return keysUnavailable();
  return unauthenticated('The bearer token is not a valid JWT from the configured issuer.');
}

/** A JSON array of ids, or one string of ids separated by spaces (as OAuth's `scope`); others ignored. */
function projectsIn(claim: unknown): ReadonlySet<string> {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : [];
  return new Set(
    values.filter((value): value is string => typeof value === 'string' && OBJECT_ID.test(value)),
  );
}
