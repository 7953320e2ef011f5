import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const ERRORS = /* GraphQL */ `
  ... on MutationError { message atlas { status errorCode detail } }
  ... on ValidationError { fieldErrors { path message } }
`;

const SERVERLESS = /* GraphQL */ `
  mutation Restore($input: CreateServerlessRestoreJobInput!) {
    createServerlessRestoreJob(input: $input) {
      __typename
      ... on CreateServerlessRestoreJobSuccess {
        restoreJob { id atlasId status deliveryType targetName targetProjectId snapshotId }
        serverlessInstance { name restoreJobs(first: 1) { nodes { atlasId } } }
      }
      ${ERRORS}
    }
  }
`;
const serverlessInput = (overrides: Record<string, unknown> = {}) => ({
  projectId: SEED.projectId,
  instanceName: SEED.serverless.main,
  deliveryType: 'AUTOMATED',
  snapshotId: SEED.snapshots.serverlessCompleted,
  targetProjectId: SEED.projectId,
  targetClusterName: SEED.clusters.sharded,
  ...overrides,
});
const serverlessJobs = `/groups/${SEED.projectId}/serverless/${SEED.serverless.main}/backup/restoreJobs`;

describe('createServerlessRestoreJob', () => {
  it('posts the job once with targetGroupId, and the list read after it starts with it', async () => {
    const { body } = await h.graphql(SERVERLESS, { input: serverlessInput() });
    expect(body.errors).toBeUndefined();
    const result = body.data!.createServerlessRestoreJob;
    expect(result).toMatchObject({
      __typename: 'CreateServerlessRestoreJobSuccess',
      restoreJob: {
        status: 'RUNNING',
        deliveryType: 'RESTORE',
        targetName: SEED.clusters.sharded,
        targetProjectId: SEED.projectId,
      },
    });
    expect(result.serverlessInstance.restoreJobs.nodes[0].atlasId).toBe(result.restoreJob.atlasId);
    const post = h.upstream().filter((r) => r.method === 'POST');
    expect(calls(post)).toEqual([`POST ${serverlessJobs}`]);
    expect(post[0]!.body).toEqual({
      deliveryType: 'automated',
      targetClusterName: SEED.clusters.sharded,
      targetGroupId: SEED.projectId,
      snapshotId: SEED.snapshots.serverlessCompleted,
    });
  });

  it('restores a point in time with the oplog form', async () => {
    const oplog = {
      deliveryType: 'POINT_IN_TIME',
      snapshotId: null,
      oplogTs: 1_748_000_000,
      oplogInc: 3,
    };
    const { body } = await h.graphql(SERVERLESS, { input: serverlessInput(oplog) });
    expect(body.data!.createServerlessRestoreJob.__typename).toBe(
      'CreateServerlessRestoreJobSuccess',
    );
    expect(h.upstream().find((r) => r.method === 'POST')!.body).toEqual({
      deliveryType: 'pointInTime',
      targetClusterName: SEED.clusters.sharded,
      targetGroupId: SEED.projectId,
      oplogTs: 1_748_000_000,
      oplogInc: 3,
    });
  });

  it('refuses what the contract forbids before any call', async () => {
    const early = await h.graphql(SERVERLESS, {
      input: serverlessInput({
        deliveryType: 'POINT_IN_TIME',
        snapshotId: null,
        pointInTimeUTCSeconds: 1000,
        oplogTs: 1_748_000_000,
      }),
    });
    expect(early.body.data!.createServerlessRestoreJob).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [
        { path: ['input', 'pointInTimeUTCSeconds'], message: 'Must be at least 1199145600.' },
        { path: ['input', 'pointInTimeUTCSeconds'], message: expect.stringContaining('not both') },
        { path: ['input', 'oplogInc'], message: 'oplogTs and oplogInc go together.' },
      ],
    });
    const noSnapshot = await h.graphql(SERVERLESS, {
      input: serverlessInput({ snapshotId: null, targetClusterName: 'bad name' }),
    });
    expect(noSnapshot.body.data!.createServerlessRestoreJob).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['input', 'targetClusterName'] }, { path: ['input', 'snapshotId'] }],
    });
    expect(h.upstream()).toEqual([]);
  });

  it('answers a busy target as ConflictError, an unknown target as NotFoundError, an Atlas 400 with the input field names', async () => {
    const busy = await h.graphql(SERVERLESS, {
      input: serverlessInput({ targetClusterName: SEED.serverless.busyTargets[0] }),
    });
    expect(busy.body.data!.createServerlessRestoreJob).toMatchObject({
      __typename: 'ConflictError',
      atlas: { status: 409, errorCode: 'RESTORE_JOB_ALREADY_IN_PROGRESS' },
    });
    const nowhere = await h.graphql(SERVERLESS, {
      input: serverlessInput({ targetClusterName: 'Nowhere' }),
    });
    expect(nowhere.body.data!.createServerlessRestoreJob).toMatchObject({
      __typename: 'NotFoundError',
      atlas: { errorCode: 'CLUSTER_NOT_FOUND' },
    });
    h.simulator.injectFault({
      operationId: 'createGroupServerlessBackupRestoreJob',
      status: 400,
      body: {
        error: 400,
        errorCode: 'INVALID_ATTRIBUTE',
        detail: 'bad target',
        badRequestDetail: { fields: [{ field: 'targetGroupId', description: 'unknown' }] },
      },
      times: 1,
    });
    const refused = await h.graphql(SERVERLESS, { input: serverlessInput() });
    expect(refused.body.data!.createServerlessRestoreJob).toMatchObject({
      __typename: 'ValidationError',
      atlas: { status: 400, errorCode: 'INVALID_ATTRIBUTE', detail: 'bad target' },
      fieldErrors: [{ path: ['input', 'targetProjectId'], message: 'unknown' }],
    });
  });

  it('never retries the POST on a 504', async () => {
    h.simulator.injectFault({ operationId: 'createGroupServerlessBackupRestoreJob', status: 504 });
    const { body } = await h.graphql(SERVERLESS, { input: serverlessInput() });
    expect(body.data!.createServerlessRestoreJob).toMatchObject({
      __typename: 'UpstreamError',
      atlas: { status: 504 },
    });
    expect(calls(h.upstream())).toEqual([`POST ${serverlessJobs}`]);
  });
});

const FLEX = /* GraphQL */ `
  mutation RestoreFlex($input: CreateFlexRestoreJobInput!) {
    createFlexRestoreJob(input: $input) {
      __typename
      ... on CreateFlexRestoreJobSuccess {
        restoreJob { id atlasId status upstreamStatus targetName targetProjectId snapshotId }
        flexCluster { name restoreJobs(first: 1) { nodes { atlasId } } }
      }
      ${ERRORS}
    }
  }
`;
const flexInput = (overrides: Record<string, unknown> = {}) => ({
  projectId: SEED.projectId,
  flexClusterName: SEED.flex.main,
  snapshotId: SEED.snapshots.flexCompleted,
  targetDeploymentItemName: SEED.flex.main,
  ...overrides,
});
const flexJobs = `/groups/${SEED.projectId}/flexClusters/${SEED.flex.main}/backup/restoreJobs`;

describe('createFlexRestoreJob', () => {
  it('posts the job once (2024-11-13) and the list read after it starts with it', async () => {
    const { body } = await h.graphql(FLEX, { input: flexInput() });
    expect(body.errors).toBeUndefined();
    const result = body.data!.createFlexRestoreJob;
    expect(result).toMatchObject({
      __typename: 'CreateFlexRestoreJobSuccess',
      restoreJob: {
        status: 'PENDING',
        upstreamStatus: 'PENDING',
        targetName: SEED.flex.main,
        snapshotId: SEED.snapshots.flexCompleted,
      },
    });
    expect(result.flexCluster.restoreJobs.nodes[0].atlasId).toBe(result.restoreJob.atlasId);
    const post = h.upstream().find((r) => r.method === 'POST')!;
    expect(calls([post])).toEqual([`POST ${flexJobs}`]);
    expect(post.headers['content-type']).toBe('application/vnd.atlas.2024-11-13+json');
    expect(post.body).toEqual({
      snapshotId: SEED.snapshots.flexCompleted,
      targetDeploymentItemName: SEED.flex.main,
    });
  });

  it('refuses bad names before any call', async () => {
    const { body } = await h.graphql(FLEX, {
      input: flexInput({ flexClusterName: '-x', targetDeploymentItemName: 'has space' }),
    });
    expect(body.data!.createFlexRestoreJob).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [
        { path: ['input', 'flexClusterName'] },
        { path: ['input', 'targetDeploymentItemName'] },
      ],
    });
    expect(h.upstream()).toEqual([]);
  });

  it('answers a busy target as ConflictError and an unknown project as NotFoundError', async () => {
    const busy = await h.graphql(FLEX, {
      input: flexInput({ targetDeploymentItemName: SEED.flex.busyTarget }),
    });
    expect(busy.body.data!.createFlexRestoreJob).toMatchObject({
      __typename: 'ConflictError',
      atlas: { status: 409 },
    });
    const project = await h.graphql(FLEX, {
      input: flexInput({ targetProjectId: SEED.unknownProjectId }),
    });
    expect(project.body.data!.createFlexRestoreJob).toMatchObject({
      __typename: 'NotFoundError',
      atlas: { status: 404 },
    });
    expect(
      h
        .upstream()
        .filter((r) => r.method === 'POST')
        .at(-1)!.body,
    ).toEqual({
      snapshotId: SEED.snapshots.flexCompleted,
      targetDeploymentItemName: SEED.flex.main,
      targetProjectId: SEED.unknownProjectId,
    });
  });
});
