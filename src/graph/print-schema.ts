import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { printableSchema } from './index.ts';

/** Writes schema/schema.graphql; a test fails when the committed file drifts from the builder. */
export const SCHEMA_FILE = new URL('../../schema/schema.graphql', import.meta.url);

export const printedSchema = () => `${printSchema(printableSchema())}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`wrote ${SCHEMA_FILE.pathname}`);
}
