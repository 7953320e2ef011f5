import type { Collection } from './collection.ts';
import { ATLAS_2023_01_01 } from './media-types.ts';
import { groupPath, idSegment, isObjectId, pathSegment } from './paths.ts';
import type { AtlasRequest } from './request.ts';

export interface AtlasDatasetRetentionPolicy {
  units?: string;
  value?: number;
  lastModifiedDate?: string;
}

export interface AtlasPipeline {
  _id?: string;
  name?: string;
  groupId?: string;
  state?: string;
  createdDate?: string;
  lastUpdatedDate?: string;
  source?: Record<string, unknown> & { type?: string };
  sink?: Record<string, unknown> & { type?: string };
  transformations?: { field?: string; type?: string }[];
  datasetRetentionPolicy?: AtlasDatasetRetentionPolicy;
}

/** A backup policy item of the pipeline's source cluster: a schedule a periodic pipeline can follow. */
export interface AtlasPolicyItem {
  id?: string;
  frequencyInterval?: number;
  frequencyType?: string;
  retentionUnit?: string;
  retentionValue?: number;
}

export interface AtlasPipelineRun {
  _id?: string;
  pipelineId?: string;
  groupId?: string;
  snapshotId?: string;
  datasetName?: string;
  state?: string;
  phase?: string;
  backupFrequencyType?: string;
  createdDate?: string;
  lastUpdatedDate?: string;
  scheduledDeletionDate?: string;
  datasetRetentionPolicy?: AtlasDatasetRetentionPolicy;
  stats?: { bytesExported?: number; numDocs?: number };
}

/** Data Lake Pipelines have no successor route: Atlas retired them. */
export const PIPELINES_SUNSET = '2025-09-30';
export const pipelinesPath = (groupId: string) => `${groupPath(groupId)}/pipelines`;
export const pipelinePath = (groupId: string, name: string) =>
  `${pipelinesPath(groupId)}/${pathSegment(name)}`;
const runPath = (groupId: string, name: string, runId: string) =>
  `${pipelinePath(groupId, name)}/runs/${idSegment(runId)}`;

export const listPipelines = (groupId: string): AtlasRequest => ({
  operation: 'listGroupPipelines',
  method: 'GET',
  path: pipelinesPath(groupId),
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
});

export const getPipeline = (groupId: string, name: string): AtlasRequest => ({
  operation: 'getGroupPipeline',
  method: 'GET',
  path: pipelinePath(groupId, name),
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
});

export const getPipelineRun = (groupId: string, name: string, runId: string): AtlasRequest => ({
  operation: 'getGroupPipelineRun',
  method: 'GET',
  path: runPath(groupId, name, runId),
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
});

export const pipelineRuns = (
  groupId: string,
  name: string,
  createdBefore: Date | undefined,
): Collection => ({
  operation: 'listGroupPipelineRuns',
  groupId,
  path: `${pipelinePath(groupId, name)}/runs`,
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
  filters: createdBefore ? { createdBefore: createdBefore.toISOString() } : {},
  itemRequest: (run) => (isObjectId(run._id) ? getPipelineRun(groupId, name, run._id) : undefined),
});

export interface TriggerBody {
  snapshotId: string;
  datasetRetentionPolicy?: { units: string; value: number };
}

export const triggerPipeline = (
  groupId: string,
  name: string,
  body: TriggerBody,
): AtlasRequest => ({
  operation: 'triggerGroupPipeline',
  method: 'POST',
  path: `${pipelinePath(groupId, name)}/trigger`,
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
  body,
});

/** The writable fields of a pipeline (source `groupId` and sink `type` are read-only upstream). */
export interface PipelineBody {
  name?: string;
  source?: {
    type: string;
    clusterName: string;
    databaseName: string;
    collectionName: string;
    policyItemId?: string;
  };
  sink?: {
    metadataProvider?: string;
    metadataRegion?: string;
    partitionFields?: { fieldName: string; order: number }[];
  };
  transformations?: { field?: string; type?: string }[];
  datasetRetentionPolicy?: { units: string; value: number };
}

export const createPipeline = (groupId: string, body: PipelineBody): AtlasRequest => ({
  operation: 'createGroupPipeline',
  method: 'POST',
  path: pipelinesPath(groupId),
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
  body,
});

/** PATCH: Atlas replaces each field the body holds and keeps the others. */
export const updatePipeline = (
  groupId: string,
  name: string,
  body: PipelineBody,
): AtlasRequest => ({
  operation: 'updateGroupPipeline',
  method: 'PATCH',
  path: pipelinePath(groupId, name),
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
  body,
});

export const deletePipeline = (groupId: string, name: string): AtlasRequest => ({
  operation: 'deleteGroupPipeline',
  method: 'DELETE',
  path: pipelinePath(groupId, name),
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
});

export const pausePipeline = (groupId: string, name: string): AtlasRequest => ({
  operation: 'pauseGroupPipeline',
  method: 'POST',
  path: `${pipelinePath(groupId, name)}/pause`,
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
});

export const resumePipeline = (groupId: string, name: string): AtlasRequest => ({
  operation: 'resumeGroupPipeline',
  method: 'POST',
  path: `${pipelinePath(groupId, name)}/resume`,
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
});

/** Atlas answers 202: the dataset is removed later, and the run then reads DATASET_DELETED. */
export const deletePipelineRunDataset = (
  groupId: string,
  name: string,
  runId: string,
): AtlasRequest => ({
  operation: 'deleteGroupPipelineRun',
  method: 'DELETE',
  path: runPath(groupId, name, runId),
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
});

/** A plain array, unpaged. */
export const pipelineAvailableSchedules = (groupId: string, name: string): AtlasRequest => ({
  operation: 'getGroupPipelineAvailableSchedules',
  method: 'GET',
  path: `${pipelinePath(groupId, name)}/availableSchedules`,
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
});

/**
 * Snapshots a run of this pipeline can ingest. Items are the DiskBackupSnapshot union (a sharded
 * cluster's carry `members`), not the replica-set shape of the by-id route, so they prime no lookup.
 */
export const pipelineAvailableSnapshots = (
  groupId: string,
  name: string,
  completedAfter: Date | undefined,
): Collection => ({
  operation: 'getGroupPipelineAvailableSnapshots',
  groupId,
  path: `${pipelinePath(groupId, name)}/availableSnapshots`,
  accept: ATLAS_2023_01_01,
  sunset: PIPELINES_SUNSET,
  filters: completedAfter ? { completedAfter: completedAfter.toISOString() } : {},
});
