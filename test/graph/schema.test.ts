import { readdirSync, readFileSync } from 'node:fs';
import { getOperationAST, OperationTypeNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from '../../src/graph/print-schema.ts';
import { EXAMPLE_VARIABLES, exampleOperations } from '../../src/graphiql.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { payloads, subscribe } from '../support/sse.ts';

const OPERATIONS_DIR = new URL('../../schema/operations/', import.meta.url);

describe('schema/schema.graphql', () => {
  it('is what the builder prints (run `npm run schema:print` after a schema change)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });
});

describe('schema/operations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  // The same examples and variables GraphiQL offers, in file-name order: CreatePipeline makes the
  // pipeline that DeletePipeline then removes.
  const examples = exampleOperations();

  it('has variables for every example operation', () => {
    const files = readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql'));
    expect(examples.map((example) => example.name)).toEqual(
      files.map((name) => name.replace('.graphql', '')),
    );
    for (const example of examples) expect(Object.keys(EXAMPLE_VARIABLES)).toContain(example.name);
  });

  it.each(examples.map((example) => [example.name, example] as const))(
    '%s runs against the simulator without errors',
    async (_, example) => {
      const { document, variables: vars } = example;
      // Subscriptions run over SSE, as clients send them: at least one event, none with errors, then the end.
      const results =
        getOperationAST(parse(document))?.operation === OperationTypeNode.SUBSCRIPTION
          ? await (async () => {
              const stream = await subscribe(h.gateway.url, document, vars);
              await stream.ended;
              expect(stream.events.at(-1)!.event).toBe('complete');
              return payloads(stream.events);
            })()
          : await h.graphql(document, vars).then(({ status, body }) => {
              expect(status).toBe(200);
              return [body];
            });
      expect(results.length).toBeGreaterThan(0);
      for (const body of results) {
        expect(body.errors).toBeUndefined();
        // A mutation example shows its success: no error member of its result union.
        expect(JSON.stringify(body.data)).not.toMatch(
          /"__typename":"(Validation|NotFound|Conflict|Forbidden|RateLimited|Upstream)Error"/,
        );
        expect(body.data).toBeTruthy();
      }
    },
  );
});
