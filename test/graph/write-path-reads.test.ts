import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const project = `/groups/${SEED.projectId}`;

describe('the read fields the write path needs', () => {
  it("lists a pipeline's available schedules (unpaged) and snapshots completed after an instant", async () => {
    const { body } = await h.graphql(/* GraphQL */ `
      {
        project(id: "${SEED.projectId}") {
          pipeline(name: "${SEED.pipelines.small}") {
            availableSchedules { atlasId frequencyType frequencyInterval retentionUnit retentionValue }
            availableSnapshots(first: 2, completedAfter: "2025-05-25T00:00:00Z") { totalCount nodes { atlasId status createdAt } }
          }
        }
      }
    `);
    expect(body.errors).toBeUndefined();
    const pipeline = body.data!.project.pipeline;
    expect(pipeline.availableSchedules).toContainEqual({
      atlasId: SEED.policyItems.daily,
      frequencyType: 'DAILY',
      frequencyInterval: 1,
      retentionUnit: 'DAYS',
      retentionValue: 7,
    });
    expect(pipeline.availableSnapshots.nodes[0]).toEqual({
      atlasId: SEED.snapshots.replicaSetNewestAvailable,
      status: 'COMPLETED',
      createdAt: expect.any(String),
    });
    expect(
      pipeline.availableSnapshots.nodes.every(
        (s: { createdAt: string }) => s.createdAt > '2025-05-25T00:00:00.000Z',
      ),
    ).toBe(true);
    expect(calls(h.upstream()).sort()).toEqual(
      [
        `GET ${project}/pipelines/${SEED.pipelines.small}`,
        `GET ${project}/pipelines/${SEED.pipelines.small}/availableSchedules`,
        `GET ${project}/pipelines/${SEED.pipelines.small}/availableSnapshots?pageNum=1&itemsPerPage=2&includeCount=true&completedAfter=2025-05-25T00%3A00%3A00.000Z`,
      ].sort(),
    );
  });

  it('lists export buckets in the 2024-05-30 shape, every provider', async () => {
    const { body } = await h.graphql(/* GraphQL */ `
      { project(id: "${SEED.projectId}") { exportBuckets { nodes { atlasId bucketName cloudProvider iamRoleId region roleId serviceUrl tenantId } } } }
    `);
    expect(body.errors).toBeUndefined();
    const buckets = body.data!.project.exportBuckets.nodes;
    expect(buckets.map((b: { cloudProvider: string }) => b.cloudProvider)).toEqual([
      'AWS',
      'AWS',
      'GCP',
      'AZURE',
    ]);
    expect(buckets[3]).toMatchObject({
      atlasId: SEED.exportBuckets.azure,
      serviceUrl: expect.stringContaining('blob.core.windows.net'),
      iamRoleId: null,
    });
    expect(h.upstream()[0]!.headers.accept).toBe('application/vnd.atlas.2024-05-30+json');
  });

  it('lists cluster, serverless and Flex snapshots as connections', async () => {
    const { body } = await h.graphql(/* GraphQL */ `
      {
        project(id: "${SEED.projectId}") {
          cluster(name: "${SEED.clusters.sharded}") { snapshots(first: 1) { totalCount nodes { atlasId type storageSizeBytes } } }
          serverlessInstance(name: "${SEED.serverless.main}") { snapshots(first: 1) { totalCount nodes { atlasId status } } }
          flexCluster(name: "${SEED.flex.main}") { snapshots(first: 1) { totalCount nodes { atlasId status } } }
        }
      }
    `);
    expect(body.errors).toBeUndefined();
    const p = body.data!.project;
    expect(p.cluster.snapshots).toEqual({
      totalCount: SEED.snapshots.shardedCount,
      nodes: [
        {
          atlasId: SEED.snapshots.shardedNewest,
          type: 'SHARDED_CLUSTER',
          storageSizeBytes: expect.any(Number),
        },
      ],
    });
    expect(p.serverlessInstance.snapshots).toMatchObject({
      totalCount: SEED.snapshots.serverlessCount,
      nodes: [{ atlasId: SEED.snapshots.serverlessNewest }],
    });
    expect(p.flexCluster.snapshots).toMatchObject({
      totalCount: SEED.snapshots.flexCount,
      nodes: [{ atlasId: SEED.snapshots.flexNewest }],
    });
  });
});

describe('PipelineRun.snapshot and ExportJob.snapshot', () => {
  it('resolve several snapshots of one cluster with one page of its newest snapshots', async () => {
    const { body } = await h.graphql(/* GraphQL */ `
      { project(id: "${SEED.projectId}") { pipeline(name: "${SEED.pipelines.small}") { runs(first: 3) { nodes { snapshotId snapshot { atlasId status } } } } } }
    `);
    expect(body.errors).toBeUndefined();
    const runs = body.data!.project.pipeline.runs.nodes as {
      snapshotId: string;
      snapshot: { atlasId: string };
    }[];
    expect(runs).toHaveLength(3);
    for (const run of runs)
      expect(run.snapshot).toEqual({ atlasId: run.snapshotId, status: 'COMPLETED' });
    expect(calls(h.upstream()).filter((c) => c.includes('/backup/snapshots'))).toEqual([
      `GET ${project}/clusters/${SEED.clusters.replicaSet}/backup/snapshots?pageNum=1&itemsPerPage=100&includeCount=false`,
    ]);
  });

  it('costs one GET for one snapshot, and null once the snapshot is gone', async () => {
    const query = /* GraphQL */ `
      { project(id: "${SEED.projectId}") { cluster(name: "${SEED.clusters.replicaSet}") { exportJob(id: "${SEED.exportJobs.successful}") { snapshotId snapshot { atlasId } } } } }
    `;
    const { body } = await h.graphql(query);
    const job = body.data!.project.cluster.exportJob;
    expect(job.snapshot).toEqual({ atlasId: job.snapshotId });
    expect(calls(h.upstream()).filter((c) => c.includes('/backup/snapshots'))).toEqual([
      `GET ${project}/clusters/${SEED.clusters.replicaSet}/backup/snapshots/${job.snapshotId}`,
    ]);
    h.simulator.injectFault({
      operationId: 'getGroupClusterBackupSnapshot',
      status: 404,
      body: { error: 404, errorCode: 'SNAPSHOT_NOT_FOUND' },
    });
    const gone = await h.graphql(query);
    expect(gone.body.errors).toBeUndefined();
    expect(gone.body.data!.project.cluster.exportJob.snapshot).toBeNull();
  });
});
