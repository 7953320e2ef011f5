import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type SourceLocation,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

type Compiled = CompiledQuery | ExecutionResult;

/**
 * Queries and mutations run as code compiled once per document and operation (graphql-jit): a fraction
 * of the general executor's cost per operation (README, Performance). Subscriptions keep the general
 * executor: an event is rare next to a screen's queries. What clients see stays what graphql-js gives:
 * - a field error keeps its `locations`: Yoga rebuilds every error from `nodes`/`source`/`positions`,
 *   and graphql-jit's errors carry `locations` only, so they are rebuilt on the document's source;
 * - a variable that does not coerce is a request error (400) with graphql-js's message, which gives the
 *   scalar's own reason where graphql-jit only names the type expected.
 * Both happen on error paths only; a result without errors passes through untouched.
 */
export function compiledExecution(): Plugin {
  // Yoga hands every request of one document string the same parsed DocumentNode.
  const compiledByDocument = new WeakMap<DocumentNode, Map<string | null, Compiled>>();
  const compiledFor = (args: ExecutionArgs): Compiled => {
    const operationName = args.operationName ?? null;
    const byName = compiledByDocument.get(args.document) ?? new Map<string | null, Compiled>();
    compiledByDocument.set(args.document, byName);
    let compiled = byName.get(operationName);
    if (!compiled) {
      compiled = compileQuery(args.schema, args.document, operationName ?? undefined, {
        useExperimentalPathBasedSkipInclude: true,
        disablingCapturingStackErrors: true,
      });
      // Only operations the document has are kept: a made-up name must not grow the cache.
      if (isCompiledQuery(compiled)) byName.set(operationName, compiled);
    }
    return compiled;
  };

  const execute = async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const compiled = compiledFor(args);
    // Not compiled: the document names no such operation; the errors are the answer, as graphql-js's.
    if (!isCompiledQuery(compiled)) return requestErrors(args, compiled.errors ?? []);
    const result = await compiled.query(args.rootValue, args.contextValue, args.variableValues ?? {});
    if (!result.errors?.length) return result;
    // Without data, the operation never started: its variables did not coerce.
    if (!('data' in result)) return requestErrors(args, result.errors);
    return { ...result, errors: result.errors.map((error) => withSourceLocations(error, args.document)) };
  };

  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(execute as Parameters<typeof setExecuteFn>[0]);
    },
  };
}

function withSourceLocations(error: GraphQLError, document: DocumentNode): GraphQLError {
  const source = document.loc?.source;
  if (error.nodes || error.positions || !error.locations?.length || !source) return error;
  const lineStarts = lineOffsets(source.body);
  return new GraphQLError(error.message, {
    source,
    positions: error.locations.map((location: SourceLocation) => (lineStarts[location.line - 1] ?? 0) + location.column - 1),
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

function lineOffsets(body: string): number[] {
  const starts = [0];
  for (const match of body.matchAll(/\r\n|[\n\r]/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** graphql-js's own coercion errors where it has them, answered as 400 like the general executor's. */
function requestErrors(args: ExecutionArgs, compiled: readonly GraphQLError[]): ExecutionResult {
  const operation = getOperationAST(args.document, args.operationName);
  const coerced = operation && getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
  const errors = coerced?.errors?.length ? coerced.errors : compiled.map((error) => withSourceLocations(error, args.document));
  return {
    errors: errors.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path,
          originalError: error.originalError,
          extensions: { ...error.extensions, http: { ...(error.extensions?.http as object | undefined), status: 400 } },
        }),
    ),
  };
}
