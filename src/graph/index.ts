import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './scalars.ts';
import './node.ts';
import './project.ts';
import './pipeline.ts';
import './pipeline-run.ts';
import './cluster.ts';
import './export-job.ts';
import './serverless-instance.ts';
import './flex-cluster.ts';
import './restore-job.ts';
import './snapshot.ts';
import './export-bucket.ts';
import { buildSubgraphSchema } from './federation.ts';
import { enforceProjectScope } from './project-scope.ts';

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

/** The client API without federation's `_service` and `_entities` (schema/schema.graphql). */
export const printableSchema = () => lexicographicSortSchema((clientSchema ??= builder.toSchema()));
