import type { Plugin } from 'graphql-yoga';

/**
 * Ends every subscription stream when `signal` aborts (shutdown): the client gets a proper end of
 * stream (SSE `complete`) instead of a cut connection, and may resubscribe to another replica.
 */
export function endSubscriptionsOn(signal: AbortSignal): Plugin {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ result, setResult }) {
          if (Symbol.asyncIterator in result) setResult(untilAborted(result, signal));
        },
      };
    },
  };
}

/**
 * The source's events until `signal` aborts. A plain iterator, not an async generator: a generator
 * waiting for its next event would hold a client's `return()` (it left) until that event came, and the
 * source (e.g. a run poll) would go on working for no one.
 */
function untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let onAbort = () => {};
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const end = async (): Promise<IteratorReturnResult<undefined>> => {
    signal.removeEventListener('abort', onAbort);
    await iterator.return?.();
    return { done: true, value: undefined };
  };
  return {
    async next() {
      const next = await Promise.race([iterator.next(), aborted]);
      return next === undefined || next.done ? end() : next;
    },
    return: end,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
