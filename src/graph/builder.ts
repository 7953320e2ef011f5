import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import type { GraphContext } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: GraphContext;
  Scalars: {
    ObjectId: { Input: string; Output: string };
    DateTime: { Input: Date; Output: string | Date };
    Long: { Input: number; Output: number };
  };
  DefaultFieldNullability: true;
}>({
  // Fields are nullable unless declared otherwise (Pothos 4's default), so one failing field nulls itself.
  // Federation (src/graph/federation.ts) last, after any plugin that wraps resolvers, as its docs ask;
  // Directives writes its @key and @link into the SDL that `_service` answers.
  plugins: [ErrorsPlugin, DirectivesPlugin, FederationPlugin],
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
