import type { ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { AtlasCallError } from '../atlas/errors.ts';
import { locatedFromAtlasCall } from '../errors/catalogue.ts';

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
    result: ExecutionResult;
    setResult: (result: ExecutionResult) => void;
  }) => {
    if (result.errors?.some(overAtlasCall))
      setResult({ ...result, errors: result.errors.map(locatedFromAtlasCall) });
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
