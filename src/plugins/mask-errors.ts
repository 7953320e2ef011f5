import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { AtlasCallError } from '../atlas/errors.ts';
import { fromAtlasCall, internalServerError, locatedFromAtlasCall } from '../errors/catalogue.ts';

/**
 * Unexpected errors are logged in full and answered as INTERNAL_SERVER_ERROR without details. Expected
 * ones are GraphQL errors, or errors carrying a catalogue code (see serializeDateTime in src/graph/lib/scalars.ts).
 * A failed Atlas call that reaches here without its GraphQL form (src/plugins/atlas-call-errors.ts
 * gives it to those in answers) is judged in that form.
 */
export function maskUnexpected(given: unknown, message: string, logger: Logger): Error {
  const error =
    given instanceof AtlasCallError
      ? fromAtlasCall(given)
      : given instanceof GraphQLError
        ? locatedFromAtlasCall(given)
        : given;
  if (error instanceof GraphQLError && error.originalError === undefined) return error;
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (
    original instanceof GraphQLError ||
    typeof (original as { extensions?: { code?: unknown } } | undefined)?.extensions?.code ===
      'string'
  ) {
    return error as GraphQLError;
  }
  logger.error({ err: original }, 'unexpected error');
  return internalServerError(message, error instanceof GraphQLError ? error : undefined);
}
