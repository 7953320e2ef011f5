import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const RESULT = /* GraphQL */ `
  __typename
  ... on MutationError { message atlas { status errorCode detail } }
  ... on ValidationError { fieldErrors { path message } }
  ... on UpstreamError { code }
`;
const PIPELINE =
  'id name state datasetRetentionPolicy { units value } source { type clusterName databaseName collectionName ... on PeriodicCpsSnapshotSource { policyItemId } } sink { metadataRegion partitionFields { fieldName order } } transformations { field type }';

const project = `/groups/${SEED.projectId}`;
const posts = () => h.upstream().filter((r) => r.method !== 'GET');

const CREATE = /* GraphQL */ `
  mutation Create($input: CreatePipelineInput!) {
    createPipeline(input: $input) {
      ${RESULT}
      ... on CreatePipelineSuccess { pipeline { ${PIPELINE} } project { pipelines(first: 50) { nodes { name } } } }
    }
  }
`;
const newPipeline = (overrides: Record<string, unknown> = {}) => ({
  projectId: SEED.projectId,
  name: 'orders-daily-2',
  source: {
    type: 'PERIODIC_CPS',
    clusterName: SEED.clusters.replicaSet,
    databaseName: 'shop',
    collectionName: 'orders',
    policyItemId: SEED.policyItems.daily,
  },
  sink: { metadataRegion: 'US_EAST_1', partitionFields: [{ fieldName: 'customerId', order: 0 }] },
  transformations: [{ field: 'card', type: 'EXCLUDE' }],
  datasetRetentionPolicy: { units: 'DAYS', value: 30 },
  ...overrides,
});

describe('createPipeline', () => {
  it('posts the pipeline once and answers it; the project list read after it holds it', async () => {
    const { body } = await h.graphql(CREATE, { input: newPipeline() });
    expect(body.errors).toBeUndefined();
    const result = body.data!.createPipeline;
    expect(result).toMatchObject({
      __typename: 'CreatePipelineSuccess',
      pipeline: {
        name: 'orders-daily-2',
        state: 'ACTIVE',
        source: {
          type: 'PERIODIC_CPS',
          clusterName: SEED.clusters.replicaSet,
          policyItemId: SEED.policyItems.daily,
        },
        sink: { partitionFields: [{ fieldName: 'customerId', order: 0 }] },
        transformations: [{ field: 'card', type: 'EXCLUDE' }],
        datasetRetentionPolicy: { units: 'DAYS', value: 30 },
      },
    });
    expect(result.project.pipelines.nodes.map((p: { name: string }) => p.name)).toEqual([
      ...SEED.pipelines.all,
      'orders-daily-2',
    ]);
    const [post] = posts();
    expect(calls(posts())).toEqual([`POST ${project}/pipelines`]);
    expect(post!.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json');
    expect(post!.body).toEqual({
      name: 'orders-daily-2',
      source: {
        type: 'PERIODIC_CPS',
        clusterName: SEED.clusters.replicaSet,
        databaseName: 'shop',
        collectionName: 'orders',
        policyItemId: SEED.policyItems.daily,
      },
      sink: {
        metadataRegion: 'US_EAST_1',
        partitionFields: [{ fieldName: 'customerId', order: 0 }],
      },
      transformations: [{ field: 'card', type: 'EXCLUDE' }],
      datasetRetentionPolicy: { units: 'DAYS', value: 30 },
    });
  });

  it('refuses input breaking the contract, naming each field, before any call', async () => {
    const { body } = await h.graphql(CREATE, {
      input: newPipeline({
        name: '..',
        source: {
          type: 'ON_DEMAND_CPS',
          clusterName: '-bad',
          databaseName: 'shop',
          collectionName: 'orders',
          policyItemId: SEED.policyItems.daily,
        },
        sink: { partitionFields: [{ fieldName: 'x'.repeat(701), order: 0 }] },
        datasetRetentionPolicy: { units: 'DAYS', value: 0 },
      }),
    });
    expect(body.data!.createPipeline).toEqual({
      __typename: 'ValidationError',
      message: 'The input is not valid.',
      atlas: null,
      fieldErrors: [
        { path: ['input', 'name'], message: expect.stringContaining('pipeline name') },
        { path: ['input', 'source', 'clusterName'], message: expect.any(String) },
        {
          path: ['input', 'source', 'policyItemId'],
          message: 'Only a PERIODIC_CPS source follows a policy item.',
        },
        {
          path: ['input', 'sink', 'partitionFields', '0', 'fieldName'],
          message: 'At most 700 characters.',
        },
        { path: ['input', 'datasetRetentionPolicy', 'value'], message: 'Must be at least 1.' },
      ],
    });
    expect(h.upstream()).toEqual([]);
  });

  it('answers Atlas refusals as typed errors: a taken name (400), an unknown cluster (404), 403, 429, 5xx', async () => {
    const taken = await h.graphql(CREATE, { input: newPipeline({ name: SEED.pipelines.small }) });
    expect(taken.body.data!.createPipeline).toMatchObject({
      __typename: 'ValidationError',
      atlas: { status: 400, errorCode: 'DATA_LAKE_PIPELINE_ALREADY_EXISTS' },
    });
    const unknownCluster = await h.graphql(CREATE, {
      input: newPipeline({
        source: {
          type: 'ON_DEMAND_CPS',
          clusterName: 'Nowhere',
          databaseName: 'a',
          collectionName: 'b',
        },
      }),
    });
    expect(unknownCluster.body.data!.createPipeline).toMatchObject({
      __typename: 'NotFoundError',
      atlas: { status: 404, errorCode: 'CLUSTER_NOT_FOUND' },
    });

    h.simulator.injectFault({ operationId: 'createGroupPipeline', status: 403, times: 1 });
    expect(
      (await h.graphql(CREATE, { input: newPipeline() })).body.data!.createPipeline,
    ).toMatchObject({ __typename: 'ForbiddenError' });
    h.simulator.injectFault({
      operationId: 'createGroupPipeline',
      status: 429,
      headers: { 'retry-after': '7' },
      times: 1,
    });
    expect(
      (await h.graphql(CREATE, { input: newPipeline() })).body.data!.createPipeline,
    ).toMatchObject({
      __typename: 'RateLimitedError',
      atlas: { status: 429 },
    });
    h.simulator.clearRequests();
    h.simulator.injectFault({ operationId: 'createGroupPipeline', status: 503 });
    expect(
      (await h.graphql(CREATE, { input: newPipeline() })).body.data!.createPipeline,
    ).toMatchObject({
      __typename: 'UpstreamError',
      atlas: { status: 503 },
    });
    expect(calls(h.upstream())).toEqual([`POST ${project}/pipelines`]);
  });
});

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdatePipelineInput!) {
    updatePipeline(input: $input) { ${RESULT} ... on UpdatePipelineSuccess { pipeline { ${PIPELINE} runs(first: 1) { nodes { atlasId } } } } }
  }
`;

describe('updatePipeline', () => {
  it('PATCHes only the fields given, and later reads see the change', async () => {
    const { body } = await h.graphql(
      /* GraphQL */ `
        mutation Update($input: UpdatePipelineInput!) {
          before: updatePipeline(input: { projectId: "${SEED.projectId}", pipelineName: "${SEED.pipelines.small}", transformations: [] }) { __typename }
          updatePipeline(input: $input) { ${RESULT} ... on UpdatePipelineSuccess { pipeline { name datasetRetentionPolicy { units value } } } }
        }
      `,
      {
        input: {
          projectId: SEED.projectId,
          pipelineName: SEED.pipelines.small,
          datasetRetentionPolicy: { units: 'WEEKS', value: 3 },
          name: null,
        },
      },
    );
    expect(body.data!.updatePipeline).toEqual({
      __typename: 'UpdatePipelineSuccess',
      pipeline: {
        name: SEED.pipelines.small,
        datasetRetentionPolicy: { units: 'WEEKS', value: 3 },
      },
    });
    const patches = h.upstream().filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.body)).toEqual([
      { transformations: [] },
      { datasetRetentionPolicy: { units: 'WEEKS', value: 3 } },
    ]);
    expect(patches[1]!.path).toBe(`/api/atlas/v2${project}/pipelines/${SEED.pipelines.small}`);

    const read = await h.graphql(
      `{ project(id: "${SEED.projectId}") { pipeline(name: "${SEED.pipelines.small}") { datasetRetentionPolicy { units value } } } }`,
    );
    expect(read.body.data!.project.pipeline.datasetRetentionPolicy).toEqual({
      units: 'WEEKS',
      value: 3,
    });
  });

  it('renames: the payload has the new name and ID, and the old name no longer resolves in the same operation', async () => {
    const renamed = await h.graphql(
      /* GraphQL */ `
        mutation Rename($input: UpdatePipelineInput!) {
          updatePipeline(input: $input) { ${RESULT} ... on UpdatePipelineSuccess { pipeline { id name project { old: pipeline(name: "${SEED.pipelines.small}") { name } new: pipeline(name: "renamed") { name } } } } }
        }
      `,
      { input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.small, name: 'renamed' } },
    );
    expect(renamed.body.errors).toBeUndefined();
    expect(renamed.body.data!.updatePipeline.pipeline).toMatchObject({
      name: 'renamed',
      project: { old: null, new: { name: 'renamed' } },
    });
    expect(
      h
        .upstream()
        .filter((r) => r.method === 'PATCH')
        .map((r) => r.body),
    ).toEqual([{ name: 'renamed' }]);
  });

  it('refuses an update that changes nothing, and a bad name, before any call', async () => {
    const { body } = await h.graphql(UPDATE, {
      input: { projectId: SEED.projectId, pipelineName: 'a b', source: null },
    });
    expect(body.data!.updatePipeline).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [
        { path: ['input', 'pipelineName'] },
        { path: ['input'], message: 'Give at least one field to change.' },
      ],
    });
    expect(h.upstream()).toEqual([]);
  });

  it('answers a rename onto a taken name as ConflictError, an unknown pipeline as NotFoundError', async () => {
    const conflict = await h.graphql(UPDATE, {
      input: {
        projectId: SEED.projectId,
        pipelineName: SEED.pipelines.small,
        name: SEED.pipelines.big,
      },
    });
    expect(conflict.body.data!.updatePipeline).toMatchObject({
      __typename: 'ConflictError',
      atlas: { status: 409, errorCode: 'DATA_LAKE_PIPELINE_ALREADY_EXISTS' },
    });
    const missing = await h.graphql(UPDATE, {
      input: { projectId: SEED.projectId, pipelineName: 'nope', name: 'other' },
    });
    expect(missing.body.data!.updatePipeline).toMatchObject({
      __typename: 'NotFoundError',
      atlas: { status: 404 },
    });
  });
});

const DELETE = /* GraphQL */ `
  mutation Delete($input: PipelineActionInput!) {
    deletePipeline(input: $input) { ${RESULT} ... on DeletePipelineSuccess { deletedPipelineId project { pipelines { nodes { name } } } } }
  }
`;

describe('deletePipeline', () => {
  it('deletes once and answers the global ID it had; the project list read after it lacks it', async () => {
    const before = await h.graphql(
      `{ project(id: "${SEED.projectId}") { pipeline(name: "${SEED.pipelines.noRuns}") { id } } }`,
    );
    h.simulator.clearRequests();
    const { body } = await h.graphql(DELETE, {
      input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.noRuns },
    });
    expect(body.data!.deletePipeline).toEqual({
      __typename: 'DeletePipelineSuccess',
      deletedPipelineId: before.body.data!.project.pipeline.id,
      project: {
        pipelines: {
          nodes: SEED.pipelines.all
            .filter((name) => name !== SEED.pipelines.noRuns)
            .map((name) => ({ name })),
        },
      },
    });
    expect(calls(h.upstream())).toEqual([
      `DELETE ${project}/pipelines/${SEED.pipelines.noRuns}`,
      `GET ${project}/pipelines`,
    ]);
    expect(h.upstream()[0]!.body).toBeUndefined();
  });

  it('answers an unknown pipeline as NotFoundError and never retries a failed DELETE', async () => {
    const missing = await h.graphql(DELETE, {
      input: { projectId: SEED.projectId, pipelineName: 'nope' },
    });
    expect(missing.body.data!.deletePipeline).toMatchObject({
      __typename: 'NotFoundError',
      atlas: { errorCode: 'DATA_LAKE_PIPELINE_NOT_FOUND' },
    });
    h.simulator.clearRequests();
    h.simulator.injectFault({ operationId: 'deleteGroupPipeline', reset: true });
    const reset = await h.graphql(DELETE, {
      input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.noRuns },
    });
    expect(reset.body.data!.deletePipeline).toMatchObject({
      __typename: 'UpstreamError',
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(calls(h.upstream())).toEqual([`DELETE ${project}/pipelines/${SEED.pipelines.noRuns}`]);
  });
});

describe('pausePipeline and resumePipeline', () => {
  const PAUSE = /* GraphQL */ `
    mutation Pause($input: PipelineActionInput!) { pausePipeline(input: $input) { ${RESULT} ... on PausePipelineSuccess { pipeline { name state } } } }
  `;
  const RESUME = /* GraphQL */ `
    mutation Resume($input: PipelineActionInput!) { resumePipeline(input: $input) { ${RESULT} ... on ResumePipelineSuccess { pipeline { name state } } } }
  `;

  it('pauses with a bodiless POST, and a trigger in the same operation then sees the pipeline paused', async () => {
    const { body } = await h.graphql(
      /* GraphQL */ `
        mutation PauseThenTrigger($input: PipelineActionInput!, $snapshotId: ObjectId!) {
          pausePipeline(input: $input) { ... on PausePipelineSuccess { pipeline { state } } }
          triggerPipelineRun(input: { projectId: "${SEED.projectId}", pipelineName: "${SEED.pipelines.small}", snapshotId: $snapshotId }) {
            __typename ... on MutationError { atlas { errorCode } }
          }
        }
      `,
      {
        input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.small },
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      },
    );
    expect(body.data).toEqual({
      pausePipeline: { pipeline: { state: 'PAUSED' } },
      triggerPipelineRun: {
        __typename: 'ValidationError',
        atlas: { errorCode: 'DATA_LAKE_PIPELINE_PAUSED' },
      },
    });
    const pause = h.upstream()[0]!;
    expect(calls([pause])).toEqual([`POST ${project}/pipelines/${SEED.pipelines.small}/pause`]);
    expect(pause.rawBody).toBe('');
  });

  it('resumes a paused pipeline; a read in the same operation after it sees ACTIVE', async () => {
    const { body } = await h.graphql(
      /* GraphQL */ `
        mutation {
          resumePipeline(input: { projectId: "${SEED.projectId}", pipelineName: "${SEED.pipelines.paused}" }) {
            ... on ResumePipelineSuccess { pipeline { state project { pipelines { nodes { name state } } } } }
          }
        }
      `,
    );
    expect(body.data!.resumePipeline.pipeline.state).toBe('ACTIVE');
    expect(body.data!.resumePipeline.pipeline.project.pipelines.nodes).toContainEqual({
      name: SEED.pipelines.paused,
      state: 'ACTIVE',
    });
    expect(calls(h.upstream())).toEqual([
      `POST ${project}/pipelines/${SEED.pipelines.paused}/resume`,
      `GET ${project}/pipelines`,
    ]);
  });

  it('answers errors as typed members and validates the name first', async () => {
    const bad = await h.graphql(RESUME, {
      input: { projectId: SEED.projectId, pipelineName: 'a/b' },
    });
    expect(bad.body.data!.resumePipeline).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['input', 'pipelineName'] }],
    });
    expect(h.upstream()).toEqual([]);
    const missing = await h.graphql(PAUSE, {
      input: { projectId: SEED.projectId, pipelineName: 'nope' },
    });
    expect(missing.body.data!.pausePipeline).toMatchObject({ __typename: 'NotFoundError' });
    h.simulator.injectFault({ operationId: 'pauseGroupPipeline', status: 409, times: 1 });
    const conflict = await h.graphql(PAUSE, {
      input: { projectId: SEED.projectId, pipelineName: SEED.pipelines.small },
    });
    expect(conflict.body.data!.pausePipeline).toMatchObject({
      __typename: 'ConflictError',
      atlas: { status: 409 },
    });
  });
});
