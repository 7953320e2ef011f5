import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const DELETE_DATASET = /* GraphQL */ `
  mutation DeleteDataset($input: DeletePipelineRunDatasetInput!) {
    deletePipelineRunDataset(input: $input) {
      __typename
      ... on DeletePipelineRunDatasetSuccess { run { atlasId state } }
      ... on MutationError { message atlas { status errorCode } }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const input = (overrides: Record<string, unknown> = {}) => ({
  projectId: SEED.projectId,
  pipelineName: SEED.pipelines.small,
  runId: SEED.runs.smallNewest,
  ...overrides,
});
const runPath = `/groups/${SEED.projectId}/pipelines/${SEED.pipelines.small}/runs/${SEED.runs.smallNewest}`;

describe('deletePipelineRunDataset', () => {
  it('sends one bodiless DELETE (202), then reads the run again: DATASET_DELETED, also for a read cached before it', async () => {
    const { body } = await h.graphql(
      /* GraphQL */ `
        mutation DeleteDataset($input: DeletePipelineRunDatasetInput!) {
          before: deletePipelineRunDataset(input: { projectId: "${SEED.projectId}", pipelineName: "${SEED.pipelines.small}", runId: "${SEED.runs.smallMiddle}" }) { __typename }
          deletePipelineRunDataset(input: $input) { ... on DeletePipelineRunDatasetSuccess { run { atlasId state pipeline { runs(first: 3) { nodes { atlasId state } } } } } }
        }
      `,
      { input: input() },
    );
    expect(body.errors).toBeUndefined();
    // The FAILED middle run has no dataset (400): the second deletion still goes ahead.
    expect(body.data!.before).toEqual({ __typename: 'ValidationError' });
    expect(body.data!.deletePipelineRunDataset.run).toMatchObject({
      atlasId: SEED.runs.smallNewest,
      state: 'DATASET_DELETED',
    });
    expect(body.data!.deletePipelineRunDataset.run.pipeline.runs.nodes[0]).toEqual({
      atlasId: SEED.runs.smallNewest,
      state: 'DATASET_DELETED',
    });
    const deletion = h
      .upstream()
      .find((r) => r.method === 'DELETE' && r.path.endsWith(SEED.runs.smallNewest))!;
    expect(deletion.status).toBe(202);
    expect(deletion.rawBody).toBe('');
    expect(calls(h.upstream()).filter((c) => c.startsWith(`GET ${runPath}`))).toEqual([
      `GET ${runPath}`,
    ]);
  });

  it('refuses a bad pipeline name before any call; a malformed run id never starts execution', async () => {
    const bad = await h.graphql(DELETE_DATASET, { input: input({ pipelineName: '' }) });
    expect(bad.body.data!.deletePipelineRunDataset).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['input', 'pipelineName'] }],
    });
    const malformed = await h.graphql(DELETE_DATASET, { input: input({ runId: 'zz' }) });
    expect(malformed.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(h.upstream()).toEqual([]);
  });

  it('answers Atlas refusals as typed errors', async () => {
    const pending = await h.graphql(DELETE_DATASET, {
      input: input({
        pipelineName: SEED.pipelines.everyState,
        runId: SEED.runs.everyState.pending,
      }),
    });
    expect(pending.body.data!.deletePipelineRunDataset).toMatchObject({
      __typename: 'ValidationError',
      atlas: { status: 400, errorCode: 'INVALID_PIPELINE_RUN_STATE' },
    });
    const missing = await h.graphql(DELETE_DATASET, {
      input: input({ runId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }),
    });
    expect(missing.body.data!.deletePipelineRunDataset).toMatchObject({
      __typename: 'NotFoundError',
      atlas: { errorCode: 'PIPELINE_RUN_NOT_FOUND' },
    });
    h.simulator.clearRequests();
    h.simulator.injectFault({ operationId: 'deleteGroupPipelineRun', status: 502 });
    const failed = await h.graphql(DELETE_DATASET, { input: input() });
    expect(failed.body.data!.deletePipelineRunDataset).toMatchObject({
      __typename: 'UpstreamError',
      atlas: { status: 502 },
    });
    expect(calls(h.upstream())).toEqual([`DELETE ${runPath}`]);
  });
});
