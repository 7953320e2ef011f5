import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

/**
 * Bad arguments anywhere in a document, also under by-key fields and through variables, are refused
 * before execution: no upstream call is made, not even the by-key parent's (design section 14).
 */
const h = useHarness();

const P = SEED.projectId;
const BIG = SEED.pipelines.big;
const opaque = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refused(query: string, variables?: Record<string, unknown>) {
  const { status, body } = await h.graphql(query, variables);
  expect(calls(h.upstream())).toEqual([]);
  expect(body.data ?? null).toBeNull();
  return { status, errors: body.errors! };
}

/** A real cursor of the big pipeline's runs, and the upstream log cleared afterwards. */
async function runCursor(): Promise<string> {
  const { body } = await h.graphql(
    `{ project(id: "${P}") { pipeline(name: "${BIG}") { runs(first: 1) { pageInfo { endCursor } } } } }`,
  );
  h.resetUpstream();
  return body.data!.project.pipeline.runs.pageInfo.endCursor;
}

describe('bad input under a by-key field costs nothing upstream', () => {
  it('refuses a forged cursor under pipeline(name) without calling getGroupPipeline', async () => {
    const { errors } = await refused(
      `{ project(id: "${P}") { pipeline(name: "x") { runs(after: "${opaque([2, 'PipelineRun', 'k', 1, null]).slice(0, -2)}") { nodes { atlasId } } } } }`,
    );
    expect(errors).toMatchObject([
      {
        message: 'The cursor given as "after" does not belong to this list.',
        extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
      },
    ]);
  });

  it('refuses a cursor of another list kind, given as a variable', async () => {
    const cursor = await runCursor();
    const { errors } = await refused(
      `query($c: String) { project(id: "${P}") { pipeline(name: "${BIG}") { availableSnapshots(before: $c, last: 2) { nodes { atlasId } } } } }`,
      { c: cursor },
    );
    expect(errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', argument: 'before' } }]);
  });

  it('refuses a version 1 cursor (a bare offset)', async () => {
    const { errors } = await refused(
      `{ project(id: "${P}") { pipeline(name: "${BIG}") { runs(after: "${opaque([1, 'abc', 5])}") { nodes { atlasId } } } } }`,
    );
    expect(errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }]);
  });

  it('refuses first with last under pipeline(name), through a fragment', async () => {
    const { errors } = await refused(
      `query { project(id: "${P}") { pipeline(name: "${BIG}") { ...R } } }
       fragment R on Pipeline { runs(first: 1, last: 1) { nodes { atlasId } } }`,
    );
    expect(errors).toMatchObject([
      {
        message: 'Give "first" or "last", not both.',
        extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
      },
    ]);
  });

  it('refuses a bad global ID in nodes(ids) while a sibling list would have been fetched', async () => {
    const { errors } = await refused(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } project(id: "${P}") { pipelines { nodes { name } } } }`,
      { ids: [opaque([1, 'Pipeline', P, 'a/b'])] },
    );
    expect(errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', argument: 'ids.0' } }]);
  });

  it('refuses a name breaking the contract pattern in an inline fragment, before a sibling list', async () => {
    const { errors } = await refused(
      `{ project(id: "${P}") { pipelines { nodes { name } } ... on Project { cluster(name: "bad name") { name } } } }`,
    );
    expect(errors).toMatchObject([
      {
        message: '"bad name" is not a valid cluster name.',
        extensions: { code: 'BAD_USER_INPUT', argument: 'name' },
      },
    ]);
  });

  it('leaves a skipped field out of the checks', async () => {
    const { body } = await h.graphql(
      `query($no: Boolean!) { project(id: "${P}") { pipeline(name: "${BIG}") { name runs(first: 1, last: 1) @include(if: $no) { nodes { atlasId } } } } }`,
      { no: false },
    );
    expect(body).toEqual({ data: { project: { pipeline: { name: BIG } } } });
  });
});

describe('the most precise error wins', () => {
  it('an out-of-range page size names the argument and its bounds, not the cost limit', async () => {
    const { errors } = await refused(
      `{ project(id: "${P}") { pipeline(name: "${BIG}") { runs(first: 100000) { nodes { atlasId } } } } }`,
    );
    expect(errors).toMatchObject([
      {
        message: '"first" must be between 0 and 500, got 100000.',
        extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
      },
    ]);
  });

  it('a negative last given as a variable says so too', async () => {
    const { errors } = await refused(
      `query($n: Int) { project(id: "${P}") { pipeline(name: "${BIG}") { runs(last: $n) { nodes { atlasId } } } } }`,
      { n: -1 },
    );
    expect(errors).toMatchObject([
      {
        message: '"last" must be between 0 and 500, got -1.',
        extensions: { code: 'BAD_USER_INPUT', argument: 'last' },
      },
    ]);
  });

  it('an operation whose arguments are valid is still refused by its cost', async () => {
    const { errors } = await refused(
      `{ project(id: "${P}") { pipelines(first: 500) { nodes { runs(first: 500) { nodes { atlasId } } } } } }`,
    );
    expect(errors).toMatchObject([{ extensions: { code: 'OPERATION_LIMIT' } }]);
  });
});
