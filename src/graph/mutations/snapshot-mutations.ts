import {
  type AtlasClusterSnapshot,
  clusterSnapshots,
  deleteClusterSnapshot,
  getClusterSnapshot,
  takeClusterSnapshot,
} from '../../atlas/snapshots.ts';
import { builder } from '../builder.ts';
import { ClusterRef, ClusterSnapshotRef } from '../types/refs.ts';
import { type ClusterSnapshotShape, clusterShape, clusterSnapshotShape } from '../types/shapes.ts';
import { checkInput, clusterNameCheck } from './input-checks.ts';
import { cachedEntity, mutate, pathAndBelow } from './mutation-effects.ts';
import { mutationErrors } from './mutation-errors.ts';
import {
  DeleteClusterSnapshotInput,
  TakeClusterSnapshotInput,
  takeSnapshotBody,
  takeSnapshotChecks,
} from './snapshot-inputs.ts';

const TakeClusterSnapshotSuccess = builder
  .objectRef<{ snapshot: ClusterSnapshotShape }>('TakeClusterSnapshotSuccess')
  .implement({
    description: 'Atlas queued the snapshot; watch it with `clusterSnapshotUpdated`.',
    fields: (t) => ({
      snapshot: t.expose('snapshot', { type: ClusterSnapshotRef, nullable: false }),
      cluster: t.field({
        type: ClusterRef,
        nullable: false,
        description: 'Its list of snapshots holds the new one.',
        resolve: ({ snapshot }) => clusterShape(snapshot.groupId, snapshot.clusterName),
      }),
    }),
  });

const DeleteClusterSnapshotSuccess = builder
  .objectRef<{ groupId: string; clusterName: string; snapshotId: string }>(
    'DeleteClusterSnapshotSuccess',
  )
  .implement({
    fields: (t) => ({
      deletedSnapshotId: t.id({
        nullable: false,
        description: "The deleted snapshot's global ID, for clients to drop it from their caches.",
        resolve: ({ groupId, clusterName, snapshotId }) =>
          cachedEntity('ClusterSnapshot', groupId, clusterName, snapshotId).id,
      }),
      cluster: t.field({
        type: ClusterRef,
        nullable: false,
        description: 'Its list of snapshots no longer holds the deleted one.',
        resolve: ({ groupId, clusterName }) => clusterShape(groupId, clusterName),
      }),
    }),
  });

builder.mutationFields((t) => ({
  takeClusterSnapshot: t.field({
    type: TakeClusterSnapshotSuccess,
    nullable: false,
    description: 'Takes an on-demand Cloud Backup snapshot of a dedicated cluster. Never retried.',
    errors: mutationErrors('TakeClusterSnapshot'),
    args: { input: t.arg({ type: TakeClusterSnapshotInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, clusterName } = input;
      checkInput(takeSnapshotChecks(input));
      const raw = await mutate<AtlasClusterSnapshot>(
        context,
        takeClusterSnapshot(projectId, clusterName, takeSnapshotBody(input)),
        (snapshot) => ({
          stale: [`${clusterSnapshots(projectId, clusterName).path}?`],
          fresh: snapshot.id
            ? [[getClusterSnapshot(projectId, clusterName, snapshot.id), snapshot]]
            : [],
          entities: [cachedEntity('Cluster', projectId, clusterName)],
        }),
      );
      return { snapshot: clusterSnapshotShape(projectId, clusterName, raw) };
    },
  }),
  deleteClusterSnapshot: t.field({
    type: DeleteClusterSnapshotSuccess,
    nullable: false,
    description: 'Deletes a Cloud Backup snapshot of a dedicated cluster. Never retried.',
    errors: mutationErrors('DeleteClusterSnapshot'),
    args: { input: t.arg({ type: DeleteClusterSnapshotInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, clusterName, snapshotId } = input;
      checkInput([clusterNameCheck(clusterName, 'clusterName')]);
      await mutate(context, deleteClusterSnapshot(projectId, clusterName, snapshotId), () => ({
        stale: pathAndBelow(clusterSnapshots(projectId, clusterName).path),
        entities: [
          cachedEntity('ClusterSnapshot', projectId, clusterName, snapshotId),
          cachedEntity('Cluster', projectId, clusterName),
        ],
      }));
      return { groupId: projectId, clusterName, snapshotId };
    },
  }),
}));
