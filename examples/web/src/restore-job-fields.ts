/** The fields of a restore job that the list shows, shared by the list's queries and the restore mutation. */
export const RESTORE_JOB_FIELDS = 'id atlasId status deliveryType snapshotId targetName finishedAt';

export interface RestoreJobRow {
  id: string;
  atlasId: string;
  status: string;
  deliveryType: string | null;
  snapshotId: string | null;
  targetName: string | null;
  finishedAt: string | null;
}
