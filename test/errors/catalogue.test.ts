import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/errors/catalogue.ts';
import { useHarness } from '../support/shared-harness.ts';

const root = new URL('../..', import.meta.url).pathname;
const catalogued = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));

/** The codes the users' documentation lists, in docs/errors.md's tables. */
function documentedCodes(): Set<string> {
  const text = readFileSync(join(root, 'docs/errors.md'), 'utf8');
  const tableRows = text.split('\n').filter((line) => line.startsWith('|'));
  return new Set(
    tableRows.flatMap((row) => [...row.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]!)),
  );
}

describe('the error catalogue', () => {
  it('documents every code it lists', () => {
    const documented = documentedCodes();
    expect(catalogued.filter((code) => !documented.has(code))).toEqual([]);
  });

  it('lists every code written in src/ (the simulator speaks Atlas, whose codes are not ours)', () => {
    const written = sourceFiles('src')
      .filter((file) => !file.startsWith('src/simulator/'))
      .flatMap((file) =>
        [...readFileSync(join(root, file), 'utf8').matchAll(/\bcode: '([A-Z_]+)'/g)].map(
          (m) => `${m[1]} (${file})`,
        ),
      );
    expect(written.length).toBeGreaterThan(0);
    expect(
      written.filter((entry) => !catalogued.includes(entry.split(' ')[0] as ErrorCode)),
    ).toEqual([]);
  });
});

describe('codes raised by the server library, as users see them', () => {
  const h = useHarness();

  it('OPERATION_RESOLUTION_FAILURE: two operations and no operationName', async () => {
    const { status, body } = await h.graphql('query A { __typename } query B { __typename }');
    expect(status).toBe(ERROR_CATALOGUE.OPERATION_RESOLUTION_FAILURE.statuses![0]);
    expect(body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }),
    ]);
  });
});
