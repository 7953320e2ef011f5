import { type ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { LimitName } from '../errors/catalogue.ts';
import type { GatewayMetrics, RefusalReason } from '../metrics.ts';

const BY_LIMIT: Record<LimitName, RefusalReason> = {
  bodyBytes: 'body_too_large',
  urlBytes: 'url_too_long',
  depth: 'depth',
  aliases: 'aliases',
  tokens: 'tokens',
  directives: 'directives',
  cost: 'cost',
};

const BY_CODE = new Map<unknown, RefusalReason>([
  ['UNAUTHENTICATED', 'unauthenticated'],
  ['GRAPHQL_PARSE_FAILED', 'parse'],
  ['GRAPHQL_VALIDATION_FAILED', 'validation'],
  // Before execution, only a variable GraphQL cannot coerce carries this code (docs/errors.md).
  ['BAD_USER_INPUT', 'variables'],
  ['PERSISTED_QUERY_NOT_FOUND', 'persisted_query'],
]);

/**
 * Counts requests refused before execution, by reason, in one place: every refusal, whichever plugin,
 * library or context factory threw it, reaches the client as a result with errors and no `data`, and its
 * code (with `extensions.limit` for OPERATION_LIMIT) names the reason. A result that executed always has
 * `data`, even null. Failures that are not the request's fault (the JWT issuer's keys out of reach,
 * anything unexpected) are not refusals and are not counted.
 */
export function refusalMetrics(metrics: GatewayMetrics): Plugin {
  return {
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result])
        if (!isAsyncIterable(one)) countRefusal(metrics, one);
    },
  };
}

/**
 * Counts `result` when it is a refusal. Over HTTP the plugin above calls it; src/websocket-server.ts
 * calls it for the refusals it answers itself, which never reach Yoga's result processing.
 */
export function countRefusal(metrics: GatewayMetrics, result: ExecutionResult): void {
  const reason = refusalReason(result);
  if (reason) metrics.refused(reason);
}

function refusalReason(result: ExecutionResult): RefusalReason | undefined {
  if ('data' in result) return undefined;
  for (const error of result.errors ?? []) {
    const reason = reasonOf(error);
    if (reason) return reason;
  }
  return undefined;
}

function reasonOf(error: GraphQLError | Error): RefusalReason | undefined {
  const extensions = error instanceof GraphQLError ? error.extensions : {};
  const { code, limit, http } = extensions as {
    code?: string;
    limit?: LimitName;
    http?: { status?: number };
  };
  if (code === 'OPERATION_LIMIT')
    return limit && Object.hasOwn(BY_LIMIT, limit) ? BY_LIMIT[limit] : undefined;
  // Both are the HTTP request's own faults; only CSRF prevention answers 403 (src/plugins/csrf-prevention.ts).
  if (code === 'BAD_REQUEST') return http?.status === 403 ? 'csrf' : 'bad_request';
  return BY_CODE.get(code);
}
