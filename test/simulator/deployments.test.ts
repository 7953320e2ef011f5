import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import {
  assertConformingExchanges,
  call,
  GROUP,
  V2023,
  V2024_08_05,
  V2024_11_13,
} from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const rels = (body: { links: { rel: string }[] }) => body.links.map((link) => link.rel);
const names = (body: { results: { name: string }[] }) => body.results.map((item) => item.name);

describe('projects', () => {
  it('lists every project in creation order, paged', async () => {
    const all = await call(sim, '/api/atlas/v2/groups');
    expect(all.status).toBe(200);
    expect(all.body.results.map((group: { id: string }) => group.id)).toEqual(SEED.projects.all);
    expect(all.body.totalCount).toBe(4);
    const second = await call(sim, '/api/atlas/v2/groups?itemsPerPage=2&pageNum=2');
    expect(second.body.results.map((group: { id: string }) => group.id)).toEqual(
      SEED.projects.all.slice(2),
    );
    expect(rels(second.body)).toEqual(['previous', 'self']);
    const uncounted = await call(sim, '/api/atlas/v2/groups?includeCount=false&itemsPerPage=1');
    expect(uncounted.body).not.toHaveProperty('totalCount');
    expect(rels(uncounted.body)).toEqual(['self', 'next']);
    assertConformingExchanges(sim);
  });

  it('answers one project with its name, organisation, creation date and cluster count', async () => {
    const { status, body } = await call(sim, GROUP);
    expect(status).toBe(200);
    expect(body).toEqual({
      id: SEED.projectId,
      name: 'atlas-graph-demo',
      orgId: SEED.orgId,
      created: '2024-03-08T00:00:00.000Z',
      clusterCount: SEED.clusters.all.length,
      tags: [{ key: 'environment', value: 'demo' }],
      withDefaultAlertsSettings: true,
      links: [{ href: `${sim.url}${GROUP}`, rel: 'self' }],
    });
    const other = await call(sim, `/api/atlas/v2/groups/${SEED.projects.otherProjectId}`);
    expect(other.body.orgId).toBe(SEED.projects.otherOrgId);
    expect(other.body.clusterCount).toBe(1);
    const empty = await call(sim, `/api/atlas/v2/groups/${SEED.emptyProjectId}`);
    expect(empty.body.clusterCount).toBe(0);
  });

  it('answers 404 for an unknown project and 400 for a malformed id', async () => {
    const missing = await call(sim, `/api/atlas/v2/groups/${SEED.unknownProjectId}`);
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('GROUP_NOT_FOUND');
    const malformed = await call(sim, '/api/atlas/v2/groups/not-an-id');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errorCode).toBe('INVALID_GROUP_ID');
    assertConformingExchanges(sim);
  });
});

describe('clusters', () => {
  it('lists the demo project clusters in order, pages of five, version 2024-08-05 only', async () => {
    const first = await call(sim, `${GROUP}/clusters?itemsPerPage=5`, { accept: V2024_08_05 });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe(V2024_08_05);
    expect(first.body.totalCount).toBe(SEED.clusters.all.length);
    expect(names(first.body)).toEqual(SEED.clusters.all.slice(0, 5));
    expect(rels(first.body)).toEqual(['self', 'next']);
    const last = await call(sim, `${GROUP}/clusters?itemsPerPage=5&pageNum=3`, {
      accept: V2024_08_05,
    });
    expect(names(last.body)).toEqual(SEED.clusters.all.slice(10));
    expect(rels(last.body)).toEqual(['previous', 'self']);
    expect((await call(sim, `${GROUP}/clusters`, { accept: V2023 })).status).toBe(406);
    const missing = await call(sim, `/api/atlas/v2/groups/${SEED.unknownProjectId}/clusters`, {
      accept: V2024_08_05,
    });
    expect(missing.status).toBe(404);
    assertConformingExchanges(sim);
  });

  it('describes a replica set with regions, states and credential-free connection strings', async () => {
    const { body } = await call(sim, `${GROUP}/clusters/${SEED.clusters.replicaSet}`, {
      accept: V2024_08_05,
    });
    expect(body).toMatchObject({
      name: 'Cluster0',
      groupId: SEED.projectId,
      clusterType: 'REPLICASET',
      stateName: 'IDLE',
      paused: false,
      backupEnabled: true,
      pitEnabled: true,
      mongoDBVersion: '8.0.4',
      mongoDBMajorVersion: '8.0',
      tags: [{ key: 'team', value: 'analytics' }],
    });
    expect(body.connectionStrings.standardSrv).toMatch(
      /^mongodb\+srv:\/\/cluster0\.[a-z0-9]+\.mongodb\.net$/,
    );
    expect(body.connectionStrings.standard).toContain('replicaSet=atlas-cluster0-shard-0');
    expect(JSON.stringify(body.connectionStrings)).not.toMatch(/@|password/i);
    expect(body.replicationSpecs).toHaveLength(1);
    expect(body.replicationSpecs[0].regionConfigs).toEqual([
      expect.objectContaining({
        providerName: 'AWS',
        regionName: 'US_EAST_1',
        priority: 7,
        electableSpecs: expect.objectContaining({ instanceSize: 'M30', nodeCount: 3 }),
      }),
    ]);
    expect(body.replicationSpecs[0].regionConfigs[0]).not.toHaveProperty('effectiveElectableSpecs');
    expect(body).not.toHaveProperty('effectiveReplicationSpecs');
  });

  it('has sharded, geo-sharded, paused and non-IDLE clusters', async () => {
    const { body } = await call(sim, `${GROUP}/clusters`, { accept: V2024_08_05 });
    const byName = new Map(
      body.results.map((cluster: { name: string }) => [cluster.name, cluster]),
    );
    expect(byName.get(SEED.clusters.sharded)).toMatchObject({
      clusterType: 'SHARDED',
      configServerType: 'DEDICATED',
      replicationSpecs: [expect.anything(), expect.anything()],
    });
    expect(byName.get(SEED.clusters.geoSharded)).toMatchObject({ clusterType: 'GEOSHARDED' });
    expect(byName.get(SEED.clusters.paused)).toMatchObject({ paused: true, stateName: 'IDLE' });
    const states = body.results.map((cluster: { stateName: string }) => cluster.stateName);
    for (const state of ['IDLE', 'CREATING', 'UPDATING', 'DELETING', 'REPAIRING'])
      expect(states).toContain(state);
    expect(byName.get(SEED.clusters.protected)).toMatchObject({
      terminationProtectionEnabled: true,
    });
  });

  it('adds effective fields only when the Use-Effective-* headers ask', async () => {
    const path = `${GROUP}/clusters/${SEED.clusters.multiRegion}`;
    const { body } = await call(sim, path, {
      accept: V2024_08_05,
      headers: {
        'Use-Effective-Instance-Fields': 'true',
        'Use-Effective-Fields-Replication-Specs': 'true',
      },
    });
    const [primary, secondary] = body.replicationSpecs[0].regionConfigs;
    expect(primary.effectiveElectableSpecs).toEqual(primary.electableSpecs);
    expect(secondary).toMatchObject({
      priority: 6,
      readOnlySpecs: expect.objectContaining({ nodeCount: 2 }),
      analyticsSpecs: expect.objectContaining({ nodeCount: 1 }),
    });
    expect(body.effectiveReplicationSpecs).toHaveLength(1);
    const listed = await call(sim, `${GROUP}/clusters?itemsPerPage=1`, {
      accept: V2024_08_05,
      headers: { 'Use-Effective-Instance-Fields': 'true' },
    });
    expect(listed.body.results[0].replicationSpecs[0].regionConfigs[0]).toHaveProperty(
      'effectiveElectableSpecs',
    );
    assertConformingExchanges(sim);
  });

  it('answers 404 for an unknown cluster, 409 for a Flex cluster, 400 for a bad name', async () => {
    const missing = await call(sim, `${GROUP}/clusters/Nope`, { accept: V2024_08_05 });
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('CLUSTER_NOT_FOUND');
    const flex = await call(sim, `${GROUP}/clusters/${SEED.flex.main}`, { accept: V2024_08_05 });
    expect(flex.status).toBe(409);
    expect(flex.body.errorCode).toBe('CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API');
    const bad = await call(sim, `${GROUP}/clusters/-bad`, { accept: V2024_08_05 });
    expect(bad.status).toBe(400);
    assertConformingExchanges(sim);
  });
});

describe('Flex clusters', () => {
  it('lists and describes Flex clusters in version 2024-11-13', async () => {
    const list = await call(sim, `${GROUP}/flexClusters?itemsPerPage=2`, {
      accept: V2024_11_13,
    });
    expect(list.status).toBe(200);
    expect(names(list.body)).toEqual(SEED.flex.all.slice(0, 2));
    expect(list.body.totalCount).toBe(SEED.flex.all.length);
    expect(rels(list.body)).toEqual(['self', 'next']);
    const one = await call(sim, `${GROUP}/flexClusters/${SEED.flex.creating}`, {
      accept: V2024_11_13,
    });
    expect(one.body).toMatchObject({
      name: SEED.flex.creating,
      stateName: 'CREATING',
      clusterType: 'REPLICASET',
      providerSettings: { providerName: 'FLEX', backingProviderName: 'AZURE' },
      backupSettings: { enabled: true },
    });
    expect(one.body.connectionStrings.standardSrv).toMatch(/^mongodb\+srv:\/\//);
    assertConformingExchanges(sim);
  });

  it('answers 409 for a dedicated cluster and 404 for an unknown name', async () => {
    const dedicated = await call(sim, `${GROUP}/flexClusters/${SEED.clusters.replicaSet}`, {
      accept: V2024_11_13,
    });
    expect(dedicated.status).toBe(409);
    const missing = await call(sim, `${GROUP}/flexClusters/Nope`, { accept: V2024_11_13 });
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('FLEX_CLUSTER_NOT_FOUND');
    assertConformingExchanges(sim);
  });
});

describe('serverless instances', () => {
  it('lists and describes Flex-backed instances, with Deprecation and Sunset headers', async () => {
    const list = await call(sim, `${GROUP}/serverless`);
    expect(list.status).toBe(200);
    expect(names(list.body)).toEqual([SEED.serverless.main, SEED.serverless.empty]);
    expect(list.headers.get('sunset')).toBe('Mon, 18 Jan 2027 00:00:00 GMT');
    expect(list.headers.get('deprecation')).toBeTruthy();
    const one = await call(sim, `${GROUP}/serverless/${SEED.serverless.main}`);
    expect(one.body).toMatchObject({
      name: SEED.serverless.main,
      stateName: 'IDLE',
      providerSettings: {
        providerName: 'SERVERLESS',
        backingProviderName: 'AWS',
        effectiveProviderName: 'FLEX',
      },
      serverlessBackupOptions: { serverlessContinuousBackupEnabled: true },
    });
    const missing = await call(sim, `${GROUP}/serverless/Nope`);
    expect(missing.status).toBe(404);
    assertConformingExchanges(sim);
  });

  it('retires with the serverless family', async () => {
    sim.setGone('serverless', 410);
    expect((await call(sim, `${GROUP}/serverless`)).status).toBe(410);
  });
});
