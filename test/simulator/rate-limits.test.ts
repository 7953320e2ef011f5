import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import {
  assertConformingExchanges,
  call,
  GROUP,
  V2023,
  V2024_08_05,
  V2025_03_12,
} from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const RATE_LIMITS = '/api/atlas/v2/rateLimits';
const ids = (body: { results: { endpointSetId: string }[] }) =>
  body.results.map((set) => set.endpointSetId);
const list = (query = '') => call(sim, `${RATE_LIMITS}${query}`, { accept: V2025_03_12 });

describe('rate-limit endpoint sets', () => {
  it('lists the documented default sets, paged, with a count', async () => {
    const all = await list();
    expect(all.status).toBe(200);
    expect(ids(all.body)).toEqual([
      'cloud-backups',
      'projects-group',
      'projects-user',
      'clusters',
      'flex-clusters',
      'rate-limits-inspection',
      'root',
    ]);
    expect(all.body.totalCount).toBe(7);
    expect(all.body.results[3]).toEqual({
      endpointSetId: 'clusters',
      endpointSetName: 'Clusters',
      scope: 'GROUP',
      endpoints: [
        { method: 'GET', path: '/api/atlas/v2/groups/{groupId}/clusters' },
        { method: 'GET', path: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}' },
      ],
      capacity: { value: 10_000 },
      refillRate: { value: 5_000 },
      refillDurationSeconds: { value: 60 },
    });
    const cloudBackups = all.body.results[0];
    expect(cloudBackups).toMatchObject({ scope: 'GROUP', capacity: { value: 1_200 } });
    expect(cloudBackups.endpoints).toContainEqual({
      method: 'DELETE',
      path: '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs/{restoreJobId}',
    });
    const page = await list('?itemsPerPage=3&pageNum=3');
    expect(ids(page.body)).toEqual(['root']);
    expect(page.body.links.map((link: { rel: string }) => link.rel)).toEqual(['previous', 'self']);
    assertConformingExchanges(sim);
  });

  it('keeps the sets of one scope per entity parameter, and filters by name and path', async () => {
    expect(ids((await list(`?groupId=${SEED.projectId}`)).body)).toEqual([
      'cloud-backups',
      'projects-group',
      'clusters',
      'flex-clusters',
    ]);
    expect(ids((await list('?userId=anyone')).body)).toEqual([
      'projects-user',
      'rate-limits-inspection',
      'root',
    ]);
    expect(ids((await list(`?orgId=${SEED.orgId}`)).body)).toEqual([]);
    expect(ids((await list('?ipAddress=192.168.1.20')).body)).toEqual([]);
    expect(ids((await list('?name=Projects')).body)).toEqual(['projects-group', 'projects-user']);
    const path = encodeURIComponent('/api/atlas/v2/groups/{groupId}/flexClusters');
    expect(ids((await list(`?endpointPath=${path}`)).body)).toEqual(['flex-clusters']);
    assertConformingExchanges(sim);
  });

  it('refuses entities that are not the caller’s (403) and malformed ones (400)', async () => {
    expect((await list(`?groupId=${SEED.unknownProjectId}`)).status).toBe(403);
    expect((await list(`?orgId=${SEED.unknownProjectId}`)).status).toBe(403);
    const malformed = await list('?groupId=xyz');
    expect(malformed.status).toBe(400);
    expect(malformed.body.badRequestDetail.fields[0].field).toBe('groupId');
    expect((await list('?ipAddress=999.1.1.1')).status).toBe(400);
    assertConformingExchanges(sim);
  });

  it('answers one set, 404 for an unknown one, 410 for the sunset preview version', async () => {
    const one = await call(sim, `${RATE_LIMITS}/root`, { accept: V2025_03_12 });
    expect(one.body).toMatchObject({
      endpointSetName: 'Root',
      scope: 'USER',
      capacity: { value: 300 },
    });
    const missing = await call(sim, `${RATE_LIMITS}/nope`, { accept: V2025_03_12 });
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('ENDPOINT_SET_NOT_FOUND');
    const preview = await call(sim, RATE_LIMITS, { accept: 'application/vnd.atlas.preview+json' });
    expect(preview.status).toBe(410);
    assertConformingExchanges(sim);
  });

  it('meters each answer against its endpoint set', async () => {
    const clusters = await call(sim, `${GROUP}/clusters`, { accept: V2024_08_05 });
    expect(clusters.headers.get('ratelimit-limit')).toBe('10000');
    expect(clusters.headers.get('ratelimit-remaining')).toBe('9999');
    const root = await call(sim, '/api/atlas/v2');
    expect(root.headers.get('ratelimit-limit')).toBe('300');
    const backups = await call(sim, `${GROUP}/clusters/Cluster0/backup/schedule`, {
      accept: V2023,
    });
    expect(backups.headers.get('ratelimit-limit')).toBe('1200');
    const again = await call(sim, `${GROUP}/clusters/Cluster0/backup/schedule`, { accept: V2023 });
    expect(again.headers.get('ratelimit-remaining')).toBe('1198');
  });
});
