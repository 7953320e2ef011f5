import { type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphContext } from '../graph/context.ts';
import type { GatewayMetrics } from '../metrics.ts';

/** Counts each executed operation by name, type and outcome, and times it (Prometheus). */
export function operationMetrics(metrics: GatewayMetrics): Plugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const operation = getOperationAST(args.document, args.operationName);
          const failed =
            'errors' in result && ((result as ExecutionResult).errors?.length ?? 0) > 0;
          const upstreamCalls = (args.contextValue as Partial<GraphContext>).upstream?.calls ?? 0;
          metrics.operation(
            operation?.name?.value ?? 'anonymous',
            operation?.operation ?? 'query',
            { failed, upstreamCalls },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}
