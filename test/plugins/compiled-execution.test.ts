import { describe, expect, it } from 'vitest';
import { exampleOperations } from '../../src/graphiql.ts';
import { COMPILE_ON_RUN } from '../../src/plugins/compiled-execution.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type GraphQLResponse } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

/**
 * A document's operation runs interpreted (graphql-js) until its COMPILE_ON_RUN-th run, then compiled
 * (graphql-jit). Every case runs on both sides and must answer the same: which operation of a document
 * runs, directives on fragments, the shape of errors, and every example operation.
 */
// A stopped clock: mutations' new ids and dates come out the same on both sides.
const h = useHarness({ simulator: { now: () => Date.parse('2026-11-02T10:00:00Z') } });
const P = SEED.projectId;
const PIPELINES = `/groups/${P}/pipelines`;

type Answer = Pick<GraphQLResponse, 'status' | 'body'>;

/** The same request, interpreted then compiled, each from the seed state; both answers must be equal. */
async function onBothSides(send: () => Promise<GraphQLResponse>): Promise<Answer> {
  const answers: Answer[] = [];
  for (let run = 1; run <= COMPILE_ON_RUN; run++) {
    h.simulator.reset();
    const { status, body } = await send();
    answers.push({ status, body });
  }
  expect(answers.at(-1)).toEqual(answers[0]);
  return answers[0]!;
}

describe('compiled execution', () => {
  it('runs the operation the request names, each compiled on its own, from one document', async () => {
    const document = `
      query Ids($p: ObjectId!) { project(id: $p) { atlasId } }
      query Names($p: ObjectId!) { project(id: $p) { pipelines(first: 2) { nodes { name } } } }`;
    for (let run = 1; run <= COMPILE_ON_RUN + 1; run++) {
      h.simulator.reset();
      const ids = await h.graphql(document, { p: P }, {}, 'Ids');
      const names = await h.graphql(document, { p: P }, {}, 'Names');
      expect(ids.body).toEqual({ data: { project: { atlasId: P } } });
      expect(names.body).toEqual({ data: { project: { pipelines: { nodes: SEED.pipelines.all.slice(0, 2).map((name) => ({ name })) } } } });
      expect(calls(h.upstream())).toEqual([`GET ${PIPELINES}`]);
    }
  });

  it('answers an operation name the document lacks as a request error, without an upstream call', async () => {
    const { status, body } = await onBothSides(() => h.graphql(`query Ids { project(id: "${P}") { atlasId } }`, undefined, {}, 'Nope'));
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: 'Could not determine what operation to execute.', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
    expect(h.upstream()).toEqual([]);
  });

  it('applies @skip and @include on fields, fragment spreads and inline fragments as graphql-js does', async () => {
    const document = `
      query($p: ObjectId!, $yes: Boolean!, $no: Boolean!) {
        project(id: $p) {
          pipelines(first: 1) { nodes { name } }
          ...StateOfPipelines @include(if: $no)
          ... on Project @skip(if: $yes) { atlasId }
          ...IdOfProject @include(if: $yes)
          shown: atlasId @skip(if: $no)
          hidden: atlasId @include(if: $no)
        }
      }
      fragment StateOfPipelines on Project { pipelines(first: 1) { nodes { state } } }
      fragment IdOfProject on Project { id }`;
    const { body } = await onBothSides(() => h.graphql(document, { p: P, yes: true, no: false }));
    expect(body.errors).toBeUndefined();
    expect(body.data!.project).toEqual({
      pipelines: { nodes: [{ name: SEED.pipelines.all[0] }] },
      id: expect.any(String),
      shown: P,
    });
    expect(Object.keys(body.data!.project)).toEqual(['pipelines', 'id', 'shown']);
  });

  it('gives a failing field its locations in the document, and a bad variable the scalar’s own reason', async () => {
    const missing = await onBothSides(() => h.graphql(`query($p: ObjectId!) {\n  project(id: $p) {\n    pipeline(name: "none") { name }\n  }\n}`, { p: SEED.unknownProjectId }));
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: ['project', 'pipeline'], locations: [{ line: 3, column: 5 }] })]);

    const bad = await onBothSides(() => h.graphql('query($p: ObjectId!) { project(id: $p) { atlasId } }', { p: 'zz' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      errors: [
        {
          message: 'Variable "$p" got invalid value "zz"; ObjectId must be 24 lower-case hexadecimal characters, got "zz".',
          locations: [{ line: 1, column: 7 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it.each(exampleOperations().filter(({ document }) => !/^\s*subscription\b/m.test(document)).map((example) => [example.name, example] as const))(
    'answers the example operation %s the same',
    async (_name, { document, variables }) => {
      const { status, body } = await onBothSides(() => h.graphql(document, variables));
      expect([status, body.errors]).toEqual([200, undefined]);
    },
  );
});
