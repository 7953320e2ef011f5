import { getBackupSchedule } from '../../atlas/backup-schedule.ts';
import { getCluster } from '../../atlas/clusters.ts';
import { type AtlasExportJob, getExportJob } from '../../atlas/export-jobs.ts';
import { getFlexCluster } from '../../atlas/flex-clusters.ts';
import { type AtlasPipelineRun, getPipelineRun } from '../../atlas/pipelines.ts';
import {
  type AtlasClusterRestoreJob,
  type AtlasFlexRestoreJob,
  type AtlasServerlessRestoreJob,
  getClusterRestoreJob,
  getFlexRestoreJob,
  getServerlessRestoreJob,
} from '../../atlas/restore-jobs.ts';
import { getServerlessInstance } from '../../atlas/serverless-instances.ts';
import { type AtlasClusterSnapshot, getClusterSnapshot } from '../../atlas/snapshots.ts';
import type { GraphContext } from '../context.ts';
import {
  clusterJobShape,
  clusterShape,
  clusterSnapshotShape,
  exportJobShape,
  flexClusterShape,
  flexJobShape,
  pipelineShape,
  runShape,
  serverlessInstanceShape,
  serverlessJobShape,
} from '../types/shapes.ts';
import { loadByKey } from './load-by-key.ts';

// One object by its upstream keys, as a shape, or null when it does not exist: what by-id fields,
// `node`, `_entities` and mutation payloads share, so they all load it the same way.

/** Through the by-name loader: several names of one project in one tick cost one list call. */
export const loadPipeline = async (context: GraphContext, groupId: string, name: string) => {
  const raw = await context.loaders.pipelines.load(groupId, name);
  return raw && pipelineShape(groupId, raw);
};

/** One GET, or nothing when a list of this operation already held the run. */
export const loadRun = (
  context: GraphContext,
  groupId: string,
  pipelineName: string,
  runId: string,
) =>
  loadByKey(context, getPipelineRun(groupId, pipelineName, runId), (raw: AtlasPipelineRun) =>
    runShape(groupId, pipelineName, raw),
  );

export const loadExportJob = (
  context: GraphContext,
  groupId: string,
  clusterName: string,
  exportId: string,
) =>
  loadByKey(context, getExportJob(groupId, clusterName, exportId), (raw: AtlasExportJob) =>
    exportJobShape(groupId, clusterName, raw),
  );

/** One GET, or nothing when a list of this operation already held the snapshot. */
export const loadClusterSnapshot = (
  context: GraphContext,
  groupId: string,
  clusterName: string,
  snapshotId: string,
) =>
  loadByKey(
    context,
    getClusterSnapshot(groupId, clusterName, snapshotId),
    (raw: AtlasClusterSnapshot) => clusterSnapshotShape(groupId, clusterName, raw),
  );

export const loadServerlessRestoreJob = (
  context: GraphContext,
  groupId: string,
  instance: string,
  jobId: string,
) =>
  loadByKey(
    context,
    getServerlessRestoreJob(groupId, instance, jobId),
    (raw: AtlasServerlessRestoreJob) => serverlessJobShape(groupId, instance, raw),
  );

export const loadFlexRestoreJob = (
  context: GraphContext,
  groupId: string,
  cluster: string,
  jobId: string,
) =>
  loadByKey(context, getFlexRestoreJob(groupId, cluster, jobId), (raw: AtlasFlexRestoreJob) =>
    flexJobShape(groupId, cluster, raw),
  );

export const loadClusterRestoreJob = (
  context: GraphContext,
  groupId: string,
  cluster: string,
  jobId: string,
) =>
  loadByKey(context, getClusterRestoreJob(groupId, cluster, jobId), (raw: AtlasClusterRestoreJob) =>
    clusterJobShape(groupId, cluster, raw),
  );

// Clusters and instances are keyed by name and their shapes hold no upstream data: these lookups fetch
// the object only to tell whether it exists (`node`, `_entities`), and its fields then read that answer.

export const loadCluster = (context: GraphContext, groupId: string, name: string) =>
  loadByKey(context, getCluster(groupId, name), () => clusterShape(groupId, name), true);

export const loadFlexCluster = (context: GraphContext, groupId: string, name: string) =>
  loadByKey(context, getFlexCluster(groupId, name), () => flexClusterShape(groupId, name), true);

export const loadServerlessInstance = (context: GraphContext, groupId: string, name: string) =>
  loadByKey(
    context,
    getServerlessInstance(groupId, name),
    () => serverlessInstanceShape(groupId, name),
    true,
  );

/** A cluster's backup schedule, or null when Atlas has none for it (a missing cluster is NOT_FOUND). */
export const loadBackupSchedule = <Raw>(context: GraphContext, groupId: string, cluster: string) =>
  loadByKey(context, getBackupSchedule(groupId, cluster), (raw: Raw) => raw);
