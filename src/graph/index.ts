import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './lib/scalars.ts';
import './relay/node.ts';
import './types/project.ts';
import './types/pipeline.ts';
import './types/pipeline-run.ts';
import './types/cluster.ts';
import './types/export-job.ts';
import './types/serverless-instance.ts';
import './types/flex-cluster.ts';
import './types/restore-job.ts';
import './types/snapshot.ts';
import './types/export-bucket.ts';
import { buildSubgraphSchema } from './federation.ts';

let schema: GraphQLSchema | undefined;
let clientSchema: GraphQLSchema | undefined;

/** The served schema, built once per process (never per request): the client API, also a federation subgraph. */
export function buildSchema(): GraphQLSchema {
  schema ??= buildSubgraphSchema();
  return schema;
}

/** The client API without federation's `_service` and `_entities` (schema/schema.graphql). */
export const printableSchema = () => lexicographicSortSchema((clientSchema ??= builder.toSchema()));
