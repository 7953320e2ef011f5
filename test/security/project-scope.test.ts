import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/relay/global-id.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';
import { JWT_ENV, signToken } from './tokens.ts';

/** A caller whose token allows the seeded project A only; B is the seeded empty project. */
const A = SEED.projectId;
const B = SEED.emptyProjectId;
const UNKNOWN = SEED.unknownProjectId;

let h: Harness;
let tokenForA: string;
beforeAll(async () => {
  h = await startHarness({
    env: JWT_ENV,
  });
  tokenForA = await signToken({ projects: [A] });
});
afterAll(() => h.close());
beforeEach(() => h.resetUpstream());

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const PIPELINES = `query($p: ObjectId!) { project(id: $p) { pipelines(first: 1) { nodes { name } } } }`;

describe('AUTH_MODE=jwt project scopes', () => {
  it('serve the projects the token lists', async () => {
    const { status, body } = await h.graphql(PIPELINES, { p: A }, as(tokenForA));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.pipelines.nodes).toEqual([{ name: SEED.pipelines.all[0] }]);
    expect(calls(h.upstream())).toEqual([`GET /groups/${A}/pipelines`]);
  });

  it('refuse another project, existing or not, with the same FORBIDDEN and no upstream call', async () => {
    const answers = [];
    for (const project of [B, UNKNOWN]) {
      const { body } = await h.graphql(PIPELINES, { p: project }, as(tokenForA));
      answers.push(body);
    }
    expect(answers[0]).toEqual({
      data: null,
      errors: [
        {
          message: 'Your token does not allow this project.',
          path: ['project'],
          locations: expect.any(Array),
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
    // Nothing tells an existing project from an unknown one.
    expect(answers[1]).toEqual(answers[0]);
    expect(h.upstream()).toEqual([]);
  });

  it('refuse a foreign project reached through node(id) and nodes(ids), item by item', async () => {
    const foreignPipeline = encodeGlobalId('Pipeline', B, 'anything');
    const foreignProject = encodeGlobalId('Project', B);
    const ownProject = encodeGlobalId('Project', A);
    const node = await h.graphql(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: foreignPipeline },
      as(tokenForA),
    );
    expect(node.body.data).toEqual({ node: null });
    expect(node.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['node'], 'FORBIDDEN'],
    ]);

    const nodes = await h.graphql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: [ownProject, foreignProject, foreignPipeline] },
      as(tokenForA),
    );
    expect(nodes.body.data).toEqual({ nodes: [{ id: ownProject }, null, null] });
    expect(nodes.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['nodes', 1], 'FORBIDDEN'],
      [['nodes', 2], 'FORBIDDEN'],
    ]);
    expect(h.upstream()).toEqual([]);
  });

  it('refuse a foreign project reached through federation _entities', async () => {
    const { body } = await h.graphql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { atlasId } ... on Pipeline { name } } }`,
      {
        r: [
          { __typename: 'Project', atlasId: A },
          { __typename: 'Project', atlasId: B },
          { __typename: 'Pipeline', project: { atlasId: B }, name: SEED.pipelines.small },
        ],
      },
      as(tokenForA),
    );
    expect(body.data!._entities).toEqual([{ atlasId: A }, null, null]);
    expect(body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['_entities', 1], 'FORBIDDEN'],
      [['_entities', 2], 'FORBIDDEN'],
    ]);
    expect(h.upstream()).toEqual([]);
  });

  it('answer a mutation on a foreign project with ForbiddenError and no upstream call', async () => {
    const { body } = await h.graphql(
      `mutation($input: TriggerPipelineRunInput!) { triggerPipelineRun(input: $input) { __typename ... on MutationError { message } } }`,
      {
        input: {
          projectId: B,
          pipelineName: SEED.pipelines.small,
          snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        },
      },
      as(tokenForA),
    );
    expect(body.data!.triggerPipelineRun).toEqual({
      __typename: 'ForbiddenError',
      message: 'Your token does not allow this project.',
    });
    expect(h.upstream()).toEqual([]);
  });

  it('read the claim as a space-separated string too, and allow nothing without it', async () => {
    const spaced = await signToken({ projects: `${B} ${A}` });
    expect((await h.graphql(PIPELINES, { p: A }, as(spaced))).body.errors).toBeUndefined();
    const none = await signToken({});
    const { body } = await h.graphql(PIPELINES, { p: A }, as(none));
    expect(body.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN']);
  });
});
