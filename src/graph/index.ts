import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { type GraphQLSchema, lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import { buildSubgraphSchema } from './federation.ts';
import { enforceProjectScope } from './project-scope.ts';

// The schema's modules, loaded here and nowhere else. The subgraph SDL (schema/subgraph.graphql,
// `_service { sdl }`) lists Query, Mutation and Subscription fields in the order their modules register
// them, so that order is this list's: side-effect imports, which import sorting never reorders. No other
// module imports one that registers root fields.
import './lib/scalars.ts';
// Query: node, nodes, project.
import './relay/node-fields.ts';
import './types/project.ts';
import './types/pipeline.ts';
import './types/pipeline-run.ts';
import './types/cluster.ts';
import './types/export-job.ts';
import './types/serverless-instance.ts';
import './types/flex-cluster.ts';
import './types/restore-job.ts';
import './types/serverless-restore-job.ts';
import './types/flex-restore-job.ts';
import './types/snapshot.ts';
import './types/export-bucket.ts';
// Subscription.
import './live/pipeline-run-updated.ts';
import './live/export-job-updated.ts';
import './live/restore-job-updated.ts';
import './live/cluster-snapshot-updated.ts';
// Mutation, in the order clients have seen since the first subgraph SDL.
import './mutations/pipeline-run-mutations.ts';
import './mutations/pipeline-mutations.ts';
import './mutations/export-job-mutations.ts';
import './mutations/restore-job-mutations.ts';
import './mutations/snapshot-mutations.ts';

let schema: GraphQLSchema | undefined;
let clientSchema: GraphQLSchema | undefined;

/** The served schema, built once per process (never per request): the client API, also a federation subgraph. */
export function buildSchema(): GraphQLSchema {
  if (schema) return schema;
  schema = buildSubgraphSchema();
  // Outermost, so that no resolver below runs for a project the caller may not use.
  enforceProjectScope(schema);
  return schema;
}

/**
 * The client API without federation's `_service` and `_entities` (schema/schema.graphql), with the
 * `@defer` and `@stream` directives Yoga's plugin adds when it serves the schema: editors and codegen
 * reading the file then accept the documents the gateway runs.
 */
export function printableSchema(): GraphQLSchema {
  clientSchema ??= lexicographicSortSchema(withIncrementalDelivery(builder.toSchema()));
  return clientSchema;
}

/** `schema` as Yoga serves it (src/yoga.ts uses `useDeferStream`): plus the directives that plugin adds. */
export function withIncrementalDelivery(schema: GraphQLSchema): GraphQLSchema {
  let served = schema;
  useDeferStream().onSchemaChange?.({
    schema,
    replaceSchema: (replaced) => {
      served = replaced;
    },
  });
  return served;
}
