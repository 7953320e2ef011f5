import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type SourceLocation,
  visit,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from '../metrics.ts';

/** The run of a document's query from which it executes compiled; the runs before are interpreted. */
export const COMPILE_ON_RUN = 2;

/**
 * graphql-jit writes an operation's literal argument values into the code it generates and turns a
 * string holding its date marker (`__MAGIC_DATE__<uuid>…`) into code: a document with that text in any
 * string or name would run the caller's JavaScript. Such a document is never compiled.
 */
const JIT_MARKER = '__MAGIC_';

interface Entry {
  runs: number;
  /** Compiled code, or null once the operation is known to stay interpreted. */
  compiled?: CompiledQuery | null;
}

/**
 * Queries that run again run as code compiled for them (graphql-jit): a fraction of the general
 * executor's cost per operation (README, Performance). Compiling costs 0.5-6 ms, more than running once,
 * so a query is compiled on its second run: a screen's operations are, a one-off query (or a flood of
 * distinct ones) is not. Mutations and subscriptions stay interpreted: a mutation could not be run again
 * (below), and an event is rare next to a screen's queries. What clients see stays what graphql-js gives:
 * - an error graphql-jit makes itself (a scalar that fails to serialize, a null in a non-null field)
 *   loses the original error and its code; a query with one runs again interpreted, from the operation's
 *   loaders, so what it already fetched costs no new upstream call;
 * - a field error keeps its `locations`: Yoga rebuilds every error from `nodes`/`source`/`positions`,
 *   and graphql-jit's errors carry `locations` only, so they are rebuilt on the document's source;
 * - a variable that does not coerce is a request error (400) with graphql-js's message, which gives the
 *   scalar's own reason where graphql-jit only names the type expected.
 * All on error paths only; a result without errors passes through untouched.
 */
export function compiledExecution(metrics: GatewayMetrics): Plugin {
  // Yoga hands every request of one document string the same parsed DocumentNode, and it has resolved
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

  const compile = (args: ExecutionArgs): CompiledQuery | null => {
    if (getOperationAST(args.document, args.operationName)?.operation !== 'query' || holdsJitMarker(args.document)) return null;
    const compiled = compileQuery(args.schema, args.document, args.operationName ?? undefined, {
      useExperimentalPathBasedSkipInclude: true,
      disablingCapturingStackErrors: true,
    });
    return isCompiledQuery(compiled) ? compiled : null;
  };

  const executeCompiled = async (compiled: CompiledQuery, args: ExecutionArgs, interpreted: (args: ExecutionArgs) => unknown) => {
    metrics.execution('compiled');
    const result = await compiled.query(args.rootValue, args.contextValue, args.variableValues ?? {});
    if (!result.errors?.length) return result;
    // Without data, the operation never started: its variables did not coerce.
    if (!('data' in result)) return requestErrors(args, result.errors);
    // Every error the gateway raises carries a code; one without was made by graphql-jit.
    if (result.errors.some((error) => error.extensions?.code === undefined)) {
      metrics.execution('interpreted');
      return interpreted(args);
    }
    return { ...result, errors: result.errors.map((error) => withSourceLocations(error, args.document)) };
  };

  // Decided when execution starts, on the arguments it gets: a later plugin may have rewritten the
  // document (the response cache adds the fields it keys entities by).
  const execute = (interpreted: (args: ExecutionArgs) => unknown) => (args: ExecutionArgs) => {
    const entry = entryFor(args);
    entry.runs += 1;
    if (entry.runs >= COMPILE_ON_RUN && entry.compiled === undefined) entry.compiled = compile(args);
    if (!entry.compiled) {
      metrics.execution('interpreted');
      return interpreted(args);
    }
    return executeCompiled(entry.compiled, args, interpreted);
  };

  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(execute(executeFn) as typeof executeFn);
    },
  };
}

function holdsJitMarker(document: DocumentNode): boolean {
  let found = false;
  const check = (node: { value: string }) => {
    if (node.value.includes(JIT_MARKER)) found = true;
  };
  visit(document, { StringValue: check, Name: check });
  return found;
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
