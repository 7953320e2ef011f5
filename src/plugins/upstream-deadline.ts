import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { endCalls } from '../atlas/call-deadline.ts';
import type { GraphContext } from '../graph/context.ts';

/**
 * Ends an operation's shared call deadline as soon as the operation is done, rather than when the
 * deadline passes: under load, thousands of finished operations would otherwise keep a live timer each.
 * Calls still running are cancelled, and the deadline moves to now, so that none is retried or started
 * for an operation whose answer has gone. A subscription (or an incremental answer, @defer/@stream) ends
 * its own when its stream ends, or at once when it was refused.
 */
export function upstreamDeadline(): Plugin<GraphContext> {
  const end = (context: GraphContext) => endCalls(context.upstream.scope);
  return {
    onExecute({ args }) {
      return {
        // With @defer or @stream, execution goes on after its first part: until the last one.
        onExecuteDone: ({ result }) => {
          if (!isAsyncIterable(result)) return end(args.contextValue);
          return { onEnd: () => end(args.contextValue) };
        },
      };
    },
    onSubscribe({ args }) {
      return {
        onSubscribeResult: ({ result }) => {
          if (!isAsyncIterable(result)) return end(args.contextValue);
          return { onEnd: () => end(args.contextValue) };
        },
      };
    },
  };
}
