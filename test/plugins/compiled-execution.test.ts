import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

/**
 * Operations run as compiled code (src/plugins/compiled-execution.ts); these are the places where a
 * compiled executor can part from graphql-js: which operation of a document runs, directives on
 * fragments, and the shape of errors.
 */
const h = useHarness();
const P = SEED.projectId;
const PIPELINES = `/groups/${P}/pipelines`;

describe('compiled execution', () => {
  it('runs the operation the request names, each compiled on its own, from one document', async () => {
    const document = `
      query Ids($p: ObjectId!) { project(id: $p) { atlasId } }
      query Names($p: ObjectId!) { project(id: $p) { pipelines(first: 2) { nodes { name } } } }`;
    const ids = await h.graphql(document, { p: P }, {}, 'Ids');
    const names = await h.graphql(document, { p: P }, {}, 'Names');
    const idsAgain = await h.graphql(document, { p: P }, {}, 'Ids');
    expect(ids.body).toEqual({ data: { project: { atlasId: P } } });
    expect(idsAgain.body).toEqual(ids.body);
    expect(names.body).toEqual({ data: { project: { pipelines: { nodes: SEED.pipelines.all.slice(0, 2).map((name) => ({ name })) } } } });
    expect(calls(h.upstream())).toEqual([`GET ${PIPELINES}`]);
  });

  it('answers an operation name the document lacks as a request error, without an upstream call', async () => {
    const { status, body } = await h.graphql(`query Ids { project(id: "${P}") { atlasId } }`, undefined, {}, 'Nope');
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
    const { body } = await h.graphql(document, { p: P, yes: true, no: false });
    expect(body.errors).toBeUndefined();
    expect(body.data!.project).toEqual({
      pipelines: { nodes: [{ name: SEED.pipelines.all[0] }] },
      id: expect.any(String),
      shown: P,
    });
    expect(Object.keys(body.data!.project)).toEqual(['pipelines', 'id', 'shown']);
  });

  it('gives a failing field its locations in the document, and a bad variable the scalar’s own reason', async () => {
    const missing = await h.graphql(`query($p: ObjectId!) {\n  project(id: $p) {\n    pipeline(name: "none") { name }\n  }\n}`, { p: SEED.unknownProjectId });
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: ['project', 'pipeline'], locations: [{ line: 3, column: 5 }] })]);

    const bad = await h.graphql('query($p: ObjectId!) { project(id: $p) { atlasId } }', { p: 'zz' });
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
});
