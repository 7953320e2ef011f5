import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphContext } from '../graph/context.ts';
import type { GatewayMetrics } from '../metrics.ts';
import { onWholeResult } from './whole-result.ts';

/** Counts each executed operation by name, type and outcome, and times it (Prometheus). */
export function operationMetrics(metrics: GatewayMetrics): Plugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone: ({ result }) =>
          onWholeResult(result, (errors) => {
            const operation = getOperationAST(args.document, args.operationName);
            const failed = errors.length > 0;
            const upstreamCalls = (args.contextValue as Partial<GraphContext>).upstream?.calls ?? 0;
            metrics.operation(
              operation?.name?.value ?? 'anonymous',
              operation?.operation ?? 'query',
              { failed, upstreamCalls },
              (performance.now() - started) / 1000,
            );
          }),
      };
    },
  };
}
