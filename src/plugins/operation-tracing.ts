import type { Span } from '@opentelemetry/api';
import { type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphContext } from '../graph/context.ts';
import type { UpstreamSession } from '../graph/loaders/upstream-session.ts';
import type { Tracing } from '../tracing.ts';
import { shownOperationName } from './operation-name.ts';

/**
 * One span per executed operation, kept under the operation's upstream session so that its upstream
 * calls (reported through the session's scope, see yoga.ts) become its children.
 */
export function operationTracing(
  tracing: Tracing,
  spans: WeakMap<UpstreamSession, Span>,
): Plugin<GraphContext> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const span = tracing.startOperation(
        shownOperationName(operation) ?? 'anonymous',
        operation?.operation ?? 'query',
      );
      spans.set(args.contextValue.upstream, span);
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result ? ((result as ExecutionResult).errors ?? []) : [];
          tracing.endOperation(
            span,
            errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
          );
        },
      };
    },
  };
}
