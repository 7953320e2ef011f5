import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphContext } from '../graph/context.ts';

/** One log line per operation: name, duration, upstream calls and error codes; request id on every line. */
export function operationLog(): Plugin<GraphContext> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const context = args.contextValue;
          const errors = 'errors' in result ? ((result as ExecutionResult).errors ?? []) : [];
          context.logger.info(
            {
              operation: getOperationAST(args.document, args.operationName)?.name?.value ?? null,
              ms: Math.round((performance.now() - started) * 10) / 10,
              upstreamCalls: context.upstream.calls,
              errors: errors.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql operation',
          );
        },
      };
    },
    onResponse({ response, serverContext }) {
      const requestId = (serverContext as Partial<GraphContext> | undefined)?.requestId;
      if (requestId) response.headers.set('x-request-id', requestId);
      if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
    },
  };
}
