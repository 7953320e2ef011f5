import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GraphContext } from '../graph/context.ts';
import type { TraceIds } from '../open-telemetry.ts';
import { shownOperationName } from './operation-name.ts';
import { onWholeResult } from './whole-result.ts';

/**
 * One log line per operation: request id, trace and span ids (tracing on), name, duration, upstream calls
 * and error codes. Every field is built here, so `logger` may be one without redaction (fixedFieldLogger).
 */
export function operationLog(
  logger: Logger,
  traceIds?: (context: GraphContext) => TraceIds | undefined,
): Plugin<GraphContext> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone: ({ result }) =>
          onWholeResult(result, (errors) => {
            const context = args.contextValue;
            const ids = traceIds?.(context);
            logger.info(
              {
                requestId: context.requestId,
                // Undefined without tracing: pino leaves them out.
                traceId: ids?.traceId,
                spanId: ids?.spanId,
                operation: shownOperationName(getOperationAST(args.document, args.operationName)),
                ms: Math.round((performance.now() - started) * 10) / 10,
                upstreamCalls: context.upstream.calls,
                errors: errors.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              },
              'graphql operation',
            );
          }),
      };
    },
    onResponse({ response, serverContext }) {
      const requestId = (serverContext as Partial<GraphContext> | undefined)?.requestId;
      if (requestId) response.headers.set('x-request-id', requestId);
      if (!response.headers.has('cache-control'))
        response.headers.set('cache-control', 'private, no-store');
    },
  };
}
