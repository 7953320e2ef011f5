import {
  type AtlasClusterRestoreJob,
  type AtlasFlexRestoreJob,
  type AtlasServerlessRestoreJob,
  getClusterRestoreJob,
  getFlexRestoreJob,
  getServerlessRestoreJob,
} from '../../atlas/restore-jobs.ts';
import type { NodeTypeName } from '../relay/global-id.ts';
import { RestoreJobRef } from '../types/refs.ts';
import {
  clusterJobShape,
  flexJobShape,
  type RestoreJobShape,
  serverlessJobShape,
} from '../types/shapes.ts';
import { type WatchKind, watchField, watchKind } from './watch-field.ts';

/**
 * A job Atlas describes by flags (serverless and dedicated-cluster restores) is final once its normalised
 * status is (docs/graph.md): FAILED, CANCELLED, EXPIRED, or COMPLETED once it has `finishedAt`.
 */
export const finalByFlags = (job: {
  failed?: boolean;
  cancelled?: boolean;
  expired?: boolean;
  finishedAt?: string;
}): boolean => Boolean(job.failed || job.cancelled || job.expired || job.finishedAt);

/** Flex statuses a job never leaves (Atlas has no cancelled or expired Flex status). */
const FINAL_FLEX_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED']);

/**
 * Every kind of restore job `restoreJobUpdated` watches, by the type in its global ID: how to poll it,
 * what it resolves to, when it is final. A new kind is one entry here.
 */
const RESTORE_JOB_KINDS = {
  ClusterRestoreJob: watchKind({
    request: ({ groupId, keys: [clusterName, jobId] }) =>
      getClusterRestoreJob(groupId, clusterName!, jobId!),
    shape: ({ groupId, keys: [clusterName] }, raw: AtlasClusterRestoreJob) =>
      clusterJobShape(groupId, clusterName!, raw),
    isFinal: finalByFlags,
  }),
  ServerlessRestoreJob: watchKind({
    request: ({ groupId, keys: [instanceName, jobId] }) =>
      getServerlessRestoreJob(groupId, instanceName!, jobId!),
    shape: ({ groupId, keys: [instanceName] }, raw: AtlasServerlessRestoreJob) =>
      serverlessJobShape(groupId, instanceName!, raw),
    isFinal: finalByFlags,
  }),
  FlexRestoreJob: watchKind({
    request: ({ groupId, keys: [clusterName, jobId] }) =>
      getFlexRestoreJob(groupId, clusterName!, jobId!),
    shape: ({ groupId, keys: [clusterName] }, raw: AtlasFlexRestoreJob) =>
      flexJobShape(groupId, clusterName!, raw),
    isFinal: (job: AtlasFlexRestoreJob) =>
      typeof job.status === 'string' && FINAL_FLEX_STATUSES.has(job.status),
  }),
} satisfies Partial<Record<NodeTypeName, WatchKind<RestoreJobShape>>>;

watchField('restoreJobUpdated', {
  type: RestoreJobRef,
  description:
    'A restore job of any kind as it is now, then again whenever it changes; the stream ends after COMPLETED, FAILED, CANCELLED or EXPIRED (`status`). ' +
    "Takes the job's global ID. The gateway polls Atlas once per job however many clients watch it.",
  idDescription: "The restore job's global ID (`RestoreJob.id`).",
  what: 'a restore job',
  label: 'restore-job',
  kinds: RESTORE_JOB_KINDS,
});
