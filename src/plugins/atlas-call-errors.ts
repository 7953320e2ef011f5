import type { ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { AtlasCallError } from '../atlas/errors.ts';
import { locatedFromAtlasCall } from '../errors/catalogue.ts';
import { type IncrementalResult, partErrors } from './whole-result.ts';

const overAtlasCall = (error: { originalError?: unknown }) =>
  error.originalError instanceof AtlasCallError;

/**
 * Where failed Atlas calls leave the graph: each error an answer holds over an AtlasCallError takes its
 * GraphQL form (code, `atlas`, `retryAfter`, `successor`), at the same path. Registered before the
 * plugins that read codes (log, metrics, tracing), whose hooks run after this one's.
 */
export function atlasCallErrors(): Plugin {
  const recode = ({
    result,
    setResult,
  }: {
    result: IncrementalResult;
    setResult: (result: ExecutionResult) => void;
  }) => {
    // A later part of an incremental answer (@defer, @stream) holds its errors in each of its items.
    const incremental = result.incremental;
    if (!partErrors(result).some(overAtlasCall)) return;
    setResult({
      ...result,
      ...(result.errors && { errors: result.errors.map(locatedFromAtlasCall) }),
      ...(incremental && {
        incremental: incremental.map((item) =>
          item.errors ? { ...item, errors: item.errors.map(locatedFromAtlasCall) } : item,
        ),
      }),
    } as ExecutionResult);
  };
  return {
    onExecute: () => ({
      onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, recode),
    }),
    onSubscribe: () => ({
      onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, recode),
    }),
  };
}
