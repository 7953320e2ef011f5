import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const GRAPHQL_PACKAGE =
  /^(graphql|graphql-[\w-]+|@graphql-[\w-]+\/.+|@pothos\/.+|@envelop\/.+|@apollo\/.+)$/;

const specifiers = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map(
    (m) => m[1]!,
  );

/**
 * The GraphQL packages a module reaches through its imports, type-only ones included, with the chain
 * that leads there.
 */
function graphqlReached(start: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier), [...chain, specifier]);
      else if (GRAPHQL_PACKAGE.test(specifier))
        found.push([relative(root, start), ...chain, specifier].join(' -> '));
    }
  };
  visit(start, []);
  return found;
}

// The Atlas client is a plain HTTP client and the simulator plays Atlas: neither knows GraphQL, whose
// layer maps their errors (src/errors/catalogue.ts).
describe.each(['src/atlas', 'src/simulator'])('%s', (dir) => {
  it('reaches no GraphQL package, directly or through what it imports', () => {
    const files = readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => join(root, dir, file));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap(graphqlReached)).toEqual([]);
  });
});
