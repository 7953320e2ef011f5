import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badRequest } from '../errors/catalogue.ts';

/** The header a browser cannot add to a cross-site request without a CORS preflight. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';
/**
 * Apollo Client's names for the same guard: Apollo Server asks for one of them, so a frontend written
 * for it sends them already. Any value of any of these headers passes.
 */
export const APOLLO_CSRF_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * A browser sends GET and "simple" POSTs (form, multipart, text/plain) cross-site without a preflight, so
 * those need a custom header (any value); JSON POSTs are preflighted and pass. SSE clients (graphql-sse,
 * fetch) POST JSON, or add the header to a GET. Yoga's plugin does the check; the refusal gets a code.
 */
export function csrfPrevention(): Plugin {
  const check = useCSRFPrevention({ requestHeaders: [CSRF_HEADER, ...APOLLO_CSRF_HEADERS] });
  return {
    onRequestParse(payload) {
      try {
        return check.onRequestParse?.(payload);
      } catch {
        const { message, extensions } = badRequest(
          `Send the "${CSRF_HEADER}" header (or Apollo's "${APOLLO_CSRF_HEADERS[0]}"), any value, with GET and form or text requests.`,
          403,
        );
        throw new GraphQLError(message, { extensions });
      }
    },
  };
}
