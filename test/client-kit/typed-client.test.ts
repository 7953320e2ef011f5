import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { pipelineStates } from '../../examples/typed-client/dashboard.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GENERATED = 'examples/typed-client/generated/';

describe('npm run codegen', () => {
  it(`wrote ${GENERATED} from schema/ as graphql.config.yml says (run it after changing either)`, async () => {
    const { schema, documents, extensions } = parseYaml(
      readFileSync(join(ROOT, 'graphql.config.yml'), 'utf8'),
    );
    expect(Object.keys(extensions.codegen.generates)).toEqual([GENERATED]);
    // Typed as any by the library (its watch mode): the files it would write.
    const outputs: { filename: string; content: string }[] = await generate(
      { ...extensions.codegen, schema, documents, silent: true, cwd: ROOT },
      false,
    );
    const generated = Object.fromEntries(
      outputs.map((output) => [relative(ROOT, output.filename), output.content]),
    );
    const committed = Object.fromEntries(
      readdirSync(join(ROOT, GENERATED)).map((file) => [
        GENERATED + file,
        readFileSync(join(ROOT, GENERATED, file), 'utf8'),
      ]),
    );
    expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
    for (const [file, content] of Object.entries(generated))
      expect(committed[file], file).toBe(content);
    expect(
      Object.keys(JSON.parse(committed[`${GENERATED}persisted-documents.json`]!)),
    ).toHaveLength(readdirSync(join(ROOT, 'schema/operations')).length);
  });
});

describe.each([
  ['its text', {}, {}],
  [
    'its hash only, to TRUSTED_DOCUMENTS=only with the generated persisted documents',
    {
      TRUSTED_DOCUMENTS: 'only',
      TRUSTED_DOCUMENTS_MANIFEST: join(ROOT, GENERATED, 'persisted-documents.json'),
    },
    { persisted: true },
  ],
])('examples/typed-client sends a typed document by %s', (_, env, options) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env });
  });
  afterAll(() => h?.close());

  it('and reads the typed answer', async () => {
    const states = await pipelineStates(`${h.gateway.url}/graphql`, SEED.projectId, options);
    expect(states).toHaveLength(5);
    for (const { pipeline, newestRun } of states) {
      expect(pipeline).toEqual(expect.any(String));
      expect(newestRun === null || typeof newestRun === 'string').toBe(true);
    }
    expect(states.some(({ newestRun }) => newestRun !== null)).toBe(true);
    expect(calls(h.upstream())[0]).toBe(`GET /groups/${SEED.projectId}/pipelines`);
  });
});
