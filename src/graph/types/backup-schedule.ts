import type {
  AtlasBackupSchedule,
  AtlasCopySetting,
  AtlasSchedulePolicyItem,
} from '../../atlas/backup-schedule.ts';
import { type AtlasExportBucket, getExportBucket } from '../../atlas/export-buckets.ts';
import { isObjectId } from '../../atlas/paths.ts';
import { builder } from '../builder.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';
import { loadByKey } from '../loaders/load-by-key.ts';
import { ExportBucketRef } from './export-bucket.ts';
import { PolicyItemRef } from './policy-item.ts';

type Schedule = AtlasBackupSchedule & { groupId: string };

const BackupPolicyRef = builder
  .objectRef<NonNullable<AtlasBackupSchedule['policies']>[number]>('BackupPolicy')
  .implement({
    description: 'A backup policy: the schedules by which Atlas takes snapshots.',
    fields: (t) => ({
      atlasId: t.expose('id', { type: 'ObjectId' }),
      items: t.field({
        type: [PolicyItemRef],
        nullable: false,
        resolve: (policy) => (policy.policyItems ?? []) as AtlasSchedulePolicyItem[],
      }),
    }),
  });

const AutoExportFrequency = upstreamEnum(
  'AutoExportFrequency',
  ['monthly', 'yearly'],
  'How often snapshots are exported automatically.',
);

const AutoExportPolicyRef = builder
  .objectRef<NonNullable<AtlasBackupSchedule['export']> & { groupId: string }>('AutoExportPolicy')
  .implement({
    description: 'Where and how often snapshots are exported on their own.',
    fields: (t) => ({
      exportBucketId: t.field({
        type: 'ObjectId',
        resolve: (policy) => policy.exportBucketId ?? null,
      }),
      exportBucket: t.field({
        type: ExportBucketRef,
        description: 'The bucket (one call); null when it no longer exists.',
        resolve: (policy, _, context) =>
          isObjectId(policy.exportBucketId)
            ? loadByKey(
                context,
                getExportBucket(policy.groupId, policy.exportBucketId),
                (raw: AtlasExportBucket) => raw,
              )
            : null,
      }),
      frequencyType: t.field({
        type: AutoExportFrequency.ref,
        resolve: (policy, _, c) => AutoExportFrequency.known(policy.frequencyType, c),
      }),
    }),
  });

const CopySettingRef = builder.objectRef<AtlasCopySetting>('BackupCopySetting').implement({
  description: 'Snapshots copied to another region.',
  fields: (t) => ({
    cloudProvider: t.exposeString('cloudProvider'),
    regionName: t.exposeString('regionName'),
    zoneId: t.exposeString('zoneId', { description: 'The zone whose snapshots are copied.' }),
    shouldCopyOplogs: t.exposeBoolean('shouldCopyOplogs'),
    lastNumberOfSnapshots: t.exposeInt('lastNumberOfSnapshots'),
    policyItemIds: t.field({
      type: ['ObjectId'],
      nullable: { list: true, items: false },
      description: 'The policy items whose snapshots are copied.',
      resolve: (setting) =>
        setting.copyPolicyItems?.flatMap((item) => (isObjectId(item.id) ? [item.id] : [])) ?? null,
    }),
  }),
});

const ExtraRetentionRef = builder
  .objectRef<NonNullable<AtlasBackupSchedule['extraRetentionSettings']>[number]>(
    'ExtraRetentionSetting',
  )
  .implement({
    description: 'A longer retention for snapshots of one frequency.',
    fields: (t) => ({
      frequencyType: t.exposeString('frequencyType'),
      retentionDays: t.exposeInt('retentionDays'),
    }),
  });

export const BackupScheduleRef = builder.objectRef<Schedule>('BackupSchedule').implement({
  description: "A dedicated cluster's Cloud Backup schedule (Atlas's 2024-08-05 shape).",
  fields: (t) => ({
    policies: t.field({
      type: [BackupPolicyRef],
      nullable: false,
      resolve: (schedule) => schedule.policies ?? [],
    }),
    nextSnapshotAt: t.expose('nextSnapshot', { type: 'DateTime' }),
    referenceHourOfDay: t.exposeInt('referenceHourOfDay', {
      description: 'UTC hour of day when scheduled snapshots are taken.',
    }),
    referenceMinuteOfHour: t.exposeInt('referenceMinuteOfHour'),
    restoreWindowDays: t.exposeInt('restoreWindowDays', {
      description: 'How many days back a point-in-time restore may reach.',
    }),
    autoExportEnabled: t.exposeBoolean('autoExportEnabled'),
    export: t.field({
      type: AutoExportPolicyRef,
      resolve: (schedule) =>
        schedule.export ? { ...schedule.export, groupId: schedule.groupId } : null,
    }),
    useOrgAndGroupNamesInExportPrefix: t.exposeBoolean('useOrgAndGroupNamesInExportPrefix'),
    copyPolicyItemsEnabled: t.exposeBoolean('copyPolicyItemsEnabled'),
    autoCopySettingsEnabled: t.exposeBoolean('autoCopySettingsEnabled'),
    copySettings: t.field({
      type: [CopySettingRef],
      nullable: false,
      resolve: (schedule) => schedule.copySettings ?? [],
    }),
    extraRetentionSettings: t.field({
      type: [ExtraRetentionRef],
      nullable: false,
      resolve: (schedule) => schedule.extraRetentionSettings ?? [],
    }),
  }),
});
