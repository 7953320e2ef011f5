import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import {
  assertConformingExchanges,
  call,
  GROUP,
  manualClock,
  V2023,
  V2024_08_05,
} from './helpers.ts';

const clock = manualClock();
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ now: clock.now, runDurationMs: 10_000 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const backup = (cluster: string) => `${GROUP}/clusters/${cluster}/backup`;
const replicaSet = backup(SEED.clusters.replicaSet);
const sharded = backup(SEED.clusters.sharded);
const jobs = SEED.clusterRestoreJobs;

describe('dedicated-cluster restore jobs', () => {
  it('lists every delivery type and outcome, newest first, paged', async () => {
    const all = await call(sim, `${replicaSet}/restoreJobs`);
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(9);
    const ids = all.body.results.map((job: { id: string }) => job.id);
    expect(ids[0]).toBe(jobs.runningDownload);
    expect(ids.at(-1)).toBe(jobs.expiredDownload);
    const byId = new Map(all.body.results.map((job: { id: string }) => [job.id, job]));
    expect(byId.get(jobs.expiredDownload)).toMatchObject({
      expired: true,
      deliveryType: 'download',
    });
    expect(byId.get(jobs.cancelledPointInTime)).toMatchObject({
      cancelled: true,
      oplogInc: 3,
      desiredTimestamp: expect.objectContaining({ date: expect.any(String) }),
    });
    expect(byId.get(jobs.failedAutomated)).toMatchObject({ failed: true });
    expect(byId.get(jobs.finishedDownload)).toMatchObject({
      deliveryUrl: [expect.stringContaining('https://')],
      finishedAt: expect.any(String),
    });
    expect(byId.get(jobs.runningAutomated)).not.toHaveProperty('finishedAt');
    const page = await call(sim, `${replicaSet}/restoreJobs?itemsPerPage=4&pageNum=3`);
    expect(page.body.results.map((job: { id: string }) => job.id)).toEqual([jobs.expiredDownload]);
    expect(page.body.links.map((link: { rel: string }) => link.rel)).toEqual(['previous', 'self']);
    const uncounted = await call(sim, `${replicaSet}/restoreJobs?includeCount=false`);
    expect(uncounted.body).not.toHaveProperty('totalCount');
    assertConformingExchanges(sim);
  });

  it('answers one job, and 404 for an unknown job, cluster or project', async () => {
    const one = await call(sim, `${sharded}/restoreJobs/${jobs.sharded}`);
    expect(one.body).toMatchObject({
      id: jobs.sharded,
      deliveryType: 'download',
      components: [
        { replicaSetName: 'atlas-sharded0-shard-0' },
        { replicaSetName: 'atlas-sharded0-shard-1' },
        { replicaSetName: 'atlas-sharded0-config-0' },
      ],
    });
    expect((await call(sim, `${replicaSet}/restoreJobs/${jobs.sharded}`)).status).toBe(404);
    expect((await call(sim, `${backup('Nope')}/restoreJobs`)).body.errorCode).toBe(
      'CLUSTER_NOT_FOUND',
    );
    const unknownProject = `/api/atlas/v2/groups/${SEED.unknownProjectId}/clusters/Cluster0/backup`;
    expect((await call(sim, `${unknownProject}/restoreJobs`)).status).toBe(404);
    assertConformingExchanges(sim);
  });

  it('creates a job that runs, then finishes; a download gets its URL', async () => {
    const created = await call(sim, `${replicaSet}/restoreJobs`, {
      method: 'POST',
      body: { deliveryType: 'download', snapshotId: SEED.snapshots.replicaSetNewestAvailable },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ cancelled: false, failed: false, deliveryUrl: [] });
    expect(created.body).not.toHaveProperty('finishedAt');
    const path = `${replicaSet}/restoreJobs/${created.body.id}`;
    clock.advance(10_000);
    const done = await call(sim, path);
    expect(done.body.finishedAt).toBe(new Date(clock.now()).toISOString());
    expect(done.body.deliveryUrl).toEqual([expect.stringContaining(created.body.id)]);
    expect(done.body.expiresAt).toBeDefined();
    const listed = await call(sim, `${replicaSet}/restoreJobs?itemsPerPage=1`);
    expect(listed.body.results[0].id).toBe(created.body.id);
    assertConformingExchanges(sim);
  });

  it('gives a sharded download one component per shard, with URLs once done', async () => {
    const created = await call(sim, `${sharded}/restoreJobs`, {
      method: 'POST',
      body: { deliveryType: 'download', snapshotId: SEED.snapshots.shardedNewest },
    });
    expect(created.body.components).toHaveLength(3);
    clock.advance(10_000);
    const done = await call(sim, `${sharded}/restoreJobs/${created.body.id}`);
    for (const component of done.body.components)
      expect(component.downloadUrl).toContain(component.replicaSetName);
    assertConformingExchanges(sim);
  });

  it('refuses bad requests with 400 and badRequestDetail, before anything is created', async () => {
    const post = (body: unknown) =>
      call(sim, `${replicaSet}/restoreJobs`, { method: 'POST', body });
    const cases: [unknown, string, string][] = [
      [{ deliveryType: 'download', cancelled: true }, 'ATTRIBUTE_READ_ONLY', 'cancelled'],
      [{ deliveryType: 'download', bogus: 1 }, 'INVALID_JSON_ATTRIBUTE', 'bogus'],
      [{ deliveryType: 'later' }, 'INVALID_ENUM_VALUE', 'deliveryType'],
      [{ deliveryType: 'download' }, 'MISSING_ATTRIBUTE', 'snapshotId'],
      [
        { deliveryType: 'pointInTime', pointInTimeUTCSeconds: 5 },
        'INVALID_ATTRIBUTE',
        'pointInTimeUTCSeconds',
      ],
      [
        {
          deliveryType: 'automated',
          snapshotId: SEED.snapshots.replicaSetNewestAvailable,
          targetGroupId: SEED.projectId,
        },
        'MISSING_ATTRIBUTE',
        'targetClusterName',
      ],
      [
        {
          deliveryType: 'automated',
          snapshotId: SEED.snapshots.replicaSetNewestAvailable,
          targetClusterName: 'bad name',
          targetGroupId: SEED.projectId,
        },
        'INVALID_ATTRIBUTE',
        'targetClusterName',
      ],
      [
        {
          deliveryType: 'download',
          snapshotId: SEED.snapshots.replicaSetNewest,
        },
        'SNAPSHOT_NOT_COMPLETED',
        'snapshotId',
      ],
    ];
    for (const [body, errorCode, field] of cases) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errorCode).toBe(errorCode);
      expect(answer.body.badRequestDetail.fields[0].field).toBe(field);
    }
    const pointInTimeOnSharded = await call(sim, `${sharded}/restoreJobs`, {
      method: 'POST',
      body: {
        deliveryType: 'pointInTime',
        pointInTimeUTCSeconds: 1_748_000_000,
        targetClusterName: SEED.clusters.sharded,
        targetGroupId: SEED.projectId,
      },
    });
    expect(pointInTimeOnSharded.body.errorCode).toBe('POINT_IN_TIME_NOT_ENABLED');
    expect((await call(sim, `${replicaSet}/restoreJobs`)).body.totalCount).toBe(9);
    assertConformingExchanges(sim);
  });

  it('answers 404 for a missing snapshot or target and 409 for a busy target', async () => {
    const post = (body: Record<string, unknown>) =>
      call(sim, `${replicaSet}/restoreJobs`, {
        method: 'POST',
        body: {
          deliveryType: 'automated',
          snapshotId: SEED.snapshots.replicaSetNewestAvailable,
          targetGroupId: SEED.projectId,
          ...body,
        },
      });
    expect((await post({ targetClusterName: 'Ghost' })).body.errorCode).toBe('CLUSTER_NOT_FOUND');
    expect(
      (await post({ targetClusterName: 'Staging0', targetGroupId: SEED.unknownProjectId })).body
        .errorCode,
    ).toBe('GROUP_NOT_FOUND');
    expect(
      (await post({ targetClusterName: 'Staging0', snapshotId: SEED.snapshots.shardedNewest })).body
        .errorCode,
    ).toBe('SNAPSHOT_NOT_FOUND');
    for (const target of SEED.clusterRestoreBusyTargets) {
      const busy = await post({ targetClusterName: target });
      expect(busy.status).toBe(409);
      expect(busy.body.errorCode).toBe('RESTORE_JOB_ALREADY_IN_PROGRESS');
    }
    expect((await post({ targetClusterName: SEED.clusters.legacy })).status).toBe(200);
    expect((await post({ targetClusterName: SEED.clusters.legacy })).status).toBe(409);
    assertConformingExchanges(sim);
  });

  it('cancels a running job (204, then cancelled and never finished)', async () => {
    const path = `${replicaSet}/restoreJobs/${jobs.runningAutomated}`;
    const cancelled = await call(sim, path, { method: 'DELETE' });
    expect(cancelled.status).toBe(204);
    expect(cancelled.text).toBe('');
    const after = await call(sim, path);
    expect(after.body).toMatchObject({ cancelled: true });
    expect(after.body).not.toHaveProperty('finishedAt');
    const created = await call(sim, `${replicaSet}/restoreJobs`, {
      method: 'POST',
      body: { deliveryType: 'download', snapshotId: SEED.snapshots.replicaSetNewestAvailable },
    });
    const createdPath = `${replicaSet}/restoreJobs/${created.body.id}`;
    expect((await call(sim, createdPath, { method: 'DELETE' })).status).toBe(204);
    clock.advance(20_000);
    const stopped = await call(sim, createdPath);
    expect(stopped.body).toMatchObject({ cancelled: true, deliveryUrl: [] });
    expect(stopped.body).not.toHaveProperty('finishedAt');
    assertConformingExchanges(sim);
  });

  it('answers 405 for a job that has ended and for any sharded-cluster job', async () => {
    for (const id of [
      jobs.finishedAutomated,
      jobs.failedAutomated,
      jobs.cancelledPointInTime,
      jobs.expiredDownload,
    ]) {
      const answer = await call(sim, `${replicaSet}/restoreJobs/${id}`, { method: 'DELETE' });
      expect(answer.status).toBe(405);
      expect(answer.body.errorCode).toBe('ATLAS_BACKUP_CANCEL_RESTORE_JOB_NOT_ALLOWED');
    }
    const shardedAnswer = await call(sim, `${sharded}/restoreJobs/${jobs.sharded}`, {
      method: 'DELETE',
    });
    expect(shardedAnswer.status).toBe(405);
    expect(shardedAnswer.body.errorCode).toBe('ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED');
    const missing = await call(sim, `${replicaSet}/restoreJobs/${SEED.unknownProjectId}`, {
      method: 'DELETE',
    });
    expect(missing.status).toBe(404);
    assertConformingExchanges(sim);
  });
});

describe('backup schedule', () => {
  it('answers the 2024-08-05 shape with policies, export and copy settings by zone', async () => {
    const { status, headers, body } = await call(sim, `${replicaSet}/schedule`, {
      accept: V2024_08_05,
    });
    expect(status).toBe(200);
    expect(headers.get('deprecation')).toBeNull();
    expect(body).toMatchObject({
      clusterName: 'Cluster0',
      referenceHourOfDay: 3,
      referenceMinuteOfHour: 45,
      restoreWindowDays: 7,
      autoExportEnabled: true,
      export: { exportBucketId: SEED.exportBuckets.aws, frequencyType: 'monthly' },
      autoCopySettingsEnabled: true,
      extraRetentionSettings: [{ frequencyType: 'MONTHLY', retentionDays: 400 }],
      nextSnapshot: '2025-07-01T03:45:00.000Z',
    });
    expect(body.policies).toHaveLength(1);
    expect(body.policies[0].policyItems.map((item: { id: string }) => item.id)).toEqual(
      Object.values(SEED.policyItems),
    );
    expect(body.copySettings[0]).toMatchObject({
      regionName: 'US_WEST_2',
      zoneId: expect.any(String),
    });
    expect(body.copySettings[0]).not.toHaveProperty('replicationSpecId');
    assertConformingExchanges(sim);
  });

  it('answers the deprecated 2023-01-01 shape, with copy settings by replication spec', async () => {
    const { headers, body } = await call(sim, `${replicaSet}/schedule`, { accept: V2023 });
    expect(headers.get('content-type')).toBe(V2023);
    expect(headers.get('sunset')).toBe('Thu, 01 Jul 2027 00:00:00 GMT');
    expect(body).not.toHaveProperty('autoCopySettingsEnabled');
    expect(body.copySettings[0]).toHaveProperty('replicationSpecId');
    expect(body.copySettings[0]).not.toHaveProperty('zoneId');
    const missing = await call(sim, `${backup('Nope')}/schedule`, { accept: V2024_08_05 });
    expect(missing.status).toBe(404);
    assertConformingExchanges(sim);
  });
});

describe('on-demand snapshots', () => {
  it('takes a snapshot that goes queued, inProgress, completed; a second waits for it', async () => {
    const taken = await call(sim, `${replicaSet}/snapshots`, {
      method: 'POST',
      body: { description: 'before upgrade', retentionInDays: 3 },
    });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({
      type: 'replicaSet',
      snapshotType: 'onDemand',
      status: 'queued',
      description: 'before upgrade',
      replicaSetName: 'atlas-cluster0-shard-0',
    });
    expect(Date.parse(taken.body.expiresAt) - Date.parse(taken.body.createdAt)).toBe(
      3 * 86_400_000,
    );
    const again = await call(sim, `${replicaSet}/snapshots`, { method: 'POST', body: {} });
    expect(again.status).toBe(400);
    expect(again.body.errorCode).toBe('ON_DEMAND_SNAPSHOT_IN_PROGRESS');
    const path = `${replicaSet}/snapshots/${taken.body.id}`;
    clock.advance(5_000);
    expect((await call(sim, path)).body.status).toBe('inProgress');
    clock.advance(5_000);
    expect((await call(sim, path)).body.status).toBe('completed');
    expect((await call(sim, `${replicaSet}/snapshots`, { method: 'POST', body: {} })).status).toBe(
      200,
    );
    assertConformingExchanges(sim);
  });

  it('answers a sharded cluster snapshot with its members', async () => {
    const taken = await call(sim, `${sharded}/snapshots`, { method: 'POST', body: {} });
    expect(taken.body).toMatchObject({ type: 'shardedCluster', configServerType: 'DEDICATED' });
    expect(taken.body.members).toHaveLength(3);
    expect(taken.body.snapshotIds).toEqual(
      taken.body.members.map((member: { id: string }) => member.id),
    );
    assertConformingExchanges(sim);
  });

  it('refuses bad bodies and clusters without backup', async () => {
    const post = (cluster: string, body: unknown) =>
      call(sim, `${backup(cluster)}/snapshots`, { method: 'POST', body });
    expect((await post('Cluster0', { retentionInDays: 0 })).body.errorCode).toBe(
      'INVALID_ATTRIBUTE',
    );
    expect((await post('Cluster0', { links: [] })).body.errorCode).toBe('ATTRIBUTE_READ_ONLY');
    expect((await post('Cluster0', { bogus: true })).body.errorCode).toBe('INVALID_JSON_ATTRIBUTE');
    expect((await post(SEED.clusters.creating, {})).body.errorCode).toBe('BACKUP_NOT_ENABLED');
    expect((await post('Nope', {})).status).toBe(404);
    assertConformingExchanges(sim);
  });

  it('deletes a completed snapshot (204), then 404; one in progress cannot be deleted', async () => {
    const path = `${replicaSet}/snapshots/${SEED.snapshots.onDemand}`;
    const deleted = await call(sim, path, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await call(sim, path)).status).toBe(404);
    expect((await call(sim, path, { method: 'DELETE' })).status).toBe(404);
    const busy = await call(sim, `${replicaSet}/snapshots/${SEED.snapshots.replicaSetNewest}`, {
      method: 'DELETE',
    });
    expect(busy.status).toBe(400);
    expect(busy.body.errorCode).toBe('SNAPSHOT_NOT_COMPLETED');
    const count = await call(sim, `${replicaSet}/snapshots?itemsPerPage=1`);
    expect(count.body.totalCount).toBe(SEED.snapshots.replicaSetCount - 1);
    assertConformingExchanges(sim);
  });
});
