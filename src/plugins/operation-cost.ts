import { type DocumentNode, GraphQLError, type GraphQLSchema, getNamedType } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import type { Plugin } from 'graphql-yoga';
import { operationLimitError } from '../errors/catalogue.ts';
import { DEFAULT_PAGE_SIZE } from '../graph/relay/connection.ts';

/**
 * A field costs 1 plus its selection; a connection costs its page size (`first` or `last`, default 20)
 * times its selection, since each item may fan out into further upstream calls; `nodes(ids)` and
 * `_entities(representations)` cost their number of items times their selection. GraphQL Armor's cost rule cannot multiply by page size.
 */
const estimateCost: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const items = getNamedType(field.type).name.endsWith('Connection')
    ? (args.first ?? args.last ?? DEFAULT_PAGE_SIZE)
    : Array.isArray(args.ids)
      ? args.ids.length
      : Array.isArray(args.representations)
        ? args.representations.length
        : 1;
  return 1 + Math.max(0, Number(items) || 0) * childComplexity;
};

/**
 * Refuses an operation whose cost exceeds `maxCost` before it executes. The cost depends on variables
 * (`first: $n`), so it is computed at execution time rather than as a validation rule, whose results are
 * cached per document.
 */
export function operationCost(maxCost: number): Plugin {
  // Yoga hands every request of one document string the same parsed DocumentNode, so the cost of a
  // screen's operation is computed once per set of variables, not on every request (it is on the hot path).
  const costs = new WeakMap<DocumentNode, Map<string, number | undefined>>();
  const costOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: unknown,
    operationName?: string | null,
  ) => {
    const key = JSON.stringify([operationName ?? null, variables ?? {}]);
    const known = costs.get(document) ?? new Map<string, number | undefined>();
    costs.set(document, known);
    if (known.has(key)) return known.get(key);
    let cost: number | undefined;
    try {
      cost = getComplexity({
        estimators: [estimateCost],
        schema,
        query: document,
        variables: (variables ?? {}) as Record<string, unknown>,
        operationName: operationName ?? undefined,
      });
    } catch (error) {
      // Variables that do not coerce: execution itself reports them as BAD_USER_INPUT without a call.
      if (!(error instanceof GraphQLError)) throw error;
    }
    // Bounded: a document seen with ever-new variables keeps only its latest few costs.
    if (known.size >= 32) known.delete(known.keys().next().value!);
    known.set(key, cost);
    return cost;
  };
  const refusal = (
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: unknown,
    operationName?: string | null,
  ) => {
    const cost = costOf(schema, document, variables, operationName);
    if (cost === undefined || cost <= maxCost) return undefined;
    return operationLimitError(
      'cost',
      maxCost,
      `Operation cost ${cost} exceeds the limit of ${maxCost}; ask for smaller pages.`,
    );
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refusal(args.schema, args.document, args.variableValues, args.operationName);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = refusal(args.schema, args.document, args.variableValues, args.operationName);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
