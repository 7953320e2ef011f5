import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/relay/global-id.ts';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();
const P = SEED.projectId;

const CLUSTER_FIELDS = `id atlasId name state paused clusterType mongoDBVersion createdAt backupEnabled pitEnabled
  terminationProtectionEnabled connectionStrings { standard standardSrv private privateSrv }
  regions { zoneName providerName regionName priority instanceSize electableNodeCount readOnlyNodeCount analyticsNodeCount diskSizeGB }`;

describe('Query.projects', () => {
  it("lists every project the credential sees, in Atlas's order, and primes each project's lookup", async () => {
    const { body } = await h.graphql(
      `{ projects(first: 2) { totalCount pageInfo { hasNextPage endCursor }
          nodes { id atlasId name orgId createdAt clusterCount } } }`,
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const { nodes, totalCount, pageInfo } = body.data!.projects;
    expect(totalCount).toBe(SEED.projects.all.length);
    expect(nodes.map((p: any) => p.atlasId)).toEqual(SEED.projects.all.slice(0, 2));
    expect(nodes[0]).toMatchObject({
      id: encodeGlobalId('Project', P),
      clusterCount: SEED.clusters.all.length,
    });
    expect(typeof nodes[0].name).toBe('string');
    expect(nodes[0].orgId).toMatch(/^[a-f0-9]{24}$/);
    expect(pageInfo.hasNextPage).toBe(true);
    // The list answered every field: no getGroup per project.
    expect(calls(h.upstream())).toEqual(['GET /groups?pageNum=1&itemsPerPage=2&includeCount=true']);

    const next = await h.graphql(
      `query($after: String) { projects(first: 2, after: $after) { nodes { atlasId } } }`,
      {
        after: pageInfo.endCursor,
      },
    );
    expect(next.body.data!.projects.nodes.map((p: any) => p.atlasId)).toEqual(
      SEED.projects.all.slice(2, 4),
    );
  });

  it('reads one project with one getGroup, and nothing for its id alone', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { a: project(id: $p) { atlasId } b: project(id: $p) { name clusterCount } }`,
      { p: P },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.b.clusterCount).toBe(SEED.clusters.all.length);
    expect(calls(h.upstream())).toEqual([`GET /groups/${P}`]);
    expect(h.upstream()[0]!.headers.accept).toBe('application/vnd.atlas.2023-01-01+json');
  });
});

describe('Project.clusters', () => {
  it("pages a project's clusters in Atlas's order with the 2024-08-05 media type; their fields cost nothing more", async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { clusters(first: 5) { totalCount pageInfo { hasNextPage endCursor }
          nodes { ${CLUSTER_FIELDS} } } } }`,
      { p: P },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const { nodes, totalCount, pageInfo } = body.data!.project.clusters;
    expect(totalCount).toBe(SEED.clusters.all.length);
    expect(SEED.clusters.all.length).toBeGreaterThan(5);
    expect(nodes.map((c: any) => c.name)).toEqual(SEED.clusters.all.slice(0, 5));
    expect(pageInfo.hasNextPage).toBe(true);
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${P}/clusters?pageNum=1&itemsPerPage=5&includeCount=true`,
    ]);
    expect(h.upstream()[0]!.headers.accept).toBe('application/vnd.atlas.2024-08-05+json');
    for (const cluster of nodes) {
      expect(cluster.id).toBe(encodeGlobalId('Cluster', P, cluster.name));
      expect(cluster.atlasId).toMatch(/^[a-f0-9]{24}$/);
      expect(['IDLE', 'CREATING', 'UPDATING', 'DELETING', 'REPAIRING']).toContain(cluster.state);
      for (const uri of Object.values(cluster.connectionStrings ?? {}))
        if (uri) expect(uri as string).not.toMatch(/:\/\/[^/]*@/);
    }
  });

  it('describes a replica set, a sharded and a multi-region cluster, and a paused one', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) {
          rs: cluster(name: "${SEED.clusters.replicaSet}") { ${CLUSTER_FIELDS} }
          sharded: cluster(name: "${SEED.clusters.sharded}") { clusterType regions { zoneName } }
          multi: cluster(name: "${SEED.clusters.multiRegion}") { regions { regionName priority readOnlyNodeCount analyticsNodeCount } }
          paused: cluster(name: "${SEED.clusters.paused}") { state paused }
      } }`,
      { p: P },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const { rs, sharded, multi, paused } = body.data!.project;
    expect(rs).toMatchObject({
      name: SEED.clusters.replicaSet,
      clusterType: 'REPLICASET',
      backupEnabled: true,
    });
    expect(rs.connectionStrings.standardSrv).toMatch(/^mongodb\+srv:\/\//);
    expect(rs.regions.length).toBeGreaterThan(0);
    expect(sharded.clusterType).toBe('SHARDED');
    expect(multi.regions.length).toBeGreaterThan(1);
    expect(
      multi.regions.some((r: any) => r.readOnlyNodeCount > 0 || r.analyticsNodeCount > 0),
    ).toBe(true);
    expect(paused).toEqual({ state: 'IDLE', paused: true });
    // One GET per cluster, all in one tick.
    expect(calls(h.upstream()).sort()).toEqual(
      [
        SEED.clusters.replicaSet,
        SEED.clusters.sharded,
        SEED.clusters.multiRegion,
        SEED.clusters.paused,
      ]
        .map((name) => `GET /groups/${P}/clusters/${name}`)
        .sort(),
    );
  });

  it('keeps cluster(name) free until a field needs Atlas', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { cluster(name: "${SEED.clusters.replicaSet}") { id name project { atlasId } } } }`,
      { p: P },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.project.cluster.id).toBe(
      encodeGlobalId('Cluster', P, SEED.clusters.replicaSet),
    );
    expect(h.upstream()).toEqual([]);
  });

  it('refetches a cluster, Flex cluster and serverless instance by global id with one GET each; null when gone', async () => {
    const ids = [
      encodeGlobalId('Cluster', P, SEED.clusters.replicaSet),
      encodeGlobalId('FlexCluster', P, SEED.flex.main),
      encodeGlobalId('ServerlessInstance', P, SEED.serverless.main),
      encodeGlobalId('Cluster', P, 'NoSuchCluster'),
    ];
    const { body } = await h.graphql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
          ... on Cluster { name state } ... on FlexCluster { name state } ... on ServerlessInstance { name state } } }`,
      { ids },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.nodes.map((n: any) => n && [n.__typename, n.name])).toEqual([
      ['Cluster', SEED.clusters.replicaSet],
      ['FlexCluster', SEED.flex.main],
      ['ServerlessInstance', SEED.serverless.main],
      null,
    ]);
    expect(calls(h.upstream()).sort()).toEqual(
      [
        `GET /groups/${P}/clusters/${SEED.clusters.replicaSet}`,
        `GET /groups/${P}/flexClusters/${SEED.flex.main}`,
        `GET /groups/${P}/serverless/${SEED.serverless.main}`,
        `GET /groups/${P}/clusters/NoSuchCluster`,
      ].sort(),
    );
  });

  it('refuses a cluster name that breaks the contract pattern before any call', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { cluster(name: "bad name") { state } } }`,
      { p: P },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.upstream()).toEqual([]);
  });
});

describe('Flex clusters and serverless instances', () => {
  it("list a project's Flex clusters with the 2024-11-13 media type and their provider settings", async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { flexClusters(first: 50) { totalCount nodes {
          id name state mongoDBVersion backupEnabled clusterType connectionStrings { standardSrv }
          providerSettings { backingProviderName regionName diskSizeGB } } } } }`,
      { p: P },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const { nodes } = body.data!.project.flexClusters;
    expect(nodes.map((c: any) => c.name)).toEqual(SEED.flex.all);
    expect(nodes.find((c: any) => c.name === SEED.flex.creating).state).toBe('CREATING');
    expect(nodes[0].providerSettings.backingProviderName).toMatch(/^(AWS|AZURE|GCP)$/);
    expect(nodes[0].clusterType).toBe('REPLICASET');
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${P}/flexClusters?pageNum=1&itemsPerPage=50&includeCount=true`,
    ]);
    expect(h.upstream()[0]!.headers.accept).toBe('application/vnd.atlas.2024-11-13+json');
  });

  it('list serverless instances, deprecated with their sunset date', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { serverlessInstances { nodes { name state backupEnabled
          providerSettings { backingProviderName regionName } } } } }`,
      { p: P },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const names = body.data!.project.serverlessInstances.nodes.map((i: any) => i.name);
    expect(names).toContain(SEED.serverless.main);
    expect(calls(h.upstream())).toEqual([
      `GET /groups/${P}/serverless?pageNum=1&itemsPerPage=20&includeCount=false`,
    ]);
    const schema = await h.graphql(
      '{ __type(name: "Project") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }',
    );
    const field = schema.body.data!.__type.fields.find(
      (f: any) => f.name === 'serverlessInstances',
    );
    expect(field.isDeprecated).toBe(true);
    expect(field.deprecationReason).toContain('2027-01-18');
  });
});

describe('federation', () => {
  it('resolves clusters, Flex clusters, serverless instances and cluster restore jobs by their Atlas keys', async () => {
    const project = { atlasId: P };
    const job = (SEED.clusterRestoreJobs as Record<string, string>).finishedDownload;
    const { body } = await h.graphql(
      `query($r: [_Any!]!) { _entities(representations: $r) { __typename
          ... on Cluster { name state } ... on FlexCluster { name state }
          ... on ServerlessInstance { name } ... on ClusterRestoreJob { atlasId status } } }`,
      {
        r: [
          { __typename: 'Cluster', project, name: SEED.clusters.replicaSet },
          { __typename: 'FlexCluster', project, name: SEED.flex.main },
          { __typename: 'ServerlessInstance', project, name: SEED.serverless.main },
          { __typename: 'Cluster', project, name: 'NoSuchCluster' },
          {
            __typename: 'ClusterRestoreJob',
            cluster: { project, name: SEED.clusters.replicaSet },
            atlasId: job,
          },
          { __typename: 'Cluster', project, name: 'not a name' },
        ],
      },
    );
    expect(body.data!._entities.slice(0, 5)).toEqual([
      { __typename: 'Cluster', name: SEED.clusters.replicaSet, state: 'IDLE' },
      { __typename: 'FlexCluster', name: SEED.flex.main, state: 'IDLE' },
      { __typename: 'ServerlessInstance', name: SEED.serverless.main },
      null,
      { __typename: 'ClusterRestoreJob', atlasId: job, status: 'COMPLETED' },
    ]);
    expect(body.data!._entities[5]).toBeNull();
    expect(body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 5], 'BAD_USER_INPUT'],
    ]);
    expect(h.upstream()).toHaveLength(5);
  });
});
