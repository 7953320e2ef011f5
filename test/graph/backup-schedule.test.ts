import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.ts';
import { calls } from '../support/harness.ts';
import { useHarness } from '../support/shared-harness.ts';

const h = useHarness();
const P = SEED.projectId;

describe('Cluster.backupSchedule', () => {
  it("reads the schedule in Atlas's 2024-08-05 shape: policies, window, export and copy settings", async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { cluster(name: "${SEED.clusters.replicaSet}") {
          backupSchedule {
            policies { atlasId items { atlasId frequencyType frequencyInterval retentionUnit retentionValue } }
            nextSnapshotAt referenceHourOfDay referenceMinuteOfHour restoreWindowDays
            autoExportEnabled export { exportBucketId frequencyType exportBucket { atlasId bucketName } }
            useOrgAndGroupNamesInExportPrefix copyPolicyItemsEnabled autoCopySettingsEnabled
            copySettings { cloudProvider regionName zoneId shouldCopyOplogs policyItemIds }
            extraRetentionSettings { frequencyType retentionDays }
          } } } }`,
      { p: P },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const schedule = body.data!.project.cluster.backupSchedule;
    expect(schedule.policies).toHaveLength(1);
    expect(schedule.policies[0].items.length).toBeGreaterThan(0);
    expect(schedule.policies[0].items.map((i: any) => i.atlasId)).toEqual(
      expect.arrayContaining(Object.values(SEED.policyItems)),
    );
    expect(schedule.nextSnapshotAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(typeof schedule.restoreWindowDays).toBe('number');
    const schedulePath = `/groups/${P}/clusters/${SEED.clusters.replicaSet}/backup/schedule`;
    const got = calls(h.upstream());
    expect(got[0]).toBe(`GET ${schedulePath}`);
    expect(h.upstream()[0]!.headers.accept).toBe('application/vnd.atlas.2024-08-05+json');
    if (schedule.export?.exportBucketId) {
      expect(schedule.export.exportBucket.atlasId).toBe(schedule.export.exportBucketId);
      expect(got).toHaveLength(2);
    } else expect(got).toHaveLength(1);
  });

  it('is NOT_FOUND at its path for a cluster that does not exist', async () => {
    const { body } = await h.graphql(
      `query($p: ObjectId!) { project(id: $p) { cluster(name: "NoSuchCluster") { name backupSchedule { restoreWindowDays } } } }`,
      { p: P },
    );
    expect(body.data!.project.cluster).toEqual({ name: 'NoSuchCluster', backupSchedule: null });
    expect(body.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([
      ['NOT_FOUND', ['project', 'cluster', 'backupSchedule']],
    ]);
  });
});
