/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How often the snapshot a run ingests is taken. */
export type BackupFrequencyType =
  /** Atlas: `DAILY` */
  | 'DAILY'
  /** Atlas: `HOURLY` */
  | 'HOURLY'
  /** Atlas: `MONTHLY` */
  | 'MONTHLY'
  /** Atlas: `ON_DEMAND` */
  | 'ON_DEMAND'
  /** Atlas: `WEEKLY` */
  | 'WEEKLY'
  /** Atlas: `YEARLY` */
  | 'YEARLY';

export type BackupLabelInput = {
  key: string;
  value: string;
};

/** How a cluster snapshot was taken. */
export type ClusterSnapshotType =
  /** Atlas: `fallback` */
  | 'FALLBACK'
  /** Atlas: `onDemand` */
  | 'ON_DEMAND'
  /** Atlas: `scheduled` */
  | 'SCHEDULED';

/** The topology of a dedicated cluster. */
export type ClusterType =
  /** Atlas: `GEOSHARDED` */
  | 'GEOSHARDED'
  /** Atlas: `REPLICASET` */
  | 'REPLICASET'
  /** Atlas: `SHARDED` */
  | 'SHARDED';

/** Restores a dedicated cluster's backup: a snapshot (`snapshotId`; RESTORE into a cluster, or DOWNLOAD) or a moment of its restore window (POINT_IN_TIME: `pointInTimeUTCSeconds`, or `oplogTs` with `oplogInc`). RESTORE and POINT_IN_TIME name the target cluster. */
export type CreateClusterRestoreJobInput = {
  /** The cluster whose backup is restored. */
  clusterName: string;
  deliveryType: RestoreDeliveryType;
  /** Oplog increment, at least 1; with oplogTs. */
  oplogInc?: number | null | undefined;
  /** Oplog timestamp seconds, at least 1199145600; with oplogInc. */
  oplogTs?: number | null | undefined;
  /** Seconds since the epoch, at least 1199145600, within the restore window. */
  pointInTimeUTCSeconds?: number | null | undefined;
  projectId: string;
  /** One of `Cluster.snapshots`. */
  snapshotId?: string | null | undefined;
  /** The cluster restored into (RESTORE, POINT_IN_TIME); its data is replaced. */
  targetClusterName?: string | null | undefined;
  /** The project of the cluster restored into (RESTORE, POINT_IN_TIME). */
  targetProjectId?: string | null | undefined;
};

export type CreateExportJobInput = {
  clusterName: string;
  /** Key-value pairs written with the export. */
  customData?: Array<BackupLabelInput> | null | undefined;
  /** One of `Project.exportBuckets`. */
  exportBucketId: string;
  projectId: string;
  /** A snapshot of the cluster (`Cluster.snapshots`). */
  snapshotId: string;
};

export type CreateFlexRestoreJobInput = {
  flexClusterName: string;
  projectId: string;
  /** One of `FlexCluster.snapshots`. */
  snapshotId: string;
  /** The cluster restored into. */
  targetDeploymentItemName: string;
  /** The target's project; default: this project. */
  targetProjectId?: string | null | undefined;
};

export type CreatePipelineInput = {
  datasetRetentionPolicy?: DatasetRetentionPolicyInput | null | undefined;
  name: string;
  projectId: string;
  sink?: DlsIngestionSinkInput | null | undefined;
  source: IngestionSourceInput;
  transformations?: Array<FieldTransformationInput> | null | undefined;
};

/** Restores a snapshot (`snapshotId`, for AUTOMATED and DOWNLOAD) or a moment (POINT_IN_TIME: `pointInTimeUTCSeconds`, or `oplogTs` with `oplogInc`). */
export type CreateServerlessRestoreJobInput = {
  deliveryType: ServerlessRestoreJobDeliveryType;
  instanceName: string;
  /** Oplog increment, at least 1; with oplogTs. */
  oplogInc?: number | null | undefined;
  /** Oplog timestamp seconds, at least 1199145600; with oplogInc. */
  oplogTs?: number | null | undefined;
  /** Seconds since the epoch, at least 1199145600. */
  pointInTimeUTCSeconds?: number | null | undefined;
  projectId: string;
  /** One of `ServerlessInstance.snapshots`. */
  snapshotId?: string | null | undefined;
  targetClusterName: string;
  targetProjectId: string;
};

export type DatasetRetentionPolicyInput = {
  units: DatasetRetentionPolicyUnits;
  /** At least 1. */
  value: number;
};

/** The unit of a dataset retention period. */
export type DatasetRetentionPolicyUnits =
  /** Atlas: `DAYS` */
  | 'DAYS'
  /** Atlas: `MONTHS` */
  | 'MONTHS'
  /** Atlas: `WEEKS` */
  | 'WEEKS';

export type DeletePipelineRunDatasetInput = {
  pipelineName: string;
  projectId: string;
  /** The run's `atlasId`. */
  runId: string;
};

/** Where a cluster or instance is in its life (Atlas `stateName`; a paused cluster is IDLE with `paused`). */
export type DeploymentState =
  /** Atlas: `CREATING` */
  | 'CREATING'
  /** Atlas: `DELETING` */
  | 'DELETING'
  /** Atlas: `IDLE` */
  | 'IDLE'
  /** Atlas: `REPAIRING` */
  | 'REPAIRING'
  /** Atlas: `UPDATING` */
  | 'UPDATING';

/** Where a pipeline writes (always Data Lake Storage). */
export type DlsIngestionSinkInput = {
  metadataProvider?: DlsIngestionSinkMetadataProvider | null | undefined;
  metadataRegion?: string | null | undefined;
  partitionFields?: Array<PartitionFieldInput> | null | undefined;
};

/** Cloud provider holding the sink metadata. */
export type DlsIngestionSinkMetadataProvider =
  /** Atlas: `AWS` */
  | 'AWS';

/** Where a snapshot export job stands. */
export type ExportJobState =
  /** Atlas: `Cancelled` */
  | 'CANCELLED'
  /** Atlas: `Failed` */
  | 'FAILED'
  /** Atlas: `InProgress` */
  | 'IN_PROGRESS'
  /** Atlas: `Queued` */
  | 'QUEUED'
  /** Atlas: `Successful` */
  | 'SUCCESSFUL';

export type FieldTransformationInput = {
  field: string;
  type: FieldTransformationType;
};

/** What a transformation does to its field. */
export type FieldTransformationType =
  /** Atlas: `EXCLUDE` */
  | 'EXCLUDE';

/** Flex delivery types as Atlas names them. */
export type FlexRestoreJobDeliveryType =
  /** Atlas: `DOWNLOAD` */
  | 'DOWNLOAD'
  /** Atlas: `RESTORE` */
  | 'RESTORE';

/** Flex restore job statuses as Atlas names them. */
export type FlexRestoreJobStatus =
  /** Atlas: `COMPLETED` */
  | 'COMPLETED'
  /** Atlas: `FAILED` */
  | 'FAILED'
  /** Atlas: `PENDING` */
  | 'PENDING'
  /** Atlas: `QUEUED` */
  | 'QUEUED'
  /** Atlas: `RUNNING` */
  | 'RUNNING';

/** Where a pipeline writes: DLS is Atlas Data Lake Storage. */
export type IngestionSinkType =
  /** Atlas: `DLS` */
  | 'DLS';

/** Where a pipeline takes its snapshots from. */
export type IngestionSourceInput = {
  clusterName: string;
  collectionName: string;
  databaseName: string;
  /** PERIODIC_CPS only: one of `availableSchedules`. */
  policyItemId?: string | null | undefined;
  type: IngestionSourceType;
};

/** Where a pipeline takes its snapshots from. */
export type IngestionSourceType =
  /** Atlas: `ON_DEMAND_CPS` */
  | 'ON_DEMAND_CPS'
  /** Atlas: `PERIODIC_CPS` */
  | 'PERIODIC_CPS';

export type PartitionFieldInput = {
  /** At most 700 characters. */
  fieldName: string;
  order: number;
};

/** Names one pipeline. */
export type PipelineActionInput = {
  pipelineName: string;
  projectId: string;
};

/** The step a pipeline run is in. */
export type PipelinePhase =
  /** Atlas: `EXPORT` */
  | 'EXPORT'
  /** Atlas: `INGESTION` */
  | 'INGESTION'
  /** Atlas: `SNAPSHOT` */
  | 'SNAPSHOT';

/** Where a pipeline run stands. */
export type PipelineRunState =
  /** Atlas: `DATASET_DELETED` */
  | 'DATASET_DELETED'
  /** Atlas: `DONE` */
  | 'DONE'
  /** Atlas: `FAILED` */
  | 'FAILED'
  /** Atlas: `IN_PROGRESS` */
  | 'IN_PROGRESS'
  /** Atlas: `PENDING` */
  | 'PENDING';

/** Whether a pipeline ingests its scheduled snapshots. */
export type PipelineState =
  /** Atlas: `ACTIVE` */
  | 'ACTIVE'
  /** Atlas: `PAUSED` */
  | 'PAUSED';

/** How often a backup policy item takes a snapshot. */
export type PolicyItemFrequencyType =
  /** Atlas: `daily` */
  | 'DAILY'
  /** Atlas: `hourly` */
  | 'HOURLY'
  /** Atlas: `monthly` */
  | 'MONTHLY'
  /** Atlas: `ondemand` */
  | 'ONDEMAND'
  /** Atlas: `weekly` */
  | 'WEEKLY'
  /** Atlas: `yearly` */
  | 'YEARLY';

/** The unit of a snapshot retention period. */
export type PolicyItemRetentionUnit =
  /** Atlas: `days` */
  | 'DAYS'
  /** Atlas: `months` */
  | 'MONTHS'
  /** Atlas: `weeks` */
  | 'WEEKS'
  /** Atlas: `years` */
  | 'YEARS';

/** How a restore is delivered, for every kind of restore job. */
export type RestoreDeliveryType =
  /** Atlas: `DOWNLOAD` */
  | 'DOWNLOAD'
  /** Atlas: `POINT_IN_TIME` */
  | 'POINT_IN_TIME'
  /** Atlas: `RESTORE` */
  | 'RESTORE';

/** One status for every kind of restore job. */
export type RestoreJobStatus =
  /** Atlas: `CANCELLED` */
  | 'CANCELLED'
  /** Atlas: `COMPLETED` */
  | 'COMPLETED'
  /** Atlas: `EXPIRED` */
  | 'EXPIRED'
  /** Atlas: `FAILED` */
  | 'FAILED'
  /** Atlas: `PENDING` */
  | 'PENDING'
  /** Atlas: `QUEUED` */
  | 'QUEUED'
  /** Atlas: `RUNNING` */
  | 'RUNNING';

/** Serverless backup delivery types as Atlas names them. */
export type ServerlessRestoreJobDeliveryType =
  /** Atlas: `automated` */
  | 'AUTOMATED'
  /** Atlas: `download` */
  | 'DOWNLOAD'
  /** Atlas: `pointInTime` */
  | 'POINT_IN_TIME';

/** The backup policy schedule that took a cluster snapshot. */
export type SnapshotFrequencyType =
  /** Atlas: `daily` */
  | 'DAILY'
  /** Atlas: `hourly` */
  | 'HOURLY'
  /** Atlas: `monthly` */
  | 'MONTHLY'
  /** Atlas: `weekly` */
  | 'WEEKLY'
  /** Atlas: `yearly` */
  | 'YEARLY';

/** Where a snapshot stands. */
export type SnapshotStatus =
  /** Atlas: `completed` */
  | 'COMPLETED'
  /** Atlas: `failed` */
  | 'FAILED'
  /** Atlas: `inProgress` */
  | 'IN_PROGRESS'
  /** Atlas: `queued` */
  | 'QUEUED';

export type TriggerPipelineRunInput = {
  datasetRetentionPolicy?: DatasetRetentionPolicyInput | null | undefined;
  pipelineName: string;
  projectId: string;
  /** One of the pipeline's available snapshots. */
  snapshotId: string;
};

/** The fields to change; the others stay as they are. Renaming changes the global IDs of the pipeline and its runs. */
export type UpdatePipelineInput = {
  datasetRetentionPolicy?: DatasetRetentionPolicyInput | null | undefined;
  /** A new name. */
  name?: string | null | undefined;
  pipelineName: string;
  projectId: string;
  sink?: DlsIngestionSinkInput | null | undefined;
  source?: IngestionSourceInput | null | undefined;
  /** Replaces the whole list. */
  transformations?: Array<FieldTransformationInput> | null | undefined;
};

export type ClusterBackupsQueryVariables = Exact<{
  projectId: string;
  clusterName: string;
  first?: number | null | undefined;
}>;


export type ClusterBackupsQuery = { project: { cluster: { id: string, name: string, state: DeploymentState | null, pitEnabled: boolean | null, backupSchedule: { nextSnapshotAt: string | null, restoreWindowDays: number | null, autoExportEnabled: boolean | null, policies: Array<{ items: Array<{ frequencyType: PolicyItemFrequencyType | null, frequencyInterval: number | null, retentionUnit: PolicyItemRetentionUnit | null, retentionValue: number | null }> }>, copySettings: Array<{ cloudProvider: string | null, regionName: string | null }> } | null, snapshots: { nodes: Array<{ atlasId: string, createdAt: string | null, status: SnapshotStatus | null, snapshotType: ClusterSnapshotType | null, frequencyType: SnapshotFrequencyType | null, storageSizeBytes: number | null }> }, restoreJobs: { totalCount: number, nodes: Array<{ id: string, atlasId: string, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, snapshotId: string | null, targetName: string | null, finishedAt: string | null, deliveryUrl: Array<string> | null }> }, exportJobs: { nodes: Array<{ id: string, atlasId: string, state: ExportJobState | null, createdAt: string | null }> } } } };

export type ClusterSnapshotUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ClusterSnapshotUpdatedSubscription = { clusterSnapshotUpdated: { id: string, status: SnapshotStatus | null, snapshotType: ClusterSnapshotType | null, storageSizeBytes: number | null, expiresAt: string | null, snapshotIds: Array<string> | null } };

export type CreateClusterRestoreJobMutationVariables = Exact<{
  input: CreateClusterRestoreJobInput;
}>;


export type CreateClusterRestoreJobMutation = { createClusterRestoreJob:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'CreateClusterRestoreJobSuccess', restoreJob: { id: string, atlasId: string, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetName: string | null }, cluster: { name: string } }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type CreateExportJobMutationVariables = Exact<{
  input: CreateExportJobInput;
}>;


export type CreateExportJobMutation = { createExportJob:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'CreateExportJobSuccess', exportJob: { id: string, atlasId: string, state: ExportJobState | null, exportBucketId: string | null, snapshot: { atlasId: string, createdAt: string | null } | null, customData: Array<{ key: string | null, value: string | null }> | null }, cluster: { name: string, exportJobs: { nodes: Array<{ atlasId: string }> } } }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type CreateFlexRestoreJobMutationVariables = Exact<{
  input: CreateFlexRestoreJobInput;
}>;


export type CreateFlexRestoreJobMutation = { createFlexRestoreJob:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'CreateFlexRestoreJobSuccess', restoreJob: { id: string, atlasId: string, status: RestoreJobStatus, targetName: string | null }, flexCluster: { name: string, restoreJobs: { nodes: Array<
            | { atlasId: string }
            | { atlasId: string }
            | { atlasId: string }
          > } } }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type CreatePipelineMutationVariables = Exact<{
  input: CreatePipelineInput;
}>;


export type CreatePipelineMutation = { createPipeline:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'CreatePipelineSuccess', pipeline: { id: string, name: string, state: PipelineState | null, source:
          | { type: IngestionSourceType | null, clusterName: string | null, databaseName: string | null, collectionName: string | null }
          | { type: IngestionSourceType | null, clusterName: string | null, databaseName: string | null, collectionName: string | null }
         | null, datasetRetentionPolicy: { units: DatasetRetentionPolicyUnits | null, value: number | null } | null }, project: { pipelines: { totalCount: number } } }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type CreateServerlessRestoreJobMutationVariables = Exact<{
  input: CreateServerlessRestoreJobInput;
}>;


export type CreateServerlessRestoreJobMutation = { createServerlessRestoreJob:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'CreateServerlessRestoreJobSuccess', restoreJob: { id: string, atlasId: string, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetName: string | null, targetProjectId: string | null }, serverlessInstance: { name: string } }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type DeletePipelineMutationVariables = Exact<{
  input: PipelineActionInput;
}>;


export type DeletePipelineMutation = { deletePipeline:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'DeletePipelineSuccess', deletedPipelineId: string, project: { pipelines: { totalCount: number } } }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type DeletePipelineRunDatasetMutationVariables = Exact<{
  input: DeletePipelineRunDatasetInput;
}>;


export type DeletePipelineRunDatasetMutation = { deletePipelineRunDataset:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'DeletePipelineRunDatasetSuccess', run: { id: string, atlasId: string, state: PipelineRunState | null, datasetName: string | null } | null }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type ExportJobUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ExportJobUpdatedSubscription = { exportJobUpdated: { id: string, state: ExportJobState | null, finishedAt: string | null, exportStatus: { exportedCollections: number | null, totalCollections: number | null } | null, stateReason: { errorCode: string | null, message: string | null } | null } };

export type ExportJobsQueryVariables = Exact<{
  projectId: string;
  clusterName: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ExportJobsQuery = { project: { cluster: { name: string, exportJobs: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, atlasId: string, state: ExportJobState | null, exportBucketId: string | null, snapshotId: string | null, createdAt: string | null, finishedAt: string | null, prefix: string | null, customData: Array<{ key: string | null, value: string | null }> | null, components: Array<{ exportId: string | null, replicaSetName: string | null }> | null, exportStatus: { exportedCollections: number | null, totalCollections: number | null } | null, stateReason: { errorCode: string | null, message: string | null } | null }> } } } };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'Cluster', id: string }
    | { __typename: 'ClusterRestoreJob', atlasId: string, status: RestoreJobStatus, id: string }
    | { __typename: 'ClusterSnapshot', id: string }
    | { __typename: 'ExportJob', atlasId: string, id: string, exportState: ExportJobState | null }
    | { __typename: 'FlexCluster', id: string }
    | { __typename: 'FlexRestoreJob', atlasId: string, status: RestoreJobStatus, id: string }
    | { __typename: 'Pipeline', name: string, id: string, pipelineState: PipelineState | null }
    | { __typename: 'PipelineRun', atlasId: string, phase: PipelinePhase | null, id: string, runState: PipelineRunState | null }
    | { __typename: 'Project', id: string }
    | { __typename: 'ServerlessInstance', id: string }
    | { __typename: 'ServerlessRestoreJob', atlasId: string, status: RestoreJobStatus, id: string }
   | null };

export type PausePipelineMutationVariables = Exact<{
  input: PipelineActionInput;
}>;


export type PausePipelineMutation = { pausePipeline:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'PausePipelineSuccess', pipeline: { id: string, name: string, state: PipelineState | null } }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type PipelineRunUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type PipelineRunUpdatedSubscription = { pipelineRunUpdated: { id: string, state: PipelineRunState | null, phase: PipelinePhase | null, lastUpdatedDate: string | null, stats: { bytesExported: number | null, numDocs: number | null } | null } };

export type PipelineRunsQueryVariables = Exact<{
  projectId: string;
  pipelineName: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  createdBefore?: string | null | undefined;
}>;


export type PipelineRunsQuery = { project: { pipeline: { id: string, name: string, state: PipelineState | null, createdDate: string | null, lastUpdatedDate: string | null, source:
        | { type: IngestionSourceType | null, clusterName: string | null, databaseName: string | null, collectionName: string | null }
        | { policyItemId: string | null, type: IngestionSourceType | null, clusterName: string | null, databaseName: string | null, collectionName: string | null }
       | null, sink: { type: IngestionSinkType | null, metadataProvider: DlsIngestionSinkMetadataProvider | null, metadataRegion: string | null, partitionFields: Array<{ fieldName: string, order: number }> | null } | null, transformations: Array<{ field: string | null, type: FieldTransformationType | null }> | null, datasetRetentionPolicy: { units: DatasetRetentionPolicyUnits | null, value: number | null } | null, runs: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, atlasId: string, state: PipelineRunState | null, phase: PipelinePhase | null, backupFrequencyType: BackupFrequencyType | null, datasetName: string | null, snapshotId: string | null, createdDate: string | null, lastUpdatedDate: string | null, scheduledDeletionDate: string | null, datasetRetentionPolicy: { units: DatasetRetentionPolicyUnits | null, value: number | null, lastModifiedDate: string | null } | null, stats: { bytesExported: number | null, numDocs: number | null } | null } }> } } | null } };

export type ProjectClustersQueryVariables = Exact<{
  projectId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProjectClustersQuery = { project: { id: string, name: string | null, clusterCount: number | null, clusters: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, state: DeploymentState | null, paused: boolean | null, clusterType: ClusterType | null, mongoDBVersion: string | null, backupEnabled: boolean | null, pitEnabled: boolean | null, connectionStrings: { standardSrv: string | null } | null, regions: Array<{ providerName: string | null, regionName: string | null, priority: number | null, instanceSize: string | null, electableNodeCount: number | null }> | null }> }, flexClusters: { nodes: Array<{ id: string, name: string, state: DeploymentState | null, backupEnabled: boolean | null, providerSettings: { backingProviderName: string | null, regionName: string | null } | null }> } } };

export type ProjectDashboardQueryVariables = Exact<{
  projectId: string;
  pipelines?: number | null | undefined;
  runs?: number | null | undefined;
}>;


export type ProjectDashboardQuery = { project: { id: string, atlasId: string, pipelines: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, state: PipelineState | null, source:
          | { type: IngestionSourceType | null, clusterName: string | null, databaseName: string | null, collectionName: string | null }
          | { type: IngestionSourceType | null, clusterName: string | null, databaseName: string | null, collectionName: string | null }
         | null, runs: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, state: PipelineRunState | null, phase: PipelinePhase | null, createdDate: string | null, stats: { bytesExported: number | null, numDocs: number | null } | null }> } }> } } };

export type RestoreJobUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type RestoreJobUpdatedSubscription = { restoreJobUpdated:
    | { __typename: 'ClusterRestoreJob', id: string, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null }
    | { __typename: 'FlexRestoreJob', id: string, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null }
    | { __typename: 'ServerlessRestoreJob', id: string, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null }
   };

export type RestoreJobsQueryVariables = Exact<{
  projectId: string;
  flexClusterName: string;
  serverlessName: string;
  first?: number | null | undefined;
}>;


export type RestoreJobsQuery = { project: { flexCluster: { name: string, restoreJobs: { totalCount: number, nodes: Array<
          | { id: string, atlasId: string, snapshotId: string | null, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetProjectId: string | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null }
          | { upstreamStatus: FlexRestoreJobStatus | null, restoreScheduledDate: string | null, snapshotFinishedDate: string | null, snapshotUrl: string | null, id: string, atlasId: string, snapshotId: string | null, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetProjectId: string | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null, flexDeliveryType: FlexRestoreJobDeliveryType | null }
          | { cancelled: boolean | null, expired: boolean | null, failed: boolean | null, deliveryUrl: Array<string> | null, timestamp: string | null, id: string, atlasId: string, snapshotId: string | null, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetProjectId: string | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null, serverlessDeliveryType: ServerlessRestoreJobDeliveryType | null, desiredTimestamp: { date: string | null, increment: number | null } | null }
        > } }, serverlessInstance: { name: string, restoreJobs: { totalCount: number, nodes: Array<
          | { id: string, atlasId: string, snapshotId: string | null, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetProjectId: string | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null }
          | { upstreamStatus: FlexRestoreJobStatus | null, restoreScheduledDate: string | null, snapshotFinishedDate: string | null, snapshotUrl: string | null, id: string, atlasId: string, snapshotId: string | null, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetProjectId: string | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null, flexDeliveryType: FlexRestoreJobDeliveryType | null }
          | { cancelled: boolean | null, expired: boolean | null, failed: boolean | null, deliveryUrl: Array<string> | null, timestamp: string | null, id: string, atlasId: string, snapshotId: string | null, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetProjectId: string | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null, serverlessDeliveryType: ServerlessRestoreJobDeliveryType | null, desiredTimestamp: { date: string | null, increment: number | null } | null }
        > } } } };

type RestoreJobFields_ClusterRestoreJob_Fragment = { id: string, atlasId: string, snapshotId: string | null, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetProjectId: string | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null };

type RestoreJobFields_FlexRestoreJob_Fragment = { upstreamStatus: FlexRestoreJobStatus | null, restoreScheduledDate: string | null, snapshotFinishedDate: string | null, snapshotUrl: string | null, id: string, atlasId: string, snapshotId: string | null, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetProjectId: string | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null, flexDeliveryType: FlexRestoreJobDeliveryType | null };

type RestoreJobFields_ServerlessRestoreJob_Fragment = { cancelled: boolean | null, expired: boolean | null, failed: boolean | null, deliveryUrl: Array<string> | null, timestamp: string | null, id: string, atlasId: string, snapshotId: string | null, status: RestoreJobStatus, deliveryType: RestoreDeliveryType | null, targetProjectId: string | null, targetName: string | null, finishedAt: string | null, expiresAt: string | null, serverlessDeliveryType: ServerlessRestoreJobDeliveryType | null, desiredTimestamp: { date: string | null, increment: number | null } | null };

export type RestoreJobFieldsFragment =
  | RestoreJobFields_ClusterRestoreJob_Fragment
  | RestoreJobFields_FlexRestoreJob_Fragment
  | RestoreJobFields_ServerlessRestoreJob_Fragment
;

export type ResumePipelineMutationVariables = Exact<{
  input: PipelineActionInput;
}>;


export type ResumePipelineMutation = { resumePipeline:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ResumePipelineSuccess', pipeline: { id: string, name: string, state: PipelineState | null } }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type TriggerPipelineRunMutationVariables = Exact<{
  input: TriggerPipelineRunInput;
}>;


export type TriggerPipelineRunMutation = { triggerPipelineRun:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'TriggerPipelineRunSuccess', run: { id: string, atlasId: string, state: PipelineRunState | null, phase: PipelinePhase | null, snapshotId: string | null, createdDate: string | null }, pipeline: { id: string, name: string } | null }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export type UpdatePipelineMutationVariables = Exact<{
  input: UpdatePipelineInput;
}>;


export type UpdatePipelineMutation = { updatePipeline:
    | { __typename: 'ConflictError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ForbiddenError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'NotFoundError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'RateLimitedError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'UpdatePipelineSuccess', pipeline: { id: string, name: string, lastUpdatedDate: string | null, datasetRetentionPolicy: { units: DatasetRetentionPolicyUnits | null, value: number | null, lastModifiedDate: string | null } | null } }
    | { __typename: 'UpstreamError', message: string, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }>, atlas: { status: number, errorCode: string | null, detail: string | null } | null }
   };

export const RestoreJobFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RestoreJobFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"targetProjectId"}},{"kind":"Field","name":{"kind":"Name","value":"targetName"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlexRestoreJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upstreamStatus"}},{"kind":"Field","alias":{"kind":"Name","value":"flexDeliveryType"},"name":{"kind":"Name","value":"upstreamDeliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"restoreScheduledDate"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotFinishedDate"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotUrl"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServerlessRestoreJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"serverlessDeliveryType"},"name":{"kind":"Name","value":"upstreamDeliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"expired"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryUrl"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"desiredTimestamp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"increment"}}]}}]}}]}}]} as unknown as DocumentNode<RestoreJobFieldsFragment, unknown>;
export const ClusterBackupsDocument = {"__meta__":{"hash":"sha256:e4eef7e5f6c4f3317a5018bbc1b9be2d946322da428595923ecc8f8224152eba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClusterBackups"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectId"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"pitEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"backupSchedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nextSnapshotAt"}},{"kind":"Field","name":{"kind":"Name","value":"restoreWindowDays"}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"frequencyType"}},{"kind":"Field","name":{"kind":"Name","value":"frequencyInterval"}},{"kind":"Field","name":{"kind":"Name","value":"retentionUnit"}},{"kind":"Field","name":{"kind":"Name","value":"retentionValue"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"autoExportEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"copySettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cloudProvider"}},{"kind":"Field","name":{"kind":"Name","value":"regionName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"snapshots"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotType"}},{"kind":"Field","name":{"kind":"Name","value":"frequencyType"}},{"kind":"Field","name":{"kind":"Name","value":"storageSizeBytes"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"restoreJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"targetName"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryUrl"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"exportJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClusterBackupsQuery, ClusterBackupsQueryVariables>;
export const ClusterSnapshotUpdatedDocument = {"__meta__":{"hash":"sha256:2f1ccef139492be601bb45de1e94697142559b9a58a4120afce7449b2023c26c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ClusterSnapshotUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusterSnapshotUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotType"}},{"kind":"Field","name":{"kind":"Name","value":"storageSizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotIds"}}]}}]}}]} as unknown as DocumentNode<ClusterSnapshotUpdatedSubscription, ClusterSnapshotUpdatedSubscriptionVariables>;
export const CreateClusterRestoreJobDocument = {"__meta__":{"hash":"sha256:602a7154d041af35078bfb6bd20fb89cea7e3c1494e5560c9207ea4dc97fcb8a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateClusterRestoreJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateClusterRestoreJobInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createClusterRestoreJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateClusterRestoreJobSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreJob"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"targetName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateClusterRestoreJobMutation, CreateClusterRestoreJobMutationVariables>;
export const CreateExportJobDocument = {"__meta__":{"hash":"sha256:be9a19140395289dc93560a8a431caa73bd4bd1375bd89df64bd338ea6209495"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateExportJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateExportJobInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createExportJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateExportJobSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportJob"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"exportBucketId"}},{"kind":"Field","name":{"kind":"Name","value":"snapshot"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"exportJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateExportJobMutation, CreateExportJobMutationVariables>;
export const CreateFlexRestoreJobDocument = {"__meta__":{"hash":"sha256:4a98dde786ba832da0d21f5884a13273794d1c3b04992a429d3ed9420b0eb137"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateFlexRestoreJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateFlexRestoreJobInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFlexRestoreJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateFlexRestoreJobSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreJob"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"targetName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"flexCluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"restoreJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}}]}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateFlexRestoreJobMutation, CreateFlexRestoreJobMutationVariables>;
export const CreatePipelineDocument = {"__meta__":{"hash":"sha256:f34c49d450f3f4e2a3fdaa0d19eb01e24ffed2edb09354fd75f962d7b206c8dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePipeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePipelineInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPipeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePipelineSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"databaseName"}},{"kind":"Field","name":{"kind":"Name","value":"collectionName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasetRetentionPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreatePipelineMutation, CreatePipelineMutationVariables>;
export const CreateServerlessRestoreJobDocument = {"__meta__":{"hash":"sha256:3e45395a16924739a52fc15e2d4ce7934cc16bd56ad1134332bb5c3e38005a62"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateServerlessRestoreJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateServerlessRestoreJobInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createServerlessRestoreJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateServerlessRestoreJobSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreJob"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"targetName"}},{"kind":"Field","name":{"kind":"Name","value":"targetProjectId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serverlessInstance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateServerlessRestoreJobMutation, CreateServerlessRestoreJobMutationVariables>;
export const DeletePipelineDocument = {"__meta__":{"hash":"sha256:598976e341f5861c55624e0e31b67655795046a35419f5638f89455163273030"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePipeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineActionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePipeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeletePipelineSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedPipelineId"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DeletePipelineMutation, DeletePipelineMutationVariables>;
export const DeletePipelineRunDatasetDocument = {"__meta__":{"hash":"sha256:545156ec9694aaad17ff2a5edd2fc5b4eacf8e50036fd75091e0cde70094a4e5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePipelineRunDataset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeletePipelineRunDatasetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePipelineRunDataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeletePipelineRunDatasetSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"datasetName"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DeletePipelineRunDatasetMutation, DeletePipelineRunDatasetMutationVariables>;
export const ExportJobUpdatedDocument = {"__meta__":{"hash":"sha256:455674ce077a663b000146b88b554f42a017ace81828667b8e72ab3528dadd70"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ExportJobUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportJobUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"exportStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportedCollections"}},{"kind":"Field","name":{"kind":"Name","value":"totalCollections"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stateReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]} as unknown as DocumentNode<ExportJobUpdatedSubscription, ExportJobUpdatedSubscriptionVariables>;
export const ExportJobsDocument = {"__meta__":{"hash":"sha256:0d07b91e9e53f149201dfdff2252066f72ed4297d7e4e981399512c626c26637"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportJobs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectId"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clusterName"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"exportJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"exportBucketId"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"customData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"components"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportId"}},{"kind":"Field","name":{"kind":"Name","value":"replicaSetName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exportStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportedCollections"}},{"kind":"Field","name":{"kind":"Name","value":"totalCollections"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stateReason"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExportJobsQuery, ExportJobsQueryVariables>;
export const NodeDocument = {"__meta__":{"hash":"sha256:37f42a20f392c753eb097677c12a93440173afc9b7f7a95192bc89b6f1d3d88d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Node"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Pipeline"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","alias":{"kind":"Name","value":"pipelineState"},"name":{"kind":"Name","value":"state"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","alias":{"kind":"Name","value":"runState"},"name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExportJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","alias":{"kind":"Name","value":"exportState"},"name":{"kind":"Name","value":"state"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<NodeQuery, NodeQueryVariables>;
export const PausePipelineDocument = {"__meta__":{"hash":"sha256:f4fd91b298f84e3958cc22269d2e86ec0e0274cba68cf1cf703c773d566a1565"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PausePipeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineActionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pausePipeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PausePipelineSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PausePipelineMutation, PausePipelineMutationVariables>;
export const PipelineRunUpdatedDocument = {"__meta__":{"hash":"sha256:dd705e8e869e275190eb6eb704f37eba040074b1b4c5e8f6a4a27613820de37c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PipelineRunUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelineRunUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bytesExported"}},{"kind":"Field","name":{"kind":"Name","value":"numDocs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdatedDate"}}]}}]}}]} as unknown as DocumentNode<PipelineRunUpdatedSubscription, PipelineRunUpdatedSubscriptionVariables>;
export const PipelineRunsDocument = {"__meta__":{"hash":"sha256:5e0d145a860baec404919b44c6f63fbf87ca93de08a629f04c19a43d7a0c7ca6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PipelineRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectId"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pipelineName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"createdBefore"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pipelineName"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"createdDate"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdatedDate"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"databaseName"}},{"kind":"Field","name":{"kind":"Name","value":"collectionName"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodicCpsSnapshotSource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"policyItemId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sink"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"metadataProvider"}},{"kind":"Field","name":{"kind":"Name","value":"metadataRegion"}},{"kind":"Field","name":{"kind":"Name","value":"partitionFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldName"}},{"kind":"Field","name":{"kind":"Name","value":"order"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"transformations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"datasetRetentionPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"createdBefore"},"value":{"kind":"Variable","name":{"kind":"Name","value":"createdBefore"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"backupFrequencyType"}},{"kind":"Field","name":{"kind":"Name","value":"datasetName"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"createdDate"}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdatedDate"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledDeletionDate"}},{"kind":"Field","name":{"kind":"Name","value":"datasetRetentionPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"lastModifiedDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bytesExported"}},{"kind":"Field","name":{"kind":"Name","value":"numDocs"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PipelineRunsQuery, PipelineRunsQueryVariables>;
export const ProjectClustersDocument = {"__meta__":{"hash":"sha256:7212853a9fbf3b98c5923f3584ae5fb65622cb85e11de77eef361365fdc3b999"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectClusters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectId"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clusterCount"}},{"kind":"Field","name":{"kind":"Name","value":"clusters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"clusterType"}},{"kind":"Field","name":{"kind":"Name","value":"mongoDBVersion"}},{"kind":"Field","name":{"kind":"Name","value":"backupEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"pitEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"connectionStrings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"standardSrv"}}]}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providerName"}},{"kind":"Field","name":{"kind":"Name","value":"regionName"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"instanceSize"}},{"kind":"Field","name":{"kind":"Name","value":"electableNodeCount"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"flexClusters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"backupEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"providerSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backingProviderName"}},{"kind":"Field","name":{"kind":"Name","value":"regionName"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectClustersQuery, ProjectClustersQueryVariables>;
export const ProjectDashboardDocument = {"__meta__":{"hash":"sha256:ad17ba730c17df29d3b0541b9e04e02468db3ef0d3baadf7f365d14d0c6d791b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectId"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pipelines"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runs"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"pipelines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pipelines"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"clusterName"}},{"kind":"Field","name":{"kind":"Name","value":"databaseName"}},{"kind":"Field","name":{"kind":"Name","value":"collectionName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"createdDate"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bytesExported"}},{"kind":"Field","name":{"kind":"Name","value":"numDocs"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectDashboardQuery, ProjectDashboardQueryVariables>;
export const RestoreJobUpdatedDocument = {"__meta__":{"hash":"sha256:c53c6e485a82da5335e7ef46b5708118f5ec929ffc90d6b6d5913ed5764b3ff4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RestoreJobUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreJobUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"targetName"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<RestoreJobUpdatedSubscription, RestoreJobUpdatedSubscriptionVariables>;
export const RestoreJobsDocument = {"__meta__":{"hash":"sha256:1f6c9ddf038d06c4538f1e59f7339aa72d3631e29a0ba526b486a55808c5b44f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RestoreJobs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectId"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"flexClusterName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"serverlessName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flexCluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"flexClusterName"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"restoreJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RestoreJobFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"serverlessInstance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"serverlessName"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"restoreJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RestoreJobFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RestoreJobFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"targetProjectId"}},{"kind":"Field","name":{"kind":"Name","value":"targetName"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlexRestoreJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upstreamStatus"}},{"kind":"Field","alias":{"kind":"Name","value":"flexDeliveryType"},"name":{"kind":"Name","value":"upstreamDeliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"restoreScheduledDate"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotFinishedDate"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotUrl"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServerlessRestoreJob"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"serverlessDeliveryType"},"name":{"kind":"Name","value":"upstreamDeliveryType"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"expired"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryUrl"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"desiredTimestamp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"increment"}}]}}]}}]}}]} as unknown as DocumentNode<RestoreJobsQuery, RestoreJobsQueryVariables>;
export const ResumePipelineDocument = {"__meta__":{"hash":"sha256:e830eb5d6de8e4033905a01047a3a4af28b1e67f1ef76ff7465a4241bbb1e60b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumePipeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PipelineActionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumePipeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResumePipelineSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ResumePipelineMutation, ResumePipelineMutationVariables>;
export const TriggerPipelineRunDocument = {"__meta__":{"hash":"sha256:b9dd6ef49808ffd7fe640fd020d7d1cf96d1c2aa67598679721aba742b2cef6e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TriggerPipelineRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TriggerPipelineRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"triggerPipelineRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TriggerPipelineRunSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"atlasId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"createdDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TriggerPipelineRunMutation, TriggerPipelineRunMutationVariables>;
export const UpdatePipelineDocument = {"__meta__":{"hash":"sha256:082e12e556929c93edeac5005ea2eae71ff0fc8e11a088e3ceab475a9bc5dcf3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePipeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePipelineInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePipeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePipelineSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"datasetRetentionPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"lastModifiedDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastUpdatedDate"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MutationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"atlas"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdatePipelineMutation, UpdatePipelineMutationVariables>;