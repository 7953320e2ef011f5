import { type AtlasExportJob, getExportJob } from '../../atlas/export-jobs.ts';
import { type AtlasPipelineRun, getPipelineRun } from '../../atlas/pipelines.ts';
import {
  type AtlasFlexRestoreJob,
  type AtlasServerlessRestoreJob,
  getFlexRestoreJob,
  getServerlessRestoreJob,
} from '../../atlas/restore-jobs.ts';
import { type AtlasClusterSnapshot, getClusterSnapshot } from '../../atlas/snapshots.ts';
import type { GraphContext } from '../context.ts';
import {
  clusterSnapshotShape,
  exportJobShape,
  flexJobShape,
  pipelineShape,
  runShape,
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
