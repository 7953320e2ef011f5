import { AtlasCallError } from '../../atlas/errors.ts';
import type { AtlasExportJob } from '../../atlas/export-jobs.ts';
import type { AtlasPipeline, AtlasPipelineRun } from '../../atlas/pipelines.ts';
import type {
  AtlasClusterRestoreJob,
  AtlasFlexRestoreJob,
  AtlasServerlessRestoreJob,
} from '../../atlas/restore-jobs.ts';
import type { AtlasClusterSnapshot } from '../../atlas/snapshots.ts';
import { encodeGlobalId } from '../relay/global-id.ts';

/** The objects resolvers pass around: the upstream JSON untouched, plus the keys that locate it. */
export interface ProjectShape {
  kind: 'Project';
  groupId: string;
}
export interface PipelineShape {
  kind: 'Pipeline';
  groupId: string;
  name: string;
  raw: AtlasPipeline;
}
export interface PipelineRunShape {
  kind: 'PipelineRun';
  groupId: string;
  pipelineName: string;
  raw: AtlasPipelineRun;
}
export interface ClusterShape {
  kind: 'Cluster';
  groupId: string;
  name: string;
}
export interface ExportJobShape {
  kind: 'ExportJob';
  groupId: string;
  clusterName: string;
  raw: AtlasExportJob;
}
export interface ClusterSnapshotShape {
  kind: 'ClusterSnapshot';
  groupId: string;
  clusterName: string;
  raw: AtlasClusterSnapshot;
}
export interface ServerlessInstanceShape {
  kind: 'ServerlessInstance';
  groupId: string;
  name: string;
}
export interface FlexClusterShape {
  kind: 'FlexCluster';
  groupId: string;
  name: string;
}
export interface ServerlessRestoreJobShape {
  kind: 'ServerlessRestoreJob';
  groupId: string;
  instanceName: string;
  raw: AtlasServerlessRestoreJob;
}
export interface FlexRestoreJobShape {
  kind: 'FlexRestoreJob';
  groupId: string;
  clusterName: string;
  raw: AtlasFlexRestoreJob;
}

export interface ClusterRestoreJobShape {
  kind: 'ClusterRestoreJob';
  groupId: string;
  clusterName: string;
  raw: AtlasClusterRestoreJob;
}

export type RestoreJobShape =
  | ServerlessRestoreJobShape
  | FlexRestoreJobShape
  | ClusterRestoreJobShape;
export type NodeShape =
  | ProjectShape
  | PipelineShape
  | PipelineRunShape
  | ClusterShape
  | FlexClusterShape
  | ServerlessInstanceShape
  | ExportJobShape
  | ClusterSnapshotShape
  | RestoreJobShape;

export const projectShape = (groupId: string): ProjectShape => ({ kind: 'Project', groupId });
export const clusterShape = (groupId: string, name: string): ClusterShape => ({
  kind: 'Cluster',
  groupId,
  name,
});
export const serverlessInstanceShape = (
  groupId: string,
  name: string,
): ServerlessInstanceShape => ({
  kind: 'ServerlessInstance',
  groupId,
  name,
});
export const flexClusterShape = (groupId: string, name: string): FlexClusterShape => ({
  kind: 'FlexCluster',
  groupId,
  name,
});

/** Pipelines, clusters and instances are keyed by name: a listed one without a name cannot be located again. */
export function listedName(raw: { name?: unknown }, what: string): string {
  if (typeof raw.name !== 'string')
    throw new AtlasCallError('UPSTREAM_BAD_RESPONSE', `Atlas returned a ${what} without a name.`);
  return raw.name;
}

export const pipelineShape = (groupId: string, raw: AtlasPipeline): PipelineShape => ({
  kind: 'Pipeline',
  groupId,
  name: listedName(raw, 'pipeline'),
  raw,
});
export const runShape = (
  groupId: string,
  pipelineName: string,
  raw: AtlasPipelineRun,
): PipelineRunShape => ({ kind: 'PipelineRun', groupId, pipelineName, raw });
export const exportJobShape = (
  groupId: string,
  clusterName: string,
  raw: AtlasExportJob,
): ExportJobShape => ({ kind: 'ExportJob', groupId, clusterName, raw });
export const clusterSnapshotShape = (
  groupId: string,
  clusterName: string,
  raw: AtlasClusterSnapshot,
): ClusterSnapshotShape => ({ kind: 'ClusterSnapshot', groupId, clusterName, raw });
export const serverlessJobShape = (
  groupId: string,
  instanceName: string,
  raw: AtlasServerlessRestoreJob,
): ServerlessRestoreJobShape => ({ kind: 'ServerlessRestoreJob', groupId, instanceName, raw });
export const clusterJobShape = (
  groupId: string,
  clusterName: string,
  raw: AtlasClusterRestoreJob,
): ClusterRestoreJobShape => ({ kind: 'ClusterRestoreJob', groupId, clusterName, raw });
export const flexJobShape = (
  groupId: string,
  clusterName: string,
  raw: AtlasFlexRestoreJob,
): FlexRestoreJobShape => ({ kind: 'FlexRestoreJob', groupId, clusterName, raw });

/** Builds the global ID of any node from its shape (docs/graph.md). */
export function globalIdOf(node: NodeShape): string {
  switch (node.kind) {
    case 'Project':
      return encodeGlobalId('Project', node.groupId);
    case 'Pipeline':
      return encodeGlobalId('Pipeline', node.groupId, node.name);
    case 'PipelineRun':
      return encodeGlobalId('PipelineRun', node.groupId, node.pipelineName, node.raw._id ?? '');
    case 'Cluster':
    case 'FlexCluster':
    case 'ServerlessInstance':
      return encodeGlobalId(node.kind, node.groupId, node.name);
    case 'ExportJob':
      return encodeGlobalId('ExportJob', node.groupId, node.clusterName, node.raw.id ?? '');
    case 'ClusterSnapshot':
      return encodeGlobalId('ClusterSnapshot', node.groupId, node.clusterName, node.raw.id ?? '');
    case 'ServerlessRestoreJob':
      return encodeGlobalId(
        'ServerlessRestoreJob',
        node.groupId,
        node.instanceName,
        node.raw.id ?? '',
      );
    case 'FlexRestoreJob':
      return encodeGlobalId('FlexRestoreJob', node.groupId, node.clusterName, node.raw.id ?? '');
    case 'ClusterRestoreJob':
      return encodeGlobalId('ClusterRestoreJob', node.groupId, node.clusterName, node.raw.id ?? '');
  }
}
