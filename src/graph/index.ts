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

let schema: GraphQLSchema | undefined;

/** The schema, built once per process (never per request). */
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSchema();
  return schema;
}

export const printableSchema = () => lexicographicSortSchema(buildSchema());
