import { type AtlasClusterSnapshot, getClusterSnapshot } from '../../atlas/snapshots.ts';
import { ClusterSnapshotRef } from '../types/refs.ts';
import { clusterSnapshotShape } from '../types/shapes.ts';
import { watchField, watchKind } from './watch-field.ts';

/** Statuses a snapshot never leaves: a watch ends there. */
const FINAL_SNAPSHOT_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed']);

watchField('clusterSnapshotUpdated', {
  type: ClusterSnapshotRef,
  description:
    'A Cloud Backup snapshot as it is now, then again whenever it changes; the stream ends after COMPLETED or FAILED. ' +
    "Takes the snapshot's global ID. The gateway polls Atlas once per snapshot however many clients watch it.",
  idDescription: "The snapshot's global ID (`ClusterSnapshot.id`).",
  what: 'a cluster snapshot',
  label: 'cluster-snapshot',
  kinds: {
    ClusterSnapshot: watchKind({
      request: ({ groupId, keys: [clusterName, snapshotId] }) =>
        getClusterSnapshot(groupId, clusterName!, snapshotId!),
      shape: ({ groupId, keys: [clusterName] }, raw: AtlasClusterSnapshot) =>
        clusterSnapshotShape(groupId, clusterName!, raw),
      isFinal: (snapshot: AtlasClusterSnapshot) =>
        typeof snapshot.status === 'string' && FINAL_SNAPSHOT_STATUSES.has(snapshot.status),
    }),
  },
});
