import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls, type Harness, startHarness } from '../support/harness.ts';
import { JWT_ENV, signToken } from './tokens.ts';

/**
 * A restore writes into a second project (its target). The seed's neighbour project holds a cluster
 * named as the demo project's Cluster0, so a restore across projects would overwrite a real cluster.
 */
const A = SEED.projectId;
const NEIGHBOUR = SEED.neighbourProjectId;
const TARGET = SEED.clusters.replicaSet;

let h: Harness;
let tokenForA: string;
let tokenForBoth: string;
beforeAll(async () => {
  h = await startHarness({
    env: {
      ...JWT_ENV,
      CACHE_TTL_MS: '60000',
    },
  });
  tokenForA = await signToken({ projects: [A] });
  tokenForBoth = await signToken({ projects: [A, NEIGHBOUR] });
});
afterAll(() => h.close());
beforeEach(() => {
  h.resetUpstream();
  h.simulator.clearFaults();
});

const as = (token: string) => ({ authorization: `Bearer ${token}` });

const FLEX_RESTORE = `mutation($input: CreateFlexRestoreJobInput!) {
  createFlexRestoreJob(input: $input) {
    __typename
    ... on MutationError { message atlas { status errorCode detail } }
    ... on CreateFlexRestoreJobSuccess { restoreJob { targetProjectId targetName } }
  }
}`;
const flexInto = (targetProjectId: string, targetDeploymentItemName = TARGET) => ({
  input: {
    projectId: A,
    flexClusterName: SEED.flex.main,
    snapshotId: SEED.snapshots.flexCompleted,
    targetDeploymentItemName,
    targetProjectId,
  },
});
const SERVERLESS_RESTORE = `mutation($input: CreateServerlessRestoreJobInput!) {
  createServerlessRestoreJob(input: $input) { __typename ... on MutationError { message } }
}`;

describe('a restore into another project', () => {
  it('is ForbiddenError without any upstream call when the token does not allow the target', async () => {
    const flex = await h.graphql(FLEX_RESTORE, flexInto(NEIGHBOUR), as(tokenForA));
    expect(flex.body).toEqual({
      data: {
        createFlexRestoreJob: {
          __typename: 'ForbiddenError',
          message: 'Your token does not allow this project.',
          atlas: null,
        },
      },
    });
    const serverless = await h.graphql(
      SERVERLESS_RESTORE,
      {
        input: {
          projectId: A,
          instanceName: SEED.serverless.main,
          deliveryType: 'AUTOMATED',
          snapshotId: SEED.snapshots.serverlessCompleted,
          targetProjectId: NEIGHBOUR,
          targetClusterName: TARGET,
        },
      },
      as(tokenForA),
    );
    expect(serverless.body.data!.createServerlessRestoreJob).toEqual({
      __typename: 'ForbiddenError',
      message: 'Your token does not allow this project.',
    });
    expect(h.upstream()).toEqual([]);
  });

  it('tells nothing of the names in the other project: an existing and a missing target answer alike', async () => {
    const existing = await h.graphql(FLEX_RESTORE, flexInto(NEIGHBOUR), as(tokenForA));
    const missing = await h.graphql(
      FLEX_RESTORE,
      flexInto(NEIGHBOUR, 'NoSuchCluster'),
      as(tokenForA),
    );
    expect(missing.body).toEqual(existing.body);
    expect(JSON.stringify(missing.body)).not.toContain(NEIGHBOUR);
    expect(h.upstream()).toEqual([]);
  });

  it('is sent, once, when the token allows both projects, and drops cached answers of both', async () => {
    const NEIGHBOUR_SNAPSHOTS = `query($p: ObjectId!, $c: String!) {
      project(id: $p) { cluster(name: $c) { snapshots(first: 1) { totalCount } } }
    }`;
    const read = () =>
      h.graphql(NEIGHBOUR_SNAPSHOTS, { p: NEIGHBOUR, c: TARGET }, as(tokenForBoth));
    expect((await read()).body.errors).toBeUndefined();
    await read();
    // The second read came from the response cache.
    expect(h.upstream()).toHaveLength(1);

    h.resetUpstream();
    const { body } = await h.graphql(FLEX_RESTORE, flexInto(NEIGHBOUR), as(tokenForBoth));
    expect(body.data!.createFlexRestoreJob).toEqual({
      __typename: 'CreateFlexRestoreJobSuccess',
      restoreJob: { targetProjectId: NEIGHBOUR, targetName: TARGET },
    });
    const [post] = h.upstream();
    expect(calls(h.upstream())).toEqual([
      `POST /groups/${A}/flexClusters/${SEED.flex.main}/backup/restoreJobs`,
    ]);
    expect(post!.body).toEqual({
      snapshotId: SEED.snapshots.flexCompleted,
      targetDeploymentItemName: TARGET,
      targetProjectId: NEIGHBOUR,
    });

    h.resetUpstream();
    await read();
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${NEIGHBOUR}/clusters/${TARGET}/backup/snapshots?pageNum=1&itemsPerPage=1&includeCount=true`,
    ]);
  });
});

describe("Atlas's words about a project the caller may not use", () => {
  it('never reach the caller, in a mutation error or a query error', async () => {
    const detail = `No cluster named ${TARGET} exists in group ${NEIGHBOUR}.`;
    h.simulator.injectFault({
      operationId: 'createGroupFlexClusterBackupRestoreJob',
      status: 404,
      body: { error: 404, errorCode: 'CLUSTER_NOT_FOUND', detail, reason: 'Not Found' },
      times: 1,
    });
    const mutation = await h.graphql(FLEX_RESTORE, flexInto(A), as(tokenForA));
    expect(mutation.body.data!.createFlexRestoreJob).toEqual({
      __typename: 'NotFoundError',
      message: 'Atlas refused the request.',
      atlas: { status: 404, errorCode: 'CLUSTER_NOT_FOUND', detail: null },
    });

    h.simulator.injectFault({
      operationId: 'listGroupFlexClusterBackupRestoreJobs',
      status: 403,
      body: {
        error: 403,
        errorCode: 'USER_UNAUTHORIZED',
        detail: `Denied in project ${NEIGHBOUR}.`,
      },
      times: 1,
    });
    const query = await h.graphql(
      `query($p: ObjectId!, $f: String!) { project(id: $p) { flexCluster(name: $f) { restoreJobs(first: 1) { totalCount } } } }`,
      { p: A, f: SEED.flex.main },
      as(tokenForA),
    );
    expect(JSON.stringify(query.body)).not.toContain(NEIGHBOUR);
    expect(query.body.errors!.map((e) => [e.message, e.extensions!.code])).toEqual([
      ['Atlas refused the request.', 'FORBIDDEN'],
    ]);
  });

  it('are kept when they name only projects the caller may use', async () => {
    const { body } = await h.graphql(FLEX_RESTORE, flexInto(A, 'NoSuchCluster'), as(tokenForA));
    expect(body.data!.createFlexRestoreJob).toMatchObject({
      __typename: 'NotFoundError',
      atlas: { errorCode: 'CLUSTER_NOT_FOUND' },
    });
    expect(body.data!.createFlexRestoreJob.message).toContain(A);
  });
});
