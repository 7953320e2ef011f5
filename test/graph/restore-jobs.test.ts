import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

// The raw delivery types are two enums (their values differ), so a query selecting both aliases them.
const JOB_FIELDS = `
  __typename atlasId status deliveryType targetProjectId targetName finishedAt expiresAt snapshotId
  ... on ServerlessRestoreJob { serverlessDelivery: upstreamDeliveryType cancelled expired failed deliveryUrl serverlessInstance { name } }
  ... on FlexRestoreJob { upstreamStatus flexDelivery: upstreamDeliveryType instanceName flexCluster { name } }
`;

describe('restore jobs of serverless instances and Flex clusters', () => {
  it('normalise serverless status and delivery type from the raw flags, newest first', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { serverlessInstance(name: "${SEED.serverless.main}") {
        restoreJobs(first: 20) { totalCount nodes { ${JOB_FIELDS} } }
      } } }`,
      { p: SEED.projectId },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const jobs = body.data!.project.serverlessInstance.restoreJobs;
    const byId = new Map(jobs.nodes.map((job: any) => [job.atlasId, job]));
    const ids = SEED.serverlessRestoreJobs as Record<string, string>;
    const expectations: Record<string, [string, string, string]> = {
      running: ['RUNNING', 'RESTORE', 'automated'],
      pointInTime: ['RUNNING', 'POINT_IN_TIME', 'pointInTime'],
      finished: ['COMPLETED', 'RESTORE', 'automated'],
      download: ['COMPLETED', 'DOWNLOAD', 'download'],
      failed: ['FAILED', 'RESTORE', 'automated'],
      cancelled: ['CANCELLED', 'RESTORE', 'automated'],
      expired: ['EXPIRED', 'DOWNLOAD', 'download'],
      oplog: ['COMPLETED', 'POINT_IN_TIME', 'pointInTime'],
    };
    for (const [name, [status, deliveryType, raw]] of Object.entries(expectations)) {
      expect(byId.get(ids[name]!), name).toMatchObject({
        __typename: 'ServerlessRestoreJob',
        status,
        deliveryType,
        serverlessDelivery: raw === 'pointInTime' ? 'POINT_IN_TIME' : raw.toUpperCase(),
        serverlessInstance: { name: SEED.serverless.main },
      });
    }
    expect(jobs.nodes.map((job: any) => job.atlasId)).toEqual(
      Object.keys(expectations).map((name) => ids[name]),
    );
    expect(jobs.totalCount).toBe(8);
    expect((byId.get(ids.download!) as any).deliveryUrl[0]).toMatch(/^https:/);
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${SEED.projectId}/serverless/${SEED.serverless.main}/backup/restoreJobs?pageNum=1&itemsPerPage=20&includeCount=true`,
    ]);
    expect(h.upstream()[0]!.headers.accept).toBe('application/vnd.atlas.2023-01-01+json');
  });

  it('take Flex status as is, with the Flex media type', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { flexCluster(name: "${SEED.flex.main}") {
        restoreJobs { nodes { ${JOB_FIELDS} } }
      } } }`,
      { p: SEED.projectId },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const statuses = body.data!.project.flexCluster.restoreJobs.nodes.map((job: any) => [
      job.status,
      job.upstreamStatus,
      job.deliveryType,
    ]);
    expect(statuses).toEqual([
      ['PENDING', 'PENDING', 'RESTORE'],
      ['QUEUED', 'QUEUED', 'RESTORE'],
      ['RUNNING', 'RUNNING', 'RESTORE'],
      ['FAILED', 'FAILED', 'RESTORE'],
      ['COMPLETED', 'COMPLETED', 'RESTORE'],
      ['COMPLETED', 'COMPLETED', 'DOWNLOAD'],
    ]);
    expect(body.data!.project.flexCluster.restoreJobs.nodes[0]).toMatchObject({
      __typename: 'FlexRestoreJob',
      targetProjectId: SEED.projectId,
      targetName: 'FlexEmpty',
      instanceName: SEED.flex.main,
      flexCluster: { name: SEED.flex.main },
    });
    expect(h.upstream()[0]!.headers.accept).toBe('application/vnd.atlas.2024-11-13+json');
  });

  it('read one job by id, null when it does not exist, NOT_FOUND when the instance does not', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) {
        flexCluster(name: "${SEED.flex.main}") {
          job: restoreJob(id: "${(SEED.flexRestoreJobs as Record<string, string>).failed}") { status }
          gone: restoreJob(id: "aaaaaaaaaaaaaaaaaaaaaaaa") { status }
        }
      }
      other: project(id: $p) { flexCluster(name: "NoSuchFlex") { restoreJob(id: "aaaaaaaaaaaaaaaaaaaaaaaa") { status } } } }`,
      { p: SEED.projectId },
    );
    expect(body.data!.project.flexCluster).toEqual({ job: { status: 'FAILED' }, gone: null });
    expect(body.data!.other.flexCluster.restoreJob).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      path: ['other', 'flexCluster', 'restoreJob'],
      extensions: {
        code: 'NOT_FOUND',
        atlas: { status: 404, errorCode: 'FLEX_CLUSTER_NOT_FOUND' },
      },
    });
  });

  it('name Flex as the successor when Atlas has retired serverless backup', async () => {
    h.simulator.setGone('serverless', 410);
    try {
      const { body } = await h.graphql(
        `query($p: ObjectId!) { project(id: $p) { serverlessInstance(name: "${SEED.serverless.main}") { restoreJob(id: "aaaaaaaaaaaaaaaaaaaaaaaa") { status } } } }`,
        { p: SEED.projectId },
      );
      expect(body.errors![0]!.extensions).toMatchObject({
        code: 'UPSTREAM_GONE',
        successor: expect.stringContaining('flexCluster'),
      });
    } finally {
      h.simulator.setGone('serverless', false);
    }
  });
});
