import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/relay/global-id.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();

const p = SEED.projectId;
const group = `/groups/${p}`;
const replicaSet = SEED.clusters.replicaSet;
const newest = SEED.snapshots.replicaSetNewest;
const snapshotGet = (cluster: string, id: string) =>
  `GET ${group}/clusters/${cluster}/backup/snapshots/${id}`;

const NODE = `query($id: ID!) { node(id: $id) { __typename id
  ... on ClusterSnapshot { atlasId status type snapshotIds cluster { name project { atlasId } } }
} }`;

describe('ClusterSnapshot as a Node', () => {
  it('carries its cluster in its global ID, read from a list at no extra call', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { cluster(name: "${replicaSet}") {
        snapshots(first: 1) { nodes { id atlasId cluster { name } } } } } }`,
      { p },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.cluster.snapshots.nodes).toEqual([
      {
        id: encodeGlobalId('ClusterSnapshot', p, replicaSet, newest),
        atlasId: newest,
        cluster: { name: replicaSet },
      },
    ]);
    expect(calls(h.upstream())).toEqual([
      `GET ${group}/clusters/${replicaSet}/backup/snapshots?pageNum=1&itemsPerPage=1&includeCount=false`,
    ]);
  });

  it('is refetched by node(id) with one GET', async () => {
    const id = encodeGlobalId('ClusterSnapshot', p, replicaSet, newest);
    const { body } = await h.graphql(NODE, { id });
    expect(body).toEqual({
      data: {
        node: {
          __typename: 'ClusterSnapshot',
          id,
          atlasId: newest,
          status: 'IN_PROGRESS',
          type: 'REPLICA_SET',
          snapshotIds: null,
          cluster: { name: replicaSet, project: { atlasId: p } },
        },
      },
    });
    expect(calls(h.upstream())).toEqual([snapshotGet(replicaSet, newest)]);
  });

  it('is null without an error when the snapshot is gone', async () => {
    const gone = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    const { body } = await h.graphql(NODE, {
      id: encodeGlobalId('ClusterSnapshot', p, replicaSet, gone),
    });
    expect(body).toEqual({ data: { node: null } });
    expect(calls(h.upstream())).toEqual([snapshotGet(replicaSet, gone)]);
  });

  it('refuses an ID whose snapshot key breaks the contract pattern, before any call', async () => {
    const bad = Buffer.from(
      JSON.stringify([1, 'ClusterSnapshot', p, replicaSet, 'not-an-id']),
    ).toString('base64url');
    const { body } = await h.graphql(NODE, { id: bad });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(h.upstream()).toEqual([]);
  });

  it("lists a sharded snapshot's member snapshot ids (a pipeline's available snapshots)", async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { pipeline(name: "${SEED.pipelines.everyState}") {
        availableSnapshots(first: 1) { nodes { id type snapshotIds members { atlasId } } } } } }`,
      { p },
    );
    expect(body.errors).toBeUndefined();
    const [snapshot] = body.data!.project.pipeline.availableSnapshots.nodes;
    expect(snapshot.type).toBe('SHARDED_CLUSTER');
    expect(snapshot.snapshotIds).toHaveLength(3);
    expect(snapshot.snapshotIds).toEqual(snapshot.members.map((m: any) => m.atlasId));
    expect(snapshot.id).toBe(
      encodeGlobalId('ClusterSnapshot', p, SEED.clusters.sharded, SEED.snapshots.shardedNewest),
    );
  });
});

describe('ClusterSnapshot as a federation entity', () => {
  it('resolves by cluster { project { atlasId } name } atlasId with one GET', async () => {
    const { body } = await h.graphql(
      `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ClusterSnapshot { id atlasId } } }`,
      {
        r: [
          {
            __typename: 'ClusterSnapshot',
            cluster: { project: { atlasId: p }, name: replicaSet },
            atlasId: newest,
          },
        ],
      },
    );
    expect(body).toEqual({
      data: {
        _entities: [
          {
            __typename: 'ClusterSnapshot',
            id: encodeGlobalId('ClusterSnapshot', p, replicaSet, newest),
            atlasId: newest,
          },
        ],
      },
    });
    expect(calls(h.upstream())).toEqual([snapshotGet(replicaSet, newest)]);
  });
});
