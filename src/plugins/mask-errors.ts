import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';

/**
 * Unexpected errors are logged in full and answered as INTERNAL_SERVER_ERROR without details. Expected
 * ones are GraphQL errors, or errors carrying a catalogue code (see serializeDateTime in
 * src/graph/lib/scalars.ts).
 */
export function maskUnexpected(error: unknown, message: string, logger: Logger): Error {
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
  return new GraphQLError(message, {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
