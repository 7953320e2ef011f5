import { builder } from '../builder.ts';
import type {
  ClusterRestoreJobShape,
  ClusterShape,
  ClusterSnapshotShape,
  ExportJobShape,
  FlexClusterShape,
  FlexRestoreJobShape,
  PipelineRunShape,
  PipelineShape,
  ProjectShape,
  RestoreJobShape,
  ServerlessInstanceShape,
  ServerlessRestoreJobShape,
} from './shapes.ts';

/**
 * The entities' refs, declared apart from their types: parents and children, mutation payloads and
 * federation name one another through these, so no type module imports another and none imports a
 * module that registers root fields. Each is implemented in the file of its name under types/.
 */
export const ProjectRef = builder.objectRef<ProjectShape>('Project');
export const PipelineRef = builder.objectRef<PipelineShape>('Pipeline');
export const PipelineRunRef = builder.objectRef<PipelineRunShape>('PipelineRun');
export const ClusterRef = builder.objectRef<ClusterShape>('Cluster');
export const ExportJobRef = builder.objectRef<ExportJobShape>('ExportJob');
export const ClusterSnapshotRef = builder.objectRef<ClusterSnapshotShape>('ClusterSnapshot');
export const ServerlessInstanceRef =
  builder.objectRef<ServerlessInstanceShape>('ServerlessInstance');
export const FlexClusterRef = builder.objectRef<FlexClusterShape>('FlexCluster');
export const RestoreJobRef = builder.interfaceRef<RestoreJobShape>('RestoreJob');
export const ServerlessRestoreJobRef =
  builder.objectRef<ServerlessRestoreJobShape>('ServerlessRestoreJob');
export const FlexRestoreJobRef = builder.objectRef<FlexRestoreJobShape>('FlexRestoreJob');
export const ClusterRestoreJobRef = builder.objectRef<ClusterRestoreJobShape>('ClusterRestoreJob');
