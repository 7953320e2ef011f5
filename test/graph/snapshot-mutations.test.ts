import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/relay/global-id.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();
const P = SEED.projectId;
const SNAPSHOTS_PATH = (cluster: string) => `/groups/${P}/clusters/${cluster}/backup/snapshots`;

const TAKE = `mutation($input: TakeClusterSnapshotInput!) { takeClusterSnapshot(input: $input) {
  __typename
  ... on TakeClusterSnapshotSuccess { snapshot { id atlasId status snapshotType description }
    cluster { snapshots(first: 1) { nodes { atlasId } } } }
  ... on ValidationError { fieldErrors { path message } }
  ... on MutationError { message atlas { status errorCode } }
} }`;

const DELETE = `mutation($input: DeleteClusterSnapshotInput!) { deleteClusterSnapshot(input: $input) {
  __typename
  ... on DeleteClusterSnapshotSuccess { deletedSnapshotId cluster { snapshots(first: 500) { nodes { atlasId } } } }
  ... on MutationError { message atlas { status errorCode } }
} }`;

describe('takeClusterSnapshot', () => {
  it('queues an on-demand snapshot with the exact body, once; the list read after it holds it', async () => {
    const cluster = SEED.clusters.multiRegion;
    const input = {
      projectId: P,
      clusterName: cluster,
      description: 'before upgrade',
      retentionInDays: 3,
    };
    const { body } = await h.graphql(TAKE, { input });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const result = body.data!.takeClusterSnapshot;
    expect(result).toMatchObject({
      __typename: 'TakeClusterSnapshotSuccess',
      snapshot: { snapshotType: 'ON_DEMAND', description: 'before upgrade' },
    });
    expect(['QUEUED', 'IN_PROGRESS']).toContain(result.snapshot.status);
    expect(result.snapshot.id).toBe(
      encodeGlobalId('ClusterSnapshot', P, cluster, result.snapshot.atlasId),
    );
    expect(result.cluster.snapshots.nodes[0].atlasId).toBe(result.snapshot.atlasId);
    expect(calls(h.upstream())).toEqual([
      `POST ${SNAPSHOTS_PATH(cluster)}`,
      `GET ${SNAPSHOTS_PATH(cluster)}?pageNum=1&itemsPerPage=1&includeCount=false`,
    ]);
    expect(h.upstream()[0]!.body).toEqual({ description: 'before upgrade', retentionInDays: 3 });

    // Atlas takes one on-demand snapshot at a time: a second one is refused while the first is pending.
    const again = await h.graphql(TAKE, { input });
    expect(again.body.data!.takeClusterSnapshot).toMatchObject({ atlas: { status: 400 } });
  });

  it('refuses a retention under one day and a bad cluster name before any call', async () => {
    const { body } = await h.graphql(TAKE, {
      input: { projectId: P, clusterName: 'bad name', retentionInDays: 0 },
    });
    expect(body.data!.takeClusterSnapshot).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [
        { path: ['input', 'clusterName'], message: expect.any(String) },
        { path: ['input', 'retentionInDays'], message: 'Must be at least 1.' },
      ],
      message: 'The input is not valid.',
      atlas: null,
    });
    expect(h.upstream()).toEqual([]);
  });
});

describe('deleteClusterSnapshot', () => {
  it("deletes a snapshot and answers its global ID; the cluster's list no longer holds it", async () => {
    const cluster = SEED.clusters.replicaSet;
    const snapshotId = SEED.snapshots.onDemand;
    const { body } = await h.graphql(DELETE, {
      input: { projectId: P, clusterName: cluster, snapshotId },
    });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const result = body.data!.deleteClusterSnapshot;
    expect(result.__typename).toBe('DeleteClusterSnapshotSuccess');
    expect(result.deletedSnapshotId).toBe(
      encodeGlobalId('ClusterSnapshot', P, cluster, snapshotId),
    );
    expect(result.cluster.snapshots.nodes.map((s: any) => s.atlasId)).not.toContain(snapshotId);
    expect(calls(h.upstream())).toEqual([
      `DELETE ${SNAPSHOTS_PATH(cluster)}/${snapshotId}`,
      `GET ${SNAPSHOTS_PATH(cluster)}?pageNum=1&itemsPerPage=500&includeCount=false`,
    ]);
  });

  it('answers NotFoundError for a snapshot that does not exist', async () => {
    const { body } = await h.graphql(DELETE, {
      input: {
        projectId: P,
        clusterName: SEED.clusters.replicaSet,
        snapshotId: '5f0000000000000000000009',
      },
    });
    expect(body.data!.deleteClusterSnapshot.__typename, JSON.stringify(body)).toBe('NotFoundError');
    expect(h.upstream()).toHaveLength(1);
  });
});
