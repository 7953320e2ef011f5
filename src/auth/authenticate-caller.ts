import { ForwardedTokenAuthenticator } from '../atlas/auth/forwarded-token.ts';
import type { ClientAuthConfig } from '../config/index.ts';
import { unauthenticated } from '../errors/catalogue.ts';
import { bearerToken } from './bearer-token.ts';
import { ANY_PROJECT, type Caller } from './caller.ts';
import { createJwtVerifier } from './jwt-verifier.ts';

export type CallerAuthentication = (request: Request) => Promise<Caller>;

/** How each request proves who sent it, per AUTH_MODE; throws UNAUTHENTICATED before any execution. */
export function createCallerAuthentication(settings: ClientAuthConfig): CallerAuthentication {
  switch (settings.mode) {
    case 'none':
      return async () => ({ projects: ANY_PROJECT });
    case 'forward':
      // Atlas decides what the token may see; the gateway only carries it.
      return async (request) => ({
        projects: ANY_PROJECT,
        upstreamAuthenticator: new ForwardedTokenAuthenticator(
          requireToken(request, 'an Atlas access token'),
        ),
      });
    case 'jwt': {
      const verify = createJwtVerifier(settings);
      return async (request) => verify(requireToken(request, 'a JWT'));
    }
  }
}

function requireToken(request: Request, what: string): string {
  const token = bearerToken(request);
  if (token === undefined)
    throw unauthenticated(`Send ${what} as "Authorization: Bearer <token>".`);
  return token;
}
