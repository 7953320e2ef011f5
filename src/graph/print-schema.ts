import { writeFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchema } from 'graphql';
import { buildSchema, printableSchema } from './index.ts';

/** Writes schema/schema.graphql and schema/subgraph.graphql; a test fails when either drifts from the builder. */
export const SCHEMA_FILE = new URL('../../schema/schema.graphql', import.meta.url);
export const SUBGRAPH_FILE = new URL('../../schema/subgraph.graphql', import.meta.url);

/** The client API. */
export const printedSchema = () => `${printSchema(printableSchema())}\n`;

/** The federation SDL, with its @link and @key directives: what `_service { sdl }` answers and routers compose. */
export const printedSubgraphSchema = () => `${printSubgraphSchema(buildSchema())}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  writeFileSync(SUBGRAPH_FILE, printedSubgraphSchema());
  console.log(`wrote ${SCHEMA_FILE.pathname} and ${SUBGRAPH_FILE.pathname}`);
}
