import { GraphQLError } from 'graphql';
import { AtlasCallError, type UpstreamErrorCode } from '../atlas/errors.ts';

/**
 * Every `extensions.code` the gateway answers (docs/errors.md; a test checks that each is documented
 * there and that no other code is written anywhere in src/). Errors from Atlas calls are plain
 * AtlasCallErrors, since src/atlas knows nothing of GraphQL; they get their GraphQL form here.
 */
export type ErrorCode =
  | UpstreamErrorCode
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'OPERATION_RESOLUTION_FAILURE'
  | 'OPERATION_LIMIT'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'BAD_REQUEST'
  | 'INTERNAL_SERVER_ERROR';

export interface CatalogueEntry {
  /**
   * The HTTP statuses answered when this error refuses the request before execution. Absent: the error
   * only ever comes inside an executed answer, whose status does not depend on it.
   */
  readonly statuses?: readonly number[];
  readonly meaning: string;
  /** What builds it: ours below (or AtlasCallError), or the library that does. */
  readonly raisedBy: readonly (Constructor | 'graphql-yoga')[];
}

// biome-ignore lint/suspicious/noExplicitAny: any constructor or factory, whatever its parameters
type Constructor = ((...args: any[]) => unknown) | (new (...args: any[]) => unknown);

export const ERROR_CATALOGUE: { readonly [C in ErrorCode]: CatalogueEntry } = {
  BAD_USER_INPUT: {
    meaning:
      'An argument breaks the contract (scalar, global ID, cursor, page size, name pattern), or Atlas answered 400.',
    raisedBy: [userInputError, AtlasCallError],
  },
  GRAPHQL_PARSE_FAILED: {
    statuses: [400],
    meaning: 'The document does not parse.',
    raisedBy: [recoded],
  },
  GRAPHQL_VALIDATION_FAILED: {
    statuses: [400],
    meaning: 'The document does not validate against the schema.',
    raisedBy: [recoded],
  },
  OPERATION_RESOLUTION_FAILURE: {
    statuses: [400],
    meaning: "The request does not say which of the document's operations to run.",
    raisedBy: ['graphql-yoga'],
  },
  UNAUTHENTICATED: {
    statuses: [401],
    meaning: "No valid bearer token, or Atlas refused the gateway's credentials.",
    raisedBy: [unauthenticated, AtlasCallError],
  },
  FORBIDDEN: {
    meaning: 'The token does not allow the project, or Atlas answered 403.',
    raisedBy: [AtlasCallError],
  },
  NOT_FOUND: {
    meaning: 'An unknown project, cluster, instance or pipeline under a list.',
    raisedBy: [AtlasCallError],
  },
  CONFLICT: { meaning: 'Atlas answered 409.', raisedBy: [AtlasCallError] },
  RATE_LIMITED: {
    meaning: 'Atlas, or the per-project limiter, kept refusing until the deadline (`retryAfter`).',
    raisedBy: [AtlasCallError],
  },
  UPSTREAM_UNAVAILABLE: {
    statuses: [503],
    meaning: "Atlas answered 5xx or could not be reached, or the token issuer's keys could not.",
    raisedBy: [AtlasCallError, keysUnavailable],
  },
  UPSTREAM_TIMEOUT: {
    meaning: "Atlas did not answer before the operation's deadline.",
    raisedBy: [AtlasCallError],
  },
  UPSTREAM_BAD_RESPONSE: {
    meaning: 'Atlas answered outside its contract (not JSON, a wrong shape, a bad date).',
    raisedBy: [AtlasCallError],
  },
  UPSTREAM_GONE: {
    meaning: 'Atlas removed the route or version (`successor` names the replacement).',
    raisedBy: [AtlasCallError],
  },
  OPERATION_LIMIT: {
    statuses: [400, 413, 414],
    meaning: 'Over a limit before execution (`limit`, `value`).',
    raisedBy: [operationLimitError],
  },
  PERSISTED_QUERY_NOT_FOUND: {
    statuses: [400],
    meaning: 'TRUSTED_DOCUMENTS: an unknown hash, or (`only`) a document sent as text.',
    raisedBy: [persistedQueryNotFound],
  },
  BAD_REQUEST: {
    statuses: [400, 403, 405],
    meaning: 'The HTTP request itself: malformed JSON, a missing CSRF header, a mutation by GET.',
    raisedBy: [badRequest, 'graphql-yoga'],
  },
  INTERNAL_SERVER_ERROR: {
    meaning: 'Anything unexpected: masked in the answer, logged in full.',
    raisedBy: [internalServerError],
  },
};

/** Input refused before any upstream call, naming the argument at fault. */
export function userInputError(message: string, argumentPath?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: argumentPath
      ? { code: 'BAD_USER_INPUT', argument: argumentPath }
      : { code: 'BAD_USER_INPUT' },
  });
}

/**
 * The request is refused before execution. The message says what is wrong with the token, never the
 * token itself, and never anything about a project.
 */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
    },
  });
}

/** The token could not be checked because the issuer's keys are out of reach: the caller may retry. */
export function keysUnavailable(): GraphQLError {
  return new GraphQLError("The token issuer's signing keys could not be fetched; retry later.", {
    extensions: { code: 'UPSTREAM_UNAVAILABLE', http: { status: 503 } },
  });
}

export type LimitName =
  | 'depth'
  | 'aliases'
  | 'tokens'
  | 'directives'
  | 'cost'
  | 'bodyBytes'
  | 'urlBytes';

/**
 * Every refusal by a limit, whichever library found it: the code, which limit and its value, so a
 * client can tell which knob its operation hit.
 */
export function operationLimitError(
  limit: LimitName,
  value: number,
  message: string,
  http?: { status: number; headers?: Record<string, string> },
): GraphQLError {
  return new GraphQLError(message.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'OPERATION_LIMIT', limit, value, ...(http ? { http } : {}) },
  });
}

type ErrorOptions = { message: string; extensions: Record<string, unknown> };

/** In the form the persisted-operations plugin takes for its refusals. */
export function persistedQueryNotFound(message: string): ErrorOptions {
  return { message, extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } };
}

/** The HTTP request is at fault, not the operation in it. */
export function badRequest(message: string, status: number): ErrorOptions {
  return { message, extensions: { code: 'BAD_REQUEST', http: { status } } };
}

/**
 * A parse or validation failure under its catalogue code, or under the code a limit rule gave it;
 * a scalar's BAD_USER_INPUT on a literal is a validation failure of the document.
 */
export function recoded(
  error: GraphQLError,
  code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED',
  message: string,
): GraphQLError {
  const given = error.extensions?.code;
  const finalCode = given && given !== 'BAD_USER_INPUT' ? given : code;
  if (given === finalCode && message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: finalCode },
  });
}

/** What an unexpected error becomes in the answer: its place, none of its details. */
export function internalServerError(message: string, located?: GraphQLError): GraphQLError {
  return new GraphQLError(message, {
    nodes: located?.nodes,
    path: located?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/** The GraphQL form of a failed Atlas call: its code, and what Atlas said, never a credential. */
export function fromAtlasCall(error: AtlasCallError): GraphQLError {
  const extensions: Record<string, unknown> = { code: error.code };
  if (error.atlas) {
    const { badRequestFields: _omitted, ...atlas } = error.atlas;
    extensions.atlas = atlas;
  }
  if (error.retryAfter !== undefined) extensions.retryAfter = error.retryAfter;
  if (error.successor) extensions.successor = error.successor;
  return new GraphQLError(error.message, {
    extensions,
    originalError: error.cause instanceof Error ? error.cause : undefined,
  });
}

/**
 * An error located at a field, with an AtlasCallError under it, in the form it had when that error was
 * itself a GraphQLError: same message, place and extensions, and the GraphQL form as original error,
 * which is what lets masking (src/plugins/mask-errors.ts) through.
 */
export function locatedFromAtlasCall(located: GraphQLError): GraphQLError {
  if (!(located.originalError instanceof AtlasCallError)) return located;
  const error = fromAtlasCall(located.originalError);
  return new GraphQLError(located.message, {
    nodes: located.nodes,
    source: located.source,
    positions: located.positions,
    path: located.path,
    originalError: error,
    extensions: error.extensions,
  });
}
