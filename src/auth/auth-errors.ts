import { GraphQLError } from 'graphql';

/**
 * The request is refused before execution. The message says what is wrong with the token, never the
 * token itself, and never anything about a project.
 */
export const unauthenticated = (message: string) =>
  new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
    },
  });

/** The token could not be checked because the issuer's keys are out of reach: the caller may retry. */
export const keysUnavailable = () =>
  new GraphQLError("The token issuer's signing keys could not be fetched; retry later.", {
    extensions: { code: 'UPSTREAM_UNAVAILABLE', http: { status: 503 } },
  });
