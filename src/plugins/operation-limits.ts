import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { OperationLimits } from '../config/index.ts';
import { type LimitName, operationLimitError } from '../errors/catalogue.ts';

/**
 * Depth, aliases, tokens and directives, counted by GraphQL Armor while parsing and validating, so an
 * operation over a limit never executes. Armor's own errors are replaced by OPERATION_LIMIT ones.
 */
export function operationLimits(limits: OperationLimits): Plugin[] {
  const recode = (limit: LimitName, value: number) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const coded = operationLimitError(limit, value, error.message);
        // Validation rules report; the token counter runs inside the parser, where only a throw stops it.
        if (context) context.reportError(coded);
        else throw coded;
      },
    ],
  });
  return [
    maxTokensPlugin({ n: limits.maxTokens, ...recode('tokens', limits.maxTokens) }),
    // Introspection (`__schema`) is exempt: GraphiQL's own query is deeper than any screen.
    maxDepthPlugin({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      ...recode('depth', limits.maxDepth),
    }),
    maxAliasesPlugin({ n: limits.maxAliases, ...recode('aliases', limits.maxAliases) }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...recode('directives', limits.maxDirectives) }),
  ];
}
