import type { TakeSnapshotBody } from '../../atlas/snapshots.ts';
import { builder } from '../builder.ts';
import { NAMES_A_PROJECT } from '../project-scope.ts';
import { atLeastCheck, clusterNameCheck, givenFields, type InputCheck } from './input-checks.ts';

export const TakeClusterSnapshotInput = builder.inputType('TakeClusterSnapshotInput', {
  description:
    'An on-demand snapshot. Atlas takes one at a time per cluster: while one is queued or in progress, another is a ConflictError.',
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
    clusterName: t.string({ required: true }),
    description: t.string({ description: 'Why it is taken; shown with the snapshot.' }),
    retentionInDays: t.int({ description: 'Days Atlas keeps it, at least 1.' }),
  }),
});

export const DeleteClusterSnapshotInput = builder.inputType('DeleteClusterSnapshotInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
    clusterName: t.string({ required: true }),
    snapshotId: t.field({ type: 'ObjectId', required: true }),
  }),
});

export const takeSnapshotChecks = (
  input: typeof TakeClusterSnapshotInput.$inferInput,
): InputCheck[] => [
  clusterNameCheck(input.clusterName, 'clusterName'),
  atLeastCheck(input.retentionInDays, 1, 'retentionInDays'),
];

/** Only what was given: the contract requires the body, not its fields. */
export const takeSnapshotBody = (
  input: typeof TakeClusterSnapshotInput.$inferInput,
): TakeSnapshotBody => givenFields(input, ['description', 'retentionInDays']);
