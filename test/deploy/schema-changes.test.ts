import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHANGELOG = readFileSync(new URL('../../CHANGELOG.md', import.meta.url), 'utf8');
const SCHEMA = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');

/** The `[Unreleased]` section of a Keep a Changelog file, without its heading. */
function unreleased(changelog: string): string {
  const match = /^## \[Unreleased\][^\n]*\n([\s\S]*?)(?=^## \[|(?![\s\S]))/m.exec(changelog);
  if (!match) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
  return match[1]!;
}

/** The latest release's version and the commit its schema-baseline comment records. */
function latestRelease(changelog: string): { version: string; baseline?: string } {
  const match = /^## \[(\d+\.\d+\.\d+[^\]]*)\][^\n]*\n([\s\S]*?)(?=^## \[|(?![\s\S]))/m.exec(
    changelog,
  );
  if (!match) throw new Error('CHANGELOG.md records no release ("## [x.y.z] - date")');
  const baseline = /<!-- schema-baseline: ([0-9a-f]{7,40}) -->/.exec(match[2]!)?.[1];
  return { version: match[1]!, baseline };
}

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The schema as released: at the tag `v<version>`, or else at the recorded commit. */
function releasedSchema(changelog: string): { ref: string; sdl: string } {
  const { version, baseline } = latestRelease(changelog);
  let ref = `v${version}`;
  try {
    git('rev-parse', '--verify', '--quiet', `refs/tags/${ref}`);
  } catch {
    if (!baseline)
      throw new Error(
        `Release ${version} has neither a tag ${ref} nor a <!-- schema-baseline: <commit> --> comment in CHANGELOG.md.`,
      );
    ref = baseline;
  }
  try {
    return { ref, sdl: git('show', `${ref}:schema/schema.graphql`) };
  } catch {
    throw new Error(
      `Cannot read schema/schema.graphql at ${ref}, release ${version}'s schema baseline (CHANGELOG.md): ` +
        'a shallow clone lacks it (run `git fetch --unshallow --tags`), or the comment names a wrong commit.',
    );
  }
}

/** A schema coordinate as a whole word: `Query.foo` is not `Query.foobar`, nor `Query.foo.bar`. */
const mentions = (text: string, coordinate: string) =>
  new RegExp(`(?<![\\w.])${coordinate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\.?\\w)`).test(
    text,
  );

/** Breaking changes from `before` to `after` that the changelog's `[Unreleased]` does not name. */
async function unrecordedBreakingChanges(
  before: string,
  after: string,
  changelog: string,
): Promise<string[]> {
  const changes = await diff(buildSchema(before), buildSchema(after));
  const recorded = unreleased(changelog);
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .filter((change) => !change.path || !mentions(recorded, change.path))
    .map((change) => `${change.path ?? '(schema)'}: ${change.message}`);
}

describe('schema breaking-change check (GraphQL Inspector)', () => {
  it('schema/schema.graphql breaks nothing since the last release that CHANGELOG.md does not record', async () => {
    const { ref, sdl } = releasedSchema(CHANGELOG);
    const unrecorded = await unrecordedBreakingChanges(sdl, SCHEMA, CHANGELOG);
    expect(
      unrecorded,
      `Breaking changes since ${ref}: record each coordinate under [Unreleased] in CHANGELOG.md`,
    ).toEqual([]);
  });

  const before = /* GraphQL */ `
    type Query {
      foo: String
      bar(first: Int): Int
    }
  `;
  const after = /* GraphQL */ `
    type Query {
      bar(first: Int!): Int
      baz: Int
    }
  `;
  const changelog = (entries: string) =>
    `# Changelog\n\n## [Unreleased]\n\n${entries}\n\n## [0.1.0] - 2026-11-26\n\n### Removed\n\n- \`Query.foo\`\n`;

  it('fails on a breaking change the [Unreleased] section does not name', async () => {
    const unrecorded = await unrecordedBreakingChanges(
      before,
      after,
      // Named only under a released version, and a longer coordinate that merely starts the same.
      changelog('### Added\n\n- `Query.baz`, `Query.foobar`, `Query.bar.firstly`.'),
    );
    expect(unrecorded).toHaveLength(2);
    expect(unrecorded[0]).toMatch(/^Query\.foo: /);
    expect(unrecorded[1]).toMatch(/^Query\.bar\.first: /);
  });

  it('passes once each breaking change is named by its coordinate; additions need no entry', async () => {
    const unrecorded = await unrecordedBreakingChanges(
      before,
      after,
      changelog(
        '### Removed\n\n- `Query.foo`: use `Query.baz`.\n\n### Changed\n\n- Query.bar.first is required.',
      ),
    );
    expect(unrecorded).toEqual([]);
  });

  it('says how to recover when the baseline commit is missing from the clone', () => {
    const missing = CHANGELOG.replace(
      /<!-- schema-baseline: [0-9a-f]+ -->/,
      `<!-- schema-baseline: ${'0'.repeat(40)} -->`,
    );
    expect(() => releasedSchema(missing)).toThrow(/git fetch --unshallow --tags/);
    expect(() => releasedSchema(missing.replace(/<!-- schema-baseline: \w+ -->/, ''))).toThrow(
      /neither a tag v0\.1\.0 nor/,
    );
  });
});
