import type { ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable } from 'graphql-yoga';

/** A part of an answer; a later part of an incremental one (@defer, @stream) holds its errors in its items. */
export type IncrementalResult = ExecutionResult & {
  incremental?: readonly { errors?: readonly GraphQLError[] }[];
};

/** Every error of one part, its items' included. */
export const partErrors = (part: IncrementalResult): GraphQLError[] => [
  ...(part.errors ?? []),
  ...(part.incremental ?? []).flatMap((item) => item.errors ?? []),
];

/**
 * For an `onExecuteDone` hook that reports an operation once: calls `done` with every error of the
 * answer, at once for a single result, after the last part of an incremental one (its upstream calls
 * and duration are complete only then).
 */
export function onWholeResult(
  result: ExecutionResult | AsyncIterable<ExecutionResult>,
  done: (errors: readonly GraphQLError[]) => void,
) {
  if (!isAsyncIterable(result)) return done(partErrors(result));
  const errors: GraphQLError[] = [];
  return {
    onNext: ({ result: part }: { result: ExecutionResult }) => {
      errors.push(...partErrors(part));
    },
    onEnd: () => done(errors),
  };
}
