import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const TRIGGER = /* GraphQL */ `
  mutation Trigger($input: TriggerPipelineRunInput!) {
    triggerPipelineRun(input: $input) {
      __typename
      ... on TriggerPipelineRunSuccess {
        run { id atlasId state phase snapshotId datasetRetentionPolicy { units value } }
        pipeline { name runs(first: 1) { nodes { atlasId } } }
      }
      ... on MutationError { message atlas { status errorCode detail } }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;

const input = (overrides: Record<string, unknown> = {}) => ({
  projectId: SEED.projectId,
  pipelineName: SEED.pipelines.small,
  snapshotId: SEED.snapshots.replicaSetNewestAvailable,
  ...overrides,
});

const runsPath = `/groups/${SEED.projectId}/pipelines/${SEED.pipelines.small}`;

describe('triggerPipelineRun', () => {
  it('posts the trigger once and answers the new run, which later reads of the operation see', async () => {
    const { body } = await h.graphql(TRIGGER, {
      input: input({ datasetRetentionPolicy: { units: 'WEEKS', value: 2 } }),
    });
    expect(body.errors).toBeUndefined();
    const result = body.data!.triggerPipelineRun;
    expect(result).toMatchObject({
      __typename: 'TriggerPipelineRunSuccess',
      run: {
        state: 'PENDING',
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
        datasetRetentionPolicy: { units: 'WEEKS', value: 2 },
      },
      pipeline: { name: SEED.pipelines.small },
    });
    expect(result.pipeline.runs.nodes[0].atlasId).toBe(result.run.atlasId);

    const post = h.upstream().filter((r) => r.method === 'POST');
    expect(post).toHaveLength(1);
    expect(post[0]!.path).toBe(`/api/atlas/v2${runsPath}/trigger`);
    expect(post[0]!.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json');
    expect(post[0]!.headers.accept).toBe('application/vnd.atlas.2023-01-01+json');
    expect(post[0]!.body).toEqual({
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      datasetRetentionPolicy: { units: 'WEEKS', value: 2 },
    });
  });

  it('refuses input breaking the contract with a ValidationError before any call', async () => {
    const { body } = await h.graphql(TRIGGER, {
      input: input({
        pipelineName: 'bad name',
        datasetRetentionPolicy: { units: 'DAYS', value: 0 },
      }),
    });
    expect(body.data!.triggerPipelineRun).toEqual({
      __typename: 'ValidationError',
      message: 'The input is not valid.',
      atlas: null,
      fieldErrors: [
        { path: ['input', 'pipelineName'], message: expect.any(String) },
        { path: ['input', 'datasetRetentionPolicy', 'value'], message: 'Must be at least 1.' },
      ],
    });
    expect(h.upstream()).toEqual([]);
  });

  it('keeps a malformed ObjectId top-level BAD_USER_INPUT: execution never starts', async () => {
    const { body } = await h.graphql(TRIGGER, { input: input({ snapshotId: 'not-an-id' }) });
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(h.upstream()).toEqual([]);
  });

  it('answers Atlas refusals as typed errors carrying errorCode and detail', async () => {
    const missing = await h.graphql(TRIGGER, {
      input: input({ pipelineName: 'no-such-pipeline' }),
    });
    expect(missing.body.data!.triggerPipelineRun).toMatchObject({
      __typename: 'NotFoundError',
      atlas: {
        status: 404,
        errorCode: 'DATA_LAKE_PIPELINE_NOT_FOUND',
        detail: expect.stringContaining('no-such-pipeline'),
      },
    });

    const paused = await h.graphql(TRIGGER, {
      input: input({ pipelineName: SEED.pipelines.paused }),
    });
    expect(paused.body.data!.triggerPipelineRun).toMatchObject({
      __typename: 'ValidationError',
      atlas: { status: 400, errorCode: 'DATA_LAKE_PIPELINE_PAUSED' },
    });

    h.simulator.injectFault({ operationId: 'triggerGroupPipeline', status: 403, times: 1 });
    const forbidden = await h.graphql(TRIGGER, { input: input() });
    expect(forbidden.body.data!.triggerPipelineRun).toMatchObject({
      __typename: 'ForbiddenError',
      atlas: { status: 403 },
    });

    h.simulator.injectFault({ operationId: 'triggerGroupPipeline', status: 409, times: 1 });
    const conflict = await h.graphql(TRIGGER, { input: input() });
    expect(conflict.body.data!.triggerPipelineRun).toMatchObject({
      __typename: 'ConflictError',
      atlas: { status: 409 },
    });
  });

  it('never retries the POST, even on a 503 that invites it', async () => {
    h.simulator.injectFault({ operationId: 'triggerGroupPipeline', status: 503 });
    const { body } = await h.graphql(TRIGGER, { input: input() });
    expect(body.data!.triggerPipelineRun).toMatchObject({
      __typename: 'UpstreamError',
      atlas: { status: 503 },
    });
    expect(calls(h.upstream())).toEqual([`POST ${runsPath}/trigger`]);
  });
});
