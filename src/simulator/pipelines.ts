/**
 * Data Lake Pipelines (deprecated upstream, sunset 2025-09-30): the pipeline resource, its pause and
 * resume actions and the schedules and snapshots a run can use. Runs live in pipeline-runs.ts.
 *
 * Rules beyond the schema (documented choices):
 * - create needs `name` and `source`; a source needs clusterName, databaseName and collectionName, and a
 *   PERIODIC_CPS source also a policyItemId of that cluster's backup policy (400 otherwise);
 * - the source cluster must exist (404 CLUSTER_NOT_FOUND);
 * - a name already taken is 400 on create (the contract lists no 409 there) and 409 on a rename;
 * - `sink.type` is read-only in the contract, so clients omit it and the sink is always DLS;
 * - pause and resume are idempotent; delete answers 200 `{}` and removes the runs too.
 */
import { badRequest, conflict } from './errors.ts';
import { V2023_01_01 } from './media.ts';
import {
  entity,
  GROUP_PREFIX,
  isoDate,
  type Operation,
  type OperationContext,
  pathParam,
  projectInContext,
} from './operation.ts';
import { paginate } from './pagination.ts';
import { dateTimeParam } from './query.ts';
import { renderDiskBackupSnapshot, snapshotAt } from './snapshots.ts';
import {
  type DatasetRetentionPolicy,
  findPipeline,
  newestFirst,
  type Pipeline,
  type PipelineSink,
  type PipelineSource,
  type Project,
  requireCluster,
  requirePipeline,
} from './store.ts';
import {
  type Field,
  invalidField,
  OBJECT_ID,
  type ObjectRule,
  PIPELINE_NAME,
  readOnlyFields,
  validateBody,
} from './validation.ts';

const PIPELINES = `${GROUP_PREFIX}/pipelines`;
const PIPELINE = `${PIPELINES}/{pipelineName}`;

export const RETENTION_POLICY_RULE: ObjectRule = {
  type: 'object',
  fields: {
    units: { rule: { type: 'string', enum: ['DAYS', 'WEEKS', 'MONTHS'] }, required: true },
    value: { rule: { type: 'integer', minimum: 1 }, required: true },
    ...readOnlyFields('lastModifiedDate'),
  },
};

const TEXT: Field = { rule: { type: 'string' } };
const REQUIRED_TEXT: Field = { rule: { type: 'string', minLength: 1 }, required: true };
const SOURCE_FIELDS: Record<string, Field> = {
  type: { rule: { type: 'string', enum: ['PERIODIC_CPS', 'ON_DEMAND_CPS'] } },
  clusterName: REQUIRED_TEXT,
  databaseName: REQUIRED_TEXT,
  collectionName: REQUIRED_TEXT,
  ...readOnlyFields('groupId'),
};

function pipelineBodyRule(creating: boolean): ObjectRule {
  return {
    type: 'object',
    fields: {
      ...readOnlyFields('_id', 'groupId', 'createdDate', 'lastUpdatedDate', 'state'),
      name: { rule: { type: 'string', pattern: PIPELINE_NAME }, required: creating },
      source: {
        required: creating,
        rule: {
          type: 'discriminated',
          property: 'type',
          variants: {
            PERIODIC_CPS: {
              type: 'object',
              fields: {
                ...SOURCE_FIELDS,
                policyItemId: { rule: { type: 'string', pattern: OBJECT_ID }, required: true },
              },
            },
            ON_DEMAND_CPS: { type: 'object', fields: SOURCE_FIELDS },
          },
        },
      },
      sink: {
        rule: {
          type: 'object',
          fields: {
            ...readOnlyFields('type'),
            metadataProvider: { rule: { type: 'string', enum: ['AWS'] } },
            metadataRegion: TEXT,
            partitionFields: {
              rule: {
                type: 'array',
                items: {
                  type: 'object',
                  fields: {
                    fieldName: { rule: { type: 'string', maxLength: 700 }, required: true },
                    order: { rule: { type: 'integer' }, required: true },
                  },
                },
              },
            },
          },
        },
      },
      transformations: {
        rule: {
          type: 'array',
          items: {
            type: 'object',
            fields: { field: TEXT, type: { rule: { type: 'string', enum: ['EXCLUDE'] } } },
          },
        },
      },
      datasetRetentionPolicy: { rule: RETENTION_POLICY_RULE },
    },
  };
}

const CREATE_RULE = pipelineBodyRule(true);
const UPDATE_RULE = pipelineBodyRule(false);

/** What the create and update bodies may hold, once validated. */
interface PipelineBody {
  name?: string;
  source?: PipelineSource;
  sink?: Partial<PipelineSink>;
  transformations?: Pipeline['transformations'];
  datasetRetentionPolicy?: { units: DatasetRetentionPolicy['units']; value: number };
}

export function renderRetentionPolicy(policy: DatasetRetentionPolicy | undefined) {
  if (!policy) return undefined;
  const rendered: { units: string; value: number; lastModifiedDate?: string } = {
    units: policy.units,
    value: policy.value,
  };
  if (policy.lastModifiedDate !== undefined)
    rendered.lastModifiedDate = isoDate(policy.lastModifiedDate);
  return rendered;
}

function renderPipeline(project: Project, pipeline: Pipeline) {
  return {
    _id: pipeline.id,
    groupId: project.id,
    name: pipeline.name,
    createdDate: isoDate(pipeline.createdAt),
    lastUpdatedDate: isoDate(pipeline.lastUpdatedAt),
    state: pipeline.state,
    source: { ...pipeline.source, groupId: project.id },
    sink: { type: 'DLS', ...pipeline.sink },
    transformations: pipeline.transformations,
    datasetRetentionPolicy: renderRetentionPolicy(pipeline.datasetRetentionPolicy),
  };
}

export function pipelineInContext(context: OperationContext): {
  project: Project;
  pipeline: Pipeline;
} {
  const project = projectInContext(context);
  return { project, pipeline: requirePipeline(project, pathParam(context, 'pipelineName')) };
}

function checkSource(project: Project, source: PipelineSource): void {
  const cluster = requireCluster(project, source.clusterName);
  if (
    source.type === 'PERIODIC_CPS' &&
    !cluster.policyItems.some((item) => item.id === source.policyItemId)
  ) {
    throw invalidField(
      'INVALID_ATTRIBUTE',
      'source.policyItemId',
      `is not a backup policy item of cluster ${cluster.name}.`,
    );
  }
}

function retentionFrom(
  body: PipelineBody['datasetRetentionPolicy'],
  now: number,
): DatasetRetentionPolicy | undefined {
  return body && { units: body.units, value: body.value, lastModifiedDate: now };
}

function createPipeline(context: OperationContext) {
  const project = projectInContext(context);
  validateBody(context.body, CREATE_RULE);
  const body = context.body as PipelineBody & { name: string; source: PipelineSource };
  if (findPipeline(project, body.name)) {
    throw badRequest(
      'DATA_LAKE_PIPELINE_ALREADY_EXISTS',
      `A Data Lake pipeline named ${body.name} already exists in group ${project.id}.`,
    );
  }
  checkSource(project, body.source);
  const pipeline: Pipeline = {
    id: context.world.ids.next(context.now),
    name: body.name,
    createdAt: context.now,
    lastUpdatedAt: context.now,
    state: 'ACTIVE',
    source: body.source,
    sink: {
      metadataProvider: 'AWS',
      metadataRegion: 'US_EAST_1',
      partitionFields: [],
      ...body.sink,
    },
    transformations: body.transformations ?? [],
    datasetRetentionPolicy: retentionFrom(body.datasetRetentionPolicy, context.now),
    runs: [],
  };
  project.pipelines.push(pipeline);
  return entity(renderPipeline(project, pipeline));
}

/** PATCH: each field present replaces the stored one wholesale. */
function updatePipeline(context: OperationContext) {
  const { project, pipeline } = pipelineInContext(context);
  validateBody(context.body, UPDATE_RULE);
  const body = context.body as PipelineBody;
  if (body.name !== undefined && body.name !== pipeline.name && findPipeline(project, body.name)) {
    throw conflict(
      'DATA_LAKE_PIPELINE_ALREADY_EXISTS',
      `A Data Lake pipeline named ${body.name} already exists in group ${project.id}.`,
      body.name,
    );
  }
  if (body.source) checkSource(project, body.source);
  if (body.name !== undefined) pipeline.name = body.name;
  if (body.source) pipeline.source = body.source;
  if (body.sink) pipeline.sink = { partitionFields: [], ...body.sink };
  if (body.transformations) pipeline.transformations = body.transformations;
  if (body.datasetRetentionPolicy)
    pipeline.datasetRetentionPolicy = retentionFrom(body.datasetRetentionPolicy, context.now);
  pipeline.lastUpdatedAt = context.now;
  return entity(renderPipeline(project, pipeline));
}

function setPipelineState(state: Pipeline['state']) {
  return (context: OperationContext) => {
    const { project, pipeline } = pipelineInContext(context);
    if (pipeline.state !== state) {
      pipeline.state = state;
      pipeline.lastUpdatedAt = context.now;
    }
    return entity(renderPipeline(project, pipeline));
  };
}

const common = { mediaTypes: [V2023_01_01], family: 'pipelines' } as const;

export const pipelineOperations: Operation[] = [
  {
    ...common,
    operationId: 'listGroupPipelines',
    method: 'GET',
    path: PIPELINES,
    handle: (context) => {
      const project = projectInContext(context);
      return {
        kind: 'array',
        body: project.pipelines.map((pipeline) => renderPipeline(project, pipeline)),
      };
    },
  },
  {
    ...common,
    operationId: 'createGroupPipeline',
    method: 'POST',
    path: PIPELINES,
    takesBody: true,
    handle: createPipeline,
  },
  {
    ...common,
    operationId: 'getGroupPipeline',
    method: 'GET',
    path: PIPELINE,
    handle: (context) => {
      const { project, pipeline } = pipelineInContext(context);
      return entity(renderPipeline(project, pipeline));
    },
  },
  {
    ...common,
    operationId: 'updateGroupPipeline',
    method: 'PATCH',
    path: PIPELINE,
    takesBody: true,
    handle: updatePipeline,
  },
  {
    ...common,
    operationId: 'deleteGroupPipeline',
    method: 'DELETE',
    path: PIPELINE,
    handle: (context) => {
      const { project, pipeline } = pipelineInContext(context);
      project.pipelines = project.pipelines.filter((candidate) => candidate !== pipeline);
      return entity({});
    },
  },
  {
    ...common,
    operationId: 'pauseGroupPipeline',
    method: 'POST',
    path: `${PIPELINE}/pause`,
    handle: setPipelineState('PAUSED'),
  },
  {
    ...common,
    operationId: 'resumeGroupPipeline',
    method: 'POST',
    path: `${PIPELINE}/resume`,
    handle: setPipelineState('ACTIVE'),
  },
  {
    ...common,
    operationId: 'getGroupPipelineAvailableSchedules',
    method: 'GET',
    path: `${PIPELINE}/availableSchedules`,
    handle: (context) => {
      const { project, pipeline } = pipelineInContext(context);
      return {
        kind: 'array',
        body: requireCluster(project, pipeline.source.clusterName).policyItems,
      };
    },
  },
  {
    ...common,
    operationId: 'getGroupPipelineAvailableSnapshots',
    method: 'GET',
    path: `${PIPELINE}/availableSnapshots`,
    handle: (context) => {
      const { project, pipeline } = pipelineInContext(context);
      const completedAfter = dateTimeParam(context.query, 'completedAfter');
      const cluster = requireCluster(project, pipeline.source.clusterName);
      const snapshots = availableSnapshots(project, pipeline, context.now).filter(
        (snapshot) => completedAfter === undefined || snapshot.createdAt > completedAfter,
      );
      return paginate(
        context,
        newestFirst(snapshots, (snapshot) => snapshot.createdAt),
        (snapshot) => renderDiskBackupSnapshot(context, project, cluster, snapshot),
      );
    },
  },
];

/** The completed snapshots of the pipeline's source cluster: what a run can ingest. */
export function availableSnapshots(project: Project, pipeline: Pipeline, now: number) {
  return requireCluster(project, pipeline.source.clusterName).snapshots.filter(
    (snapshot) => snapshotAt(snapshot, now).status === 'completed',
  );
}
