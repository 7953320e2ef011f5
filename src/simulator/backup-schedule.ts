/**
 * The backup schedule of a dedicated cluster, in both versions: 2024-08-05
 * (DiskBackupSnapshotSchedule20240805: copy settings name the zone, plus `autoCopySettingsEnabled`)
 * and 2023-01-01 (DiskBackupSnapshotSchedule, deprecated, sunset 2027-07-01: copy settings name the
 * replication spec). The schedule's only policy holds the cluster's policy items; `nextSnapshot` is
 * the next reference hour and minute (UTC) after now, for a cluster with backup enabled.
 */
import { BACKUP_SCHEDULE_2023_NOTICE, V2023_01_01, V2024_08_05 } from './media.ts';
import {
  entity,
  GROUP_PREFIX,
  isoDate,
  type Operation,
  type OperationContext,
  selfLinks,
} from './operation.ts';
import { clusterInContext } from './snapshots.ts';
import type { BackupSchedule, Cluster, CopySetting, Project } from './store.ts';

const DAY_MS = 86_400_000;

function nextSnapshotAt(schedule: BackupSchedule, now: number): number {
  const today = now - (now % DAY_MS);
  const atReference =
    today + (schedule.referenceHourOfDay * 60 + schedule.referenceMinuteOfHour) * 60_000;
  return atReference > now ? atReference : atReference + DAY_MS;
}

function renderCopySetting(setting: CopySetting, version: string) {
  const shard =
    version === V2024_08_05
      ? { zoneId: setting.zoneId }
      : { replicationSpecId: setting.replicationSpecId };
  return {
    cloudProvider: setting.cloudProvider,
    regionName: setting.regionName,
    ...shard,
    shouldCopyOplogs: setting.shouldCopyOplogs,
    frequencies: setting.frequencies,
    copyPolicyItems: setting.copyPolicyItems,
  };
}

function renderSchedule(context: OperationContext, project: Project, cluster: Cluster) {
  const schedule = cluster.schedule;
  const current = context.mediaType === V2024_08_05;
  return {
    clusterId: cluster.deployment.id,
    clusterName: cluster.name,
    policies: [{ id: schedule.policyId, policyItems: cluster.policyItems }],
    referenceHourOfDay: schedule.referenceHourOfDay,
    referenceMinuteOfHour: schedule.referenceMinuteOfHour,
    restoreWindowDays: schedule.restoreWindowDays,
    nextSnapshot: cluster.deployment.backupEnabled
      ? isoDate(nextSnapshotAt(schedule, context.now))
      : undefined,
    autoExportEnabled: schedule.autoExportEnabled,
    export: schedule.export,
    useOrgAndGroupNamesInExportPrefix: schedule.useOrgAndGroupNamesInExportPrefix,
    copyPolicyItemsEnabled: schedule.copyPolicyItemsEnabled,
    autoCopySettingsEnabled: current ? schedule.autoCopySettingsEnabled : undefined,
    copySettings: schedule.copySettings.map((setting) =>
      renderCopySetting(setting, context.mediaType),
    ),
    extraRetentionSettings: schedule.extraRetentionSettings,
    links: selfLinks(
      context.origin,
      `/api/atlas/v2/groups/${project.id}/clusters/${cluster.name}/backup/schedule`,
    ),
  };
}

export const backupScheduleOperations: Operation[] = [
  {
    operationId: 'getGroupClusterBackupSchedule',
    method: 'GET',
    path: `${GROUP_PREFIX}/clusters/{clusterName}/backup/schedule`,
    mediaTypes: [V2023_01_01, V2024_08_05],
    deprecatedVersions: { [V2023_01_01]: BACKUP_SCHEDULE_2023_NOTICE },
    handle: (context) => {
      const { project, cluster } = clusterInContext(context);
      return entity(renderSchedule(context, project, cluster));
    },
  },
];
