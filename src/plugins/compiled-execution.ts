import { createRequire } from 'node:module';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  visit,
} from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
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

type GraphqlJit = typeof import('graphql-jit');
const require = createRequire(import.meta.url);

interface Entry {
  runs: number;
  /** Compiled code, or null once the operation is known to stay interpreted. */
  compiled?: CompiledQuery | null;
}

/**
 * Queries that run again run as code compiled for them (graphql-jit): a fraction of the general
 * executor's cost per operation (docs/performance.md). Compiling costs 0.5-6 ms, more than running once,
 * so a query is compiled on its second run: a screen's operations are, a one-off query (or a flood of
 * distinct ones) is not.
 *
 * graphql-jit answers a clean query as graphql-js does, and little else the same way (differential tests,
 * test/plugins/compiled-execution.test.ts): with `@skip`/`@include` it drops or adds fields, and once any
 * error occurs it may lose the error's code and locations, misplace a failed item in a list, report
 * errors under a parent already nulled, or refuse a defaulted non-null variable. So:
 * - a document with `@skip` or `@include`, or with graphql-jit's marker, is never compiled; nor one with
 *   `@defer` or `@stream`, whose parts only graphql-js delivers one after another;
 * - a compiled answer holding any error is discarded, and the query runs again interpreted, from the
 *   operation's loaders: what it already fetched (and what failed) costs no new upstream call;
 * - mutations are never compiled, since they could not run again; subscriptions neither, since an event
 *   is rare next to a screen's queries;
 * - only documents from the trusted-documents store are compiled (`trusted`, see
 *   src/plugins/trusted-documents.ts): graphql-jit writes literal values into the code it generates, so
 *   text sent by a client is always interpreted, whatever it holds.
 *
 * graphql-jit (and the JSON schema compiler it brings) is loaded once the first query that could be
 * compiled is answered, not at start-up: an idle gateway does not carry it (docs/performance.md).
 */
export function compiledExecution(
  metrics: GatewayMetrics,
  trusted: (request: Request) => boolean,
): Plugin {
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

  let jit: GraphqlJit | undefined;
  let loadScheduled = false;
  // Synchronous (graphql-jit is CommonJS): loaded between two tasks, it interleaves with no operation's calls.
  const loadJit = (): GraphqlJit => {
    jit ??= require('graphql-jit') as GraphqlJit;
    return jit;
  };

  const worthCompiling = (args: ExecutionArgs) =>
    getOperationAST(args.document, args.operationName)?.operation === 'query' &&
    compilable(args.document);

  const compile = ({ compileQuery, isCompiledQuery }: GraphqlJit, args: ExecutionArgs) => {
    const compiled = compileQuery(args.schema, args.document, args.operationName ?? undefined, {
      disablingCapturingStackErrors: true,
    });
    return isCompiledQuery(compiled) ? compiled : null;
  };

  const runCompiled = async (
    compiled: CompiledQuery,
    args: ExecutionArgs,
    interpreted: (args: ExecutionArgs) => unknown,
  ) => {
    metrics.execution('compiled');
    const result: ExecutionResult = await compiled.query(
      args.rootValue,
      args.contextValue,
      args.variableValues ?? {},
    );
    if (!result.errors?.length) return result;
    metrics.execution('interpreted');
    return interpreted(args);
  };

  // Decided when execution starts, on the arguments it gets: a later plugin may have rewritten the
  // document (the response cache adds the fields it keys entities by).
  const execute = (interpreted: (args: ExecutionArgs) => unknown) => {
    const run = (entry: Entry, args: ExecutionArgs) => {
      if (entry.runs >= COMPILE_ON_RUN && entry.compiled === undefined)
        entry.compiled = compile(loadJit(), args);
      if (!entry.compiled) {
        metrics.execution('interpreted');
        return interpreted(args);
      }
      return runCompiled(entry.compiled, args, interpreted);
    };
    return (args: ExecutionArgs) => {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      if (!request || !trusted(request)) {
        metrics.execution('interpreted');
        return interpreted(args);
      }
      const entry = entryFor(args);
      entry.runs += 1;
      if (entry.compiled === undefined && !worthCompiling(args)) entry.compiled = null;
      const result = run(entry, args);
      if (entry.compiled === undefined && !jit && !loadScheduled) {
        // Loaded once the first query that could be compiled has its answer, before its second run
        // needs it (which otherwise loads it first).
        loadScheduled = true;
        const load = () => void setImmediate(loadJit);
        Promise.resolve(result).then(load, load);
      }
      return result;
    };
  };

  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(execute(executeFn) as typeof executeFn);
    },
  };
}

/** Directives graphql-jit gets wrong (`@skip`, `@include`) or ignores (`@defer`, `@stream`: it would answer all at once). */
const INTERPRETED_DIRECTIVES = new Set(['skip', 'include', 'defer', 'stream']);

/** None of INTERPRETED_DIRECTIVES, and no graphql-jit marker in a string or a name. */
function compilable(document: DocumentNode): boolean {
  let safe = true;
  const check = (node: { value: string }) => {
    if (node.value.includes(JIT_MARKER)) safe = false;
  };
  visit(document, {
    StringValue: check,
    Name: check,
    Directive(node) {
      if (INTERPRETED_DIRECTIVES.has(node.name.value)) safe = false;
    },
  });
  return safe;
}
