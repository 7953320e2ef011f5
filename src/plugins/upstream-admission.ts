import { type DocumentNode, GraphQLError, getNamedType, getOperationAST } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import type { Plugin } from 'graphql-yoga';
import { AtlasCallError } from '../atlas/errors.ts';
import type { ProjectLimiter } from '../atlas/limiter.ts';
import { planWindow } from '../atlas/pagination.ts';
import { fromAtlasCall } from '../errors/catalogue.ts';
import type { GraphContext } from '../graph/context.ts';
import { DEFAULT_PAGE_SIZE } from '../graph/relay/connection.ts';
import type { GatewayMetrics } from '../metrics.ts';

/**
 * The most upstream calls an operation can make: a list costs the window planner's exact count of pages
 * for its window (src/atlas/pagination.ts; one more for `last`, which needs the total first) plus its
 * items times what each item's selection costs; a field taking arguments (a lookup such as
 * `project(id)` or `pipeline(name)`) costs at most one call plus its selection; other fields cost what
 * their selection costs. An upper bound: loaders share many of these calls.
 */
const estimateCalls: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (getNamedType(field.type).name.endsWith('Connection')) {
    const size = Math.max(1, Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE) || 1);
    const pages = planWindow(0, size).length + (args.last !== undefined ? 1 : 0);
    return pages + size * childComplexity;
  }
  const items = Array.isArray(args.ids)
    ? args.ids.length
    : Array.isArray(args.representations)
      ? args.representations.length
      : 1;
  const lookup = Object.keys(args).length > 0 ? items : 0;
  return lookup + items * childComplexity;
};

/** The projects an operation names by `project(id:)` (the budget is the project's). */
function projectsOf(document: DocumentNode, variables: Record<string, unknown>): Set<string> {
  const projects = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const field = node as {
      kind?: string;
      name?: { value: string };
      arguments?: readonly {
        name: { value: string };
        value: { kind: string; value?: string; name?: { value: string } };
      }[];
    };
    if (field.kind === 'Field' && field.name?.value === 'project') {
      const id = field.arguments?.find((argument) => argument.name.value === 'id')?.value;
      const value = id?.kind === 'Variable' ? variables[id.name!.value] : id?.value;
      if (typeof value === 'string') projects.add(value);
    }
    for (const child of Object.values(node)) {
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child === 'object' && 'kind' in child) visit(child);
    }
  };
  visit(document);
  return projects;
}

/**
 * UPSTREAM_ADMISSION (docs/upstream.md, "How the budget is spent"): before an operation executes, its
 * most upstream calls are predicted; when the project's budget (src/atlas/atlas-buckets.ts) cannot
 * serve them before the operation's deadline, it is refused at once with RATE_LIMITED and `retryAfter`,
 * before any call, rather than spending half the budget and failing half-way.
 */
export function upstreamAdmission(
  limiter: ProjectLimiter,
  metrics: GatewayMetrics,
): Plugin<GraphContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      if (operation !== 'query' && operation !== 'mutation') return;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const projects = projectsOf(args.document, variables);
      if (projects.size === 0) return;
      let calls: number;
      try {
        calls = getComplexity({
          estimators: [estimateCalls],
          schema: args.schema,
          query: args.document,
          variables,
          operationName: args.operationName ?? undefined,
        });
      } catch (error) {
        // Variables that do not coerce: execution reports them as BAD_USER_INPUT without a call.
        if (error instanceof GraphQLError) return;
        throw error;
      }
      const { upstream } = args.contextValue;
      const credential = (upstream.scope.authenticator ?? upstream.client.authenticator)
        .credentialKey;
      for (const project of projects) {
        const verdict = limiter.admits(credential, project, calls, upstream.scope.deadline);
        if (verdict.admitted) continue;
        metrics.admissionRefused();
        setResultAndStopExecution({
          errors: [
            fromAtlasCall(
              new AtlasCallError(
                'RATE_LIMITED',
                `This operation needs up to ${calls} upstream calls, more than the project's Atlas budget can serve before its deadline; retry later.`,
                { retryAfter: verdict.retryAfter },
              ),
            ),
          ],
        });
        return;
      }
    },
  };
}
