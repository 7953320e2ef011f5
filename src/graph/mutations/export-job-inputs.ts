import { builder } from '../builder.ts';
import { NAMES_A_PROJECT } from '../project-scope.ts';

const BackupLabelInput = builder.inputType('BackupLabelInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.string({ required: true }),
  }),
});

export const CreateExportJobInput = builder.inputType('CreateExportJobInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
    clusterName: t.string({ required: true }),
    snapshotId: t.field({
      type: 'ObjectId',
      required: true,
      description: 'A snapshot of the cluster (`Cluster.snapshots`).',
    }),
    exportBucketId: t.field({
      type: 'ObjectId',
      required: true,
      description: 'One of `Project.exportBuckets`.',
    }),
    customData: t.field({
      type: [BackupLabelInput],
      description: 'Key-value pairs written with the export.',
    }),
  }),
});

/** The upstream body: the labels copied member by member, so nothing else reaches Atlas. */
export const exportJobBody = (input: typeof CreateExportJobInput.$inferInput) => ({
  snapshotId: input.snapshotId,
  exportBucketId: input.exportBucketId,
  ...(input.customData
    ? { customData: input.customData.map(({ key, value }) => ({ key, value })) }
    : {}),
});
