import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/relay/global-id.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();
const P = SEED.projectId;
const CLUSTER = SEED.clusters.replicaSet;
const JOBS = SEED.clusterRestoreJobs as Record<string, string>;
const JOBS_PATH = `/groups/${P}/clusters/${CLUSTER}/backup/restoreJobs`;

const JOB_FIELDS = `__typename id atlasId status deliveryType upstreamDeliveryType targetProjectId targetName
  finishedAt expiresAt snapshotId cancelled failed expired deliveryUrl pointInTimeUTCSeconds oplogTs oplogInc
  cluster { name }`;

const CREATE = `mutation($input: CreateClusterRestoreJobInput!) { createClusterRestoreJob(input: $input) {
  __typename
  ... on CreateClusterRestoreJobSuccess { restoreJob { atlasId status deliveryType upstreamDeliveryType targetName snapshotId } cluster { name } }
  ... on ValidationError { fieldErrors { path message } }
  ... on MutationError { message atlas { status errorCode } }
} }`;

const CANCEL = `mutation($input: CancelClusterRestoreJobInput!) { cancelClusterRestoreJob(input: $input) {
  __typename
  ... on CancelClusterRestoreJobSuccess { restoreJob { atlasId status cancelled } cluster { name } }
  ... on MutationError { message atlas { status errorCode } }
} }`;

describe("a dedicated cluster's restore jobs", () => {
  it('are listed newest first, normalised as the others, with their raw values kept', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { cluster(name: "${CLUSTER}") {
          restoreJobs(first: 50) { totalCount nodes { ${JOB_FIELDS} } } } } }`,
      { p: P },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const jobs = body.data!.project.cluster.restoreJobs;
    const byId = new Map<string, any>(jobs.nodes.map((job: any) => [job.atlasId, job]));
    const expectations: Record<string, [string, string, string]> = {
      runningDownload: ['RUNNING', 'DOWNLOAD', 'DOWNLOAD'],
      runningAutomated: ['RUNNING', 'RESTORE', 'AUTOMATED'],
      runningPointInTime: ['RUNNING', 'POINT_IN_TIME', 'POINT_IN_TIME'],
      finishedAutomated: ['COMPLETED', 'RESTORE', 'AUTOMATED'],
      finishedDownload: ['COMPLETED', 'DOWNLOAD', 'DOWNLOAD'],
      finishedPointInTime: ['COMPLETED', 'POINT_IN_TIME', 'POINT_IN_TIME'],
      failedAutomated: ['FAILED', 'RESTORE', 'AUTOMATED'],
      cancelledPointInTime: ['CANCELLED', 'POINT_IN_TIME', 'POINT_IN_TIME'],
      expiredDownload: ['EXPIRED', 'DOWNLOAD', 'DOWNLOAD'],
    };
    for (const [name, [status, deliveryType, upstream]] of Object.entries(expectations)) {
      expect(byId.get(JOBS[name]!), name).toMatchObject({
        __typename: 'ClusterRestoreJob',
        id: encodeGlobalId('ClusterRestoreJob', P, CLUSTER, JOBS[name]!),
        status,
        deliveryType,
        upstreamDeliveryType: upstream,
        cluster: { name: CLUSTER },
      });
    }
    expect(jobs.nodes.map((job: any) => job.atlasId)).toEqual(
      Object.keys(expectations).map((name) => JOBS[name]),
    );
    expect(byId.get(JOBS.finishedAutomated!)).toMatchObject({
      targetProjectId: P,
      targetName: SEED.clusters.multiRegion,
    });
    expect(byId.get(JOBS.finishedDownload!).deliveryUrl[0]).toMatch(/^https:/);
    expect(byId.get(JOBS.cancelledPointInTime!)).toMatchObject({ oplogInc: 3 });
    expect(calls(h.upstream())).toEqual([
      `GET ${JOBS_PATH}?pageNum=1&itemsPerPage=50&includeCount=true`,
    ]);
    expect(h.upstream()[0]!.headers.accept).toBe('application/vnd.atlas.2023-01-01+json');
  });

  it('are read by id (null when missing) and by global id, one GET each', async () => {
    const missing = '5f0000000000000000000009';
    const { body } = await h.graphql(
      `query($p: ObjectId!, $id: ObjectId!, $missing: ObjectId!, $node: ID!) {
        project(id: $p) { cluster(name: "${CLUSTER}") {
          job: restoreJob(id: $id) { atlasId status }
          gone: restoreJob(id: $missing) { atlasId } } }
        node(id: $node) { ... on ClusterRestoreJob { atlasId deliveryType } } }`,
      {
        p: P,
        id: JOBS.finishedDownload,
        missing,
        node: encodeGlobalId('ClusterRestoreJob', P, CLUSTER, JOBS.runningAutomated!),
      },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data).toEqual({
      project: {
        cluster: { job: { atlasId: JOBS.finishedDownload, status: 'COMPLETED' }, gone: null },
      },
      node: { atlasId: JOBS.runningAutomated, deliveryType: 'RESTORE' },
    });
    expect(calls(h.upstream()).sort()).toEqual(
      [
        `GET ${JOBS_PATH}/${JOBS.finishedDownload}`,
        `GET ${JOBS_PATH}/${missing}`,
        `GET ${JOBS_PATH}/${JOBS.runningAutomated}`,
      ].sort(),
    );
  });
});

describe('createClusterRestoreJob', () => {
  it('restores a snapshot into a cluster with the exact body, once', async () => {
    const input = {
      projectId: P,
      clusterName: CLUSTER,
      deliveryType: 'RESTORE',
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      targetProjectId: P,
      targetClusterName: SEED.clusters.empty,
    };
    const { body } = await h.graphql(CREATE, { input });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.createClusterRestoreJob).toMatchObject({
      __typename: 'CreateClusterRestoreJobSuccess',
      restoreJob: {
        status: 'RUNNING',
        deliveryType: 'RESTORE',
        upstreamDeliveryType: 'AUTOMATED',
        targetName: SEED.clusters.empty,
        snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      },
      cluster: { name: CLUSTER },
    });
    const [post] = h.upstream();
    expect(calls(h.upstream())).toEqual([`POST ${JOBS_PATH}`]);
    expect(post!.body).toEqual({
      deliveryType: 'automated',
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      targetGroupId: P,
      targetClusterName: SEED.clusters.empty,
    });
    expect(post!.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json');
  });

  it('prepares a download without a target', async () => {
    const input = {
      projectId: P,
      clusterName: CLUSTER,
      deliveryType: 'DOWNLOAD',
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
    };
    const { body } = await h.graphql(CREATE, { input });
    expect(body.data!.createClusterRestoreJob.__typename, JSON.stringify(body)).toBe(
      'CreateClusterRestoreJobSuccess',
    );
    expect(h.upstream()[0]!.body).toEqual({
      deliveryType: 'download',
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
    });
  });

  it('restores a moment of the restore window after reading the schedule once', async () => {
    const moment = Math.floor(Date.now() / 1000) - 3_600;
    const input = {
      projectId: P,
      clusterName: SEED.clusters.multiRegion,
      deliveryType: 'POINT_IN_TIME',
      pointInTimeUTCSeconds: moment,
      targetProjectId: P,
      targetClusterName: SEED.clusters.empty,
    };
    const { body } = await h.graphql(CREATE, { input });
    expect(body.data!.createClusterRestoreJob.__typename, JSON.stringify(body)).toBe(
      'CreateClusterRestoreJobSuccess',
    );
    const path = `/groups/${P}/clusters/${SEED.clusters.multiRegion}/backup`;
    expect(calls(h.upstream())).toEqual([`GET ${path}/schedule`, `POST ${path}/restoreJobs`]);
    expect(h.upstream()[1]!.body).toEqual({
      deliveryType: 'pointInTime',
      pointInTimeUTCSeconds: moment,
      targetGroupId: P,
      targetClusterName: SEED.clusters.empty,
    });
  });

  const target = { targetProjectId: P, targetClusterName: SEED.clusters.empty };
  const snapshot = { snapshotId: SEED.snapshots.replicaSetNewestAvailable };
  const bases: Record<string, object> = {
    RESTORE: { ...snapshot, ...target },
    DOWNLOAD: snapshot,
    POINT_IN_TIME: target,
  };
  it.each<[string, string, object, string[]]>([
    [
      'a snapshot and a point in time together',
      'POINT_IN_TIME',
      { ...snapshot, pointInTimeUTCSeconds: 1_700_000_000 },
      ['input', 'snapshotId'],
    ],
    ['no snapshot for a RESTORE', 'RESTORE', { snapshotId: null }, ['input', 'snapshotId']],
    [
      'oplogTs without oplogInc',
      'POINT_IN_TIME',
      { oplogTs: 1_700_000_000 },
      ['input', 'oplogInc'],
    ],
    [
      'a point in time before 2008',
      'POINT_IN_TIME',
      { pointInTimeUTCSeconds: 1_000 },
      ['input', 'pointInTimeUTCSeconds'],
    ],
    [
      'a point in time in the future',
      'POINT_IN_TIME',
      { pointInTimeUTCSeconds: 2_000_000_000 },
      ['input', 'pointInTimeUTCSeconds'],
    ],
    [
      'a cluster name breaking the pattern',
      'RESTORE',
      { clusterName: 'no/slash' },
      ['input', 'clusterName'],
    ],
    [
      'no target for a RESTORE',
      'RESTORE',
      { targetClusterName: null },
      ['input', 'targetClusterName'],
    ],
    [
      'a target for a download',
      'DOWNLOAD',
      { targetClusterName: 'Other0' },
      ['input', 'targetClusterName'],
    ],
  ])('refuses %s with a ValidationError before any call', async (_, deliveryType, change, path) => {
    const input = {
      projectId: P,
      clusterName: CLUSTER,
      deliveryType,
      ...bases[deliveryType],
      ...change,
    };
    const { body } = await h.graphql(CREATE, { input });
    const result = body.data!.createClusterRestoreJob;
    expect(result.__typename, JSON.stringify(body)).toBe('ValidationError');
    expect(result.fieldErrors.map((e: any) => e.path)).toContainEqual(path);
    expect(h.upstream()).toEqual([]);
  });

  it('refuses a point in time before the restore window after one read of the schedule', async () => {
    const input = {
      projectId: P,
      clusterName: SEED.clusters.multiRegion,
      deliveryType: 'POINT_IN_TIME',
      pointInTimeUTCSeconds: 1_300_000_000,
      targetProjectId: P,
      targetClusterName: SEED.clusters.empty,
    };
    const { body } = await h.graphql(CREATE, { input });
    const result = body.data!.createClusterRestoreJob;
    expect(result.__typename, JSON.stringify(body)).toBe('ValidationError');
    expect(result.fieldErrors[0]).toMatchObject({ path: ['input', 'pointInTimeUTCSeconds'] });
    expect(result.fieldErrors[0].message).toMatch(/restore window/);
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${P}/clusters/${SEED.clusters.multiRegion}/backup/schedule`,
    ]);
  });

  it("turns Atlas's 409 (a restore already running into the target) into a ConflictError, never retried", async () => {
    const input = {
      projectId: P,
      clusterName: CLUSTER,
      deliveryType: 'RESTORE',
      snapshotId: SEED.snapshots.replicaSetNewestAvailable,
      targetProjectId: P,
      targetClusterName: SEED.clusterRestoreBusyTargets[0],
    };
    const { body } = await h.graphql(CREATE, { input });
    expect(body.data!.createClusterRestoreJob).toMatchObject({
      __typename: 'ConflictError',
      atlas: { status: 409 },
    });
    expect(calls(h.upstream())).toEqual([`POST ${JOBS_PATH}`]);
  });
});

describe('cancelClusterRestoreJob', () => {
  it('cancels a running job and reads it again', async () => {
    const input = { projectId: P, clusterName: CLUSTER, restoreJobId: JOBS.runningDownload };
    const { body } = await h.graphql(CANCEL, { input });
    expect(body.data!.cancelClusterRestoreJob, JSON.stringify(body)).toEqual({
      __typename: 'CancelClusterRestoreJobSuccess',
      restoreJob: { atlasId: JOBS.runningDownload, status: 'CANCELLED', cancelled: true },
      cluster: { name: CLUSTER },
    });
    expect(calls(h.upstream())).toEqual([
      `DELETE ${JOBS_PATH}/${JOBS.runningDownload}`,
      `GET ${JOBS_PATH}/${JOBS.runningDownload}`,
    ]);
  });

  it.each([
    ['a finished job', CLUSTER, JOBS.finishedAutomated],
    ['a sharded-cluster restore under way', SEED.clusters.sharded, JOBS.sharded],
  ])("turns Atlas's 405 for %s into a ConflictError", async (_, clusterName, restoreJobId) => {
    const input = { projectId: P, clusterName, restoreJobId };
    const { body } = await h.graphql(CANCEL, { input });
    expect(body.data!.cancelClusterRestoreJob, JSON.stringify(body)).toMatchObject({
      __typename: 'ConflictError',
      atlas: { status: 405 },
    });
    expect(h.upstream()).toHaveLength(1);
  });

  it('answers NotFoundError for a job that does not exist', async () => {
    const input = { projectId: P, clusterName: CLUSTER, restoreJobId: '5f0000000000000000000009' };
    const { body } = await h.graphql(CANCEL, { input });
    expect(body.data!.cancelClusterRestoreJob.__typename, JSON.stringify(body)).toBe(
      'NotFoundError',
    );
  });
});
