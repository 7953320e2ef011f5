import { pathSegment, type AtlasRequest } from './client.ts';
import { groupPath, type Collection } from './collection.ts';
import { ATLAS_2023_01_01 } from './media-types.ts';

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

/** Data Lake Pipelines have no successor route: Atlas retired them (sunset 2025-09-30). */
const pipelinesPath = (groupId: string) => `${groupPath(groupId)}/pipelines`;
const pipelinePath = (groupId: string, name: string) => `${pipelinesPath(groupId)}/${pathSegment(name)}`;
const runPath = (groupId: string, name: string, runId: string) => `${pipelinePath(groupId, name)}/runs/${runId}`;

export const listPipelines = (groupId: string): AtlasRequest => ({
  operation: 'listGroupPipelines',
  method: 'GET',
  path: pipelinesPath(groupId),
  accept: ATLAS_2023_01_01,
});

export const getPipeline = (groupId: string, name: string): AtlasRequest => ({
  operation: 'getGroupPipeline',
  method: 'GET',
  path: pipelinePath(groupId, name),
  accept: ATLAS_2023_01_01,
});

export const getPipelineRun = (groupId: string, name: string, runId: string): AtlasRequest => ({
  operation: 'getGroupPipelineRun',
  method: 'GET',
  path: runPath(groupId, name, runId),
  accept: ATLAS_2023_01_01,
});

export const pipelineRuns = (groupId: string, name: string, createdBefore: Date | undefined): Collection => ({
  operation: 'listGroupPipelineRuns',
  groupId,
  path: `${pipelinePath(groupId, name)}/runs`,
  accept: ATLAS_2023_01_01,
  filters: createdBefore ? { createdBefore: createdBefore.toISOString() } : {},
  itemRequest: (run) => (typeof run._id === 'string' ? getPipelineRun(groupId, name, run._id) : undefined),
});

export interface TriggerBody {
  snapshotId: string;
  datasetRetentionPolicy?: { units: string; value: number };
}

export const triggerPipeline = (groupId: string, name: string, body: TriggerBody): AtlasRequest => ({
  operation: 'triggerGroupPipeline',
  method: 'POST',
  path: `${pipelinePath(groupId, name)}/trigger`,
  accept: ATLAS_2023_01_01,
  body,
});
