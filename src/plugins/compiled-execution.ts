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

/** The run of a document's operation from which it executes compiled; the runs before are interpreted. */
export const COMPILE_ON_RUN = 2;

interface Entry {
  runs: number;
  compiled?: Compiled;
}

/**
 * Queries and mutations that run again run as code compiled for them (graphql-jit): a fraction of the
 * general executor's cost per operation (README, Performance). Compiling costs 0.5-6 ms, more than
 * running once, so a document is compiled on its second run: a screen's operations are, a one-off
 * query (or a flood of distinct ones) is not. Subscriptions keep the general executor: an event is rare
 * next to a screen's queries. What clients see stays what graphql-js gives:
 * - a field error keeps its `locations`: Yoga rebuilds every error from `nodes`/`source`/`positions`,
 *   and graphql-jit's errors carry `locations` only, so they are rebuilt on the document's source;
 * - a variable that does not coerce is a request error (400) with graphql-js's message, which gives the
 *   scalar's own reason where graphql-jit only names the type expected.
 * Both happen on error paths only; a result without errors passes through untouched.
 */
export function compiledExecution(): Plugin {
  // Yoga hands every request of one document string the same parsed DocumentNode; yoga has resolved
  // the operation name before execution, so only names the document has reach the inner map.
  const entries = new WeakMap<DocumentNode, Map<string | null, Entry>>();
  const entryFor = (args: ExecutionArgs): Entry => {
    const operationName = args.operationName ?? null;
    const byName = entries.get(args.document) ?? new Map<string | null, Entry>();
    entries.set(args.document, byName);
    const entry = byName.get(operationName) ?? { runs: 0 };
    byName.set(operationName, entry);
    return entry;
  };
  const compile = (args: ExecutionArgs): Compiled =>
    compileQuery(args.schema, args.document, args.operationName ?? undefined, {
      useExperimentalPathBasedSkipInclude: true,
      disablingCapturingStackErrors: true,
    });

  const executeCompiled = async (entry: Entry, args: ExecutionArgs): Promise<ExecutionResult> => {
    const compiled = (entry.compiled ??= compile(args));
    // Not compiled: the document names no such operation; the errors are the answer, as graphql-js's.
    if (!isCompiledQuery(compiled)) return requestErrors(args, compiled.errors ?? []);
    const result = await compiled.query(args.rootValue, args.contextValue, args.variableValues ?? {});
    if (!result.errors?.length) return result;
    // Without data, the operation never started: its variables did not coerce.
    if (!('data' in result)) return requestErrors(args, result.errors);
    return { ...result, errors: result.errors.map((error) => withSourceLocations(error, args.document)) };
  };

  return {
    onExecute({ args, setExecuteFn }) {
      const entry = entryFor(args);
      entry.runs += 1;
      if (entry.runs < COMPILE_ON_RUN) return;
      setExecuteFn(((executionArgs: ExecutionArgs) => executeCompiled(entry, executionArgs)) as Parameters<typeof setExecuteFn>[0]);
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
