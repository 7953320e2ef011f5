import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
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
  plugins: [ErrorsPlugin],
});

builder.queryType({});
builder.mutationType({});
