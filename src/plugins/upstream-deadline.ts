import type { Plugin } from 'graphql-yoga';
import type { GraphContext } from '../graph/context.ts';

/**
 * Ends an operation's shared call deadline (its timer and its listener on the request) as soon as the
 * operation is done, rather than when the deadline passes: under load, thousands of finished operations
 * would otherwise keep a live timer each. A subscription ends its own when its stream ends.
 */
export function upstreamDeadline(): Plugin<GraphContext> {
  const end = (context: GraphContext) => {
    const { scope } = context.upstream;
    scope.callDeadline?.dispose();
    scope.callDeadline = undefined;
  };
  return {
    onExecute({ args }) {
      return { onExecuteDone: () => end(args.contextValue) };
    },
    onSubscribe({ args }) {
      return { onSubscribeResult: () => ({ onEnd: () => end(args.contextValue) }) };
    },
  };
}
