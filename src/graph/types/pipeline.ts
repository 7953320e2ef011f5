import {
  createPipeline,
  deletePipeline,
  getPipeline,
  listPipelines,
  pausePipeline,
  pipelineAvailableSchedules,
  pipelineAvailableSnapshots,
  pipelinePath,
  pipelineRuns,
  resumePipeline,
  updatePipeline,
  type AtlasPipeline,
  type AtlasPipelineRun,
  type AtlasPolicyItem,
  type PipelineBody,
} from '../../atlas/pipelines.ts';
import type { AtlasClusterSnapshot } from '../../atlas/snapshots.ts';
import { UpstreamError } from '../../atlas/errors.ts';
import { builder } from '../builder.ts';
import { encodeGlobalId } from '../relay/global-id.ts';
import {
  atLeastCheck,
  checkInput,
  clusterNameCheck,
  givenFields,
  pipelineNameCheck,
  type InputCheck,
} from '../mutations/input-checks.ts';
import { mutationErrors } from '../mutations/mutation-errors.ts';
import { mutate, pathAndBelow, type MutationEffects } from '../mutations/mutation-effects.ts';
import { PolicyItemRef } from './policy-item.ts';
import { ClusterSnapshotConnection } from './snapshot.ts';
import { connectionArgs, connectionType, resolveConnection } from '../relay/connection.ts';
import { collectionSource } from '../relay/connection-sources.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import {
  DatasetRetentionPolicyInput,
  DatasetRetentionPolicyRef,
} from './dataset-retention-policy.ts';
import { PipelineRunConnection, PipelineRunRef, loadRun, runShape } from './pipeline-run.ts';
import { PIPELINES_DEPRECATION } from '../lib/deprecations.ts';
import { ProjectRef } from './project.ts';
import { projectShape, type PipelineShape } from './shapes.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

export const pipelineShape = (groupId: string, raw: AtlasPipeline): PipelineShape => {
  if (typeof raw.name !== 'string')
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Atlas returned a pipeline without a name.');
  return { kind: 'Pipeline', groupId, name: raw.name, raw };
};

const PipelineState = upstreamEnum(
  'PipelineState',
  ['ACTIVE', 'PAUSED'],
  'Whether a pipeline ingests its scheduled snapshots.',
);
const IngestionSourceType = upstreamEnum(
  'IngestionSourceType',
  ['PERIODIC_CPS', 'ON_DEMAND_CPS'],
  'Where a pipeline takes its snapshots from.',
);
const IngestionSinkType = upstreamEnum(
  'IngestionSinkType',
  ['DLS'],
  'Where a pipeline writes: DLS is Atlas Data Lake Storage.',
);
const DlsMetadataProvider = upstreamEnum(
  'DlsIngestionSinkMetadataProvider',
  ['AWS'],
  'Cloud provider holding the sink metadata.',
);
const FieldTransformationType = upstreamEnum(
  'FieldTransformationType',
  ['EXCLUDE'],
  'What a transformation does to its field.',
);

type Source = NonNullable<AtlasPipeline['source']>;
type Sink = NonNullable<AtlasPipeline['sink']>;
const text = (value: unknown) => (typeof value === 'string' ? value : null);

const IngestionSourceRef = builder.interfaceRef<Source>('IngestionSource').implement({
  description: 'The snapshots a pipeline ingests.',
  resolveType: (source) =>
    source.type === 'PERIODIC_CPS' ? 'PeriodicCpsSnapshotSource' : 'OnDemandCpsSnapshotSource',
  fields: (t) => ({
    type: t.field({
      type: IngestionSourceType.ref,
      resolve: (s, _, c) => IngestionSourceType.known(s.type, c),
    }),
    clusterName: t.string({ resolve: (s) => text(s.clusterName) }),
    databaseName: t.string({ resolve: (s) => text(s.databaseName) }),
    collectionName: t.string({ resolve: (s) => text(s.collectionName) }),
    projectId: t.field({
      type: 'ObjectId',
      description: 'Atlas `groupId` of the source cluster.',
      resolve: (s) => text(s.groupId),
    }),
  }),
});

builder.objectRef<Source>('PeriodicCpsSnapshotSource').implement({
  description: 'Scheduled Cloud Backup snapshots of a cluster, per one backup policy item.',
  interfaces: [IngestionSourceRef],
  fields: (t) => ({
    policyItemId: t.field({ type: 'ObjectId', resolve: (s) => text(s.policyItemId) }),
  }),
});

builder.objectRef<Source>('OnDemandCpsSnapshotSource').implement({
  description: 'On-demand Cloud Backup snapshots of a cluster, ingested by `triggerPipelineRun`.',
  interfaces: [IngestionSourceRef],
  fields: () => ({}),
});

const PartitionFieldRef = builder
  .objectRef<{ fieldName?: string; order?: number }>('PartitionField')
  .implement({
    fields: (t) => ({
      fieldName: t.string({ nullable: false, resolve: (f) => f.fieldName ?? '' }),
      order: t.int({ nullable: false, resolve: (f) => f.order ?? 0 }),
    }),
  });

const DlsIngestionSinkRef = builder.objectRef<Sink>('DlsIngestionSink').implement({
  description: 'Atlas Data Lake Storage, where a pipeline writes its datasets.',
  fields: (t) => ({
    type: t.field({
      type: IngestionSinkType.ref,
      resolve: (s, _, c) => IngestionSinkType.known(s.type, c),
    }),
    metadataProvider: t.field({
      type: DlsMetadataProvider.ref,
      resolve: (s, _, c) => DlsMetadataProvider.known(s.metadataProvider, c),
    }),
    metadataRegion: t.string({ resolve: (s) => text(s.metadataRegion) }),
    partitionFields: t.field({
      type: [PartitionFieldRef],
      nullable: { list: true, items: false },
      resolve: (s) => (Array.isArray(s.partitionFields) ? s.partitionFields : null),
    }),
  }),
});

const FieldTransformationRef = builder
  .objectRef<{ field?: string; type?: string }>('FieldTransformation')
  .implement({
    fields: (t) => ({
      field: t.string({ resolve: (f) => f.field ?? null }),
      type: t.field({
        type: FieldTransformationType.ref,
        resolve: (f, _, c) => FieldTransformationType.known(f.type, c),
      }),
    }),
  });

export const PipelineRef = builder.objectRef<PipelineShape>('Pipeline');

PipelineRef.implement({
  description: `An Atlas Data Lake Pipeline. Its global ID holds its name: renaming a pipeline changes the IDs of the pipeline and its runs. ${PIPELINES_DEPRECATION}`,
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as PipelineShape).kind === 'Pipeline',
  fields: (t) => ({
    atlasId: t.field({
      type: 'ObjectId',
      nullable: false,
      resolve: (p) => {
        if (!p.raw._id)
          throw new UpstreamError(
            'UPSTREAM_BAD_RESPONSE',
            'Atlas returned a pipeline without an id.',
          );
        return p.raw._id;
      },
    }),
    name: t.string({ nullable: false, resolve: (p) => p.name }),
    state: t.field({
      type: PipelineState.ref,
      resolve: (p, _, c) => PipelineState.known(p.raw.state, c),
    }),
    createdDate: t.field({ type: 'DateTime', resolve: (p) => p.raw.createdDate ?? null }),
    lastUpdatedDate: t.field({ type: 'DateTime', resolve: (p) => p.raw.lastUpdatedDate ?? null }),
    source: t.field({ type: IngestionSourceRef, resolve: (p) => p.raw.source ?? null }),
    sink: t.field({ type: DlsIngestionSinkRef, resolve: (p) => p.raw.sink ?? null }),
    transformations: t.field({
      type: [FieldTransformationRef],
      nullable: { list: true, items: false },
      resolve: (p) => p.raw.transformations ?? null,
    }),
    datasetRetentionPolicy: t.field({
      type: DatasetRetentionPolicyRef,
      resolve: (p) => p.raw.datasetRetentionPolicy ?? null,
    }),
    runs: t.field({
      type: PipelineRunConnection,
      nullable: false,
      description: 'Runs of this pipeline, newest first.',
      args: {
        ...connectionArgs(t.arg),
        createdBefore: t.arg({
          type: 'DateTime',
          description: 'Only runs created before this instant.',
        }),
      },
      resolve: (pipeline, args, context, info) => {
        const collection = pipelineRuns(
          pipeline.groupId,
          pipeline.name,
          args.createdBefore ?? undefined,
        );
        return resolveConnection(
          args,
          info,
          collectionSource<AtlasPipelineRun>(collection, context),
          (raw) => runShape(pipeline.groupId, pipeline.name, raw),
        );
      },
    }),
    run: t.field({
      type: PipelineRunRef,
      description: 'One run by its Atlas id; null when it does not exist.',
      args: { id: t.arg({ type: 'ObjectId', required: true }) },
      resolve: (pipeline, { id }, context) => loadRun(context, pipeline.groupId, pipeline.name, id),
    }),
    availableSchedules: t.field({
      type: [PolicyItemRef],
      nullable: false,
      description:
        'The backup policy items of the source cluster: the schedules a periodic source can name (`policyItemId`).',
      resolve: async (pipeline, _, context) => {
        const items = await context.loaders.requests.load<unknown>(
          pipelineAvailableSchedules(pipeline.groupId, pipeline.name),
        );
        if (!Array.isArray(items)) {
          throw new UpstreamError(
            'UPSTREAM_BAD_RESPONSE',
            'Atlas answered getGroupPipelineAvailableSchedules without an array.',
          );
        }
        return items as AtlasPolicyItem[];
      },
    }),
    availableSnapshots: t.field({
      type: ClusterSnapshotConnection,
      nullable: false,
      description:
        'Completed snapshots of the source cluster a run can ingest (`triggerPipelineRun`), newest first.',
      args: {
        ...connectionArgs(t.arg),
        completedAfter: t.arg({
          type: 'DateTime',
          description: 'Only snapshots completed after this instant.',
        }),
      },
      resolve: (pipeline, args, context, info) => {
        const collection = pipelineAvailableSnapshots(
          pipeline.groupId,
          pipeline.name,
          args.completedAfter ?? undefined,
        );
        return resolveConnection(
          args,
          info,
          collectionSource<AtlasClusterSnapshot>(collection, context),
          (raw) => raw,
        );
      },
    }),
    project: t.field({
      type: ProjectRef,
      nullable: false,
      resolve: (p) => projectShape(p.groupId),
    }),
  }),
});

export const PipelineConnection = connectionType('Pipeline', PipelineRef);

registerRefetch('Pipeline', async (id, context) => {
  const raw = await context.loaders.pipelines.load(id.groupId, id.keys[0]!);
  return raw && pipelineShape(id.groupId, raw);
});

// Mutations: create, update (PATCH), delete, pause, resume.

const IngestionSourceInput = builder.inputType('IngestionSourceInput', {
  description: 'Where a pipeline takes its snapshots from.',
  fields: (t) => ({
    type: t.field({ type: IngestionSourceType.ref, required: true }),
    clusterName: t.string({ required: true }),
    databaseName: t.string({ required: true }),
    collectionName: t.string({ required: true }),
    policyItemId: t.field({
      type: 'ObjectId',
      description: 'PERIODIC_CPS only: one of `availableSchedules`.',
    }),
  }),
});

const PartitionFieldInput = builder.inputType('PartitionFieldInput', {
  fields: (t) => ({
    fieldName: t.string({ required: true, description: 'At most 700 characters.' }),
    order: t.int({ required: true }),
  }),
});

const DlsIngestionSinkInput = builder.inputType('DlsIngestionSinkInput', {
  description: 'Where a pipeline writes (always Data Lake Storage).',
  fields: (t) => ({
    metadataProvider: t.field({ type: DlsMetadataProvider.ref }),
    metadataRegion: t.string(),
    partitionFields: t.field({ type: [PartitionFieldInput] }),
  }),
});

const FieldTransformationInput = builder.inputType('FieldTransformationInput', {
  fields: (t) => ({
    field: t.string({ required: true }),
    type: t.field({ type: FieldTransformationType.ref, required: true }),
  }),
});

/** What create and update inputs share, as the GraphQL arguments hold them. */
interface PipelineFieldsInput {
  name?: string | null;
  source?: {
    type: string;
    clusterName: string;
    databaseName: string;
    collectionName: string;
    policyItemId?: string | null;
  } | null;
  sink?: {
    metadataProvider?: string | null;
    metadataRegion?: string | null;
    partitionFields?: { fieldName: string; order: number }[] | null;
  } | null;
  transformations?: { field: string; type: string }[] | null;
  datasetRetentionPolicy?: { units: string; value: number } | null;
}

const MAX_PARTITION_FIELD_NAME = 700;

/** The contract's rules for the pipeline fields given. */
function pipelineFieldChecks(input: PipelineFieldsInput): InputCheck[] {
  const checks: InputCheck[] = [];
  if (input.name != null) checks.push(pipelineNameCheck(input.name, 'name'));
  if (input.source) {
    checks.push(clusterNameCheck(input.source.clusterName, 'source', 'clusterName'));
    checks.push([
      input.source.type === 'PERIODIC_CPS' || input.source.policyItemId == null,
      ['source', 'policyItemId'],
      'Only a PERIODIC_CPS source follows a policy item.',
    ]);
  }
  input.sink?.partitionFields?.forEach((field, i) =>
    checks.push([
      field.fieldName.length <= MAX_PARTITION_FIELD_NAME,
      ['sink', 'partitionFields', String(i), 'fieldName'],
      `At most ${MAX_PARTITION_FIELD_NAME} characters.`,
    ]),
  );
  checks.push(
    atLeastCheck(input.datasetRetentionPolicy?.value, 1, 'datasetRetentionPolicy', 'value'),
  );
  return checks;
}

/** The upstream body: only the fields given, and in each only the members given. */
function pipelineBody(input: PipelineFieldsInput): PipelineBody {
  const { name, source, sink, transformations, datasetRetentionPolicy } = givenFields(input, [
    'name',
    'source',
    'sink',
    'transformations',
    'datasetRetentionPolicy',
  ]);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(source
      ? {
          source: {
            ...givenFields(source, [
              'type',
              'clusterName',
              'databaseName',
              'collectionName',
              'policyItemId',
            ]),
          } as PipelineBody['source'],
        }
      : {}),
    ...(sink
      ? { sink: givenFields(sink, ['metadataProvider', 'metadataRegion', 'partitionFields']) }
      : {}),
    ...(transformations ? { transformations } : {}),
    ...(datasetRetentionPolicy
      ? {
          datasetRetentionPolicy: {
            units: datasetRetentionPolicy.units,
            value: datasetRetentionPolicy.value,
          },
        }
      : {}),
  };
}

const pipelineEntity = (groupId: string, name: string) => ({
  typename: 'Pipeline',
  id: encodeGlobalId('Pipeline', groupId, name),
});
const projectEntity = (groupId: string) => ({
  typename: 'Project',
  id: encodeGlobalId('Project', groupId),
});

/** A pipeline changed in place or created: its list and its lookup by name now answer the new state. */
const pipelineChanged =
  (groupId: string, ...oldNames: string[]) =>
  (raw: AtlasPipeline): MutationEffects => {
    const pipeline = pipelineShape(groupId, raw);
    return {
      stale: [
        `${listPipelines(groupId).path}?`,
        ...oldNames.flatMap((name) => pathAndBelow(pipelinePath(groupId, name))),
      ],
      fresh: [[getPipeline(groupId, pipeline.name), raw]],
      entities: [
        ...oldNames.map((name) => pipelineEntity(groupId, name)),
        pipelineEntity(groupId, pipeline.name),
        projectEntity(groupId),
      ],
    };
  };

const CreatePipelineInput = builder.inputType('CreatePipelineInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true }),
    name: t.string({ required: true }),
    source: t.field({ type: IngestionSourceInput, required: true }),
    sink: t.field({ type: DlsIngestionSinkInput }),
    transformations: t.field({ type: [FieldTransformationInput] }),
    datasetRetentionPolicy: t.field({ type: DatasetRetentionPolicyInput }),
  }),
});

const UpdatePipelineInput = builder.inputType('UpdatePipelineInput', {
  description:
    'The fields to change; the others stay as they are. Renaming changes the global IDs of the pipeline and its runs.',
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true }),
    pipelineName: t.string({ required: true }),
    name: t.string({ description: 'A new name.' }),
    source: t.field({ type: IngestionSourceInput }),
    sink: t.field({ type: DlsIngestionSinkInput }),
    transformations: t.field({
      type: [FieldTransformationInput],
      description: 'Replaces the whole list.',
    }),
    datasetRetentionPolicy: t.field({ type: DatasetRetentionPolicyInput }),
  }),
});

const PipelineActionInput = builder.inputType('PipelineActionInput', {
  description: 'Names one pipeline.',
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true }),
    pipelineName: t.string({ required: true }),
  }),
});

const CreatePipelineSuccess = builder
  .objectRef<{ pipeline: PipelineShape }>('CreatePipelineSuccess')
  .implement({
    fields: (t) => ({
      pipeline: t.field({
        type: PipelineRef,
        nullable: false,
        resolve: (payload) => payload.pipeline,
      }),
      project: t.field({
        type: ProjectRef,
        nullable: false,
        description: 'Its list of pipelines holds the new one.',
        resolve: (payload) => projectShape(payload.pipeline.groupId),
      }),
    }),
  });

/** The payload of the mutations that change one pipeline in place. */
const pipelinePayload = (name: string) =>
  builder.objectRef<{ pipeline: PipelineShape }>(name).implement({
    fields: (t) => ({
      pipeline: t.field({
        type: PipelineRef,
        nullable: false,
        resolve: (payload) => payload.pipeline,
      }),
    }),
  });

const DeletePipelineSuccess = builder
  .objectRef<{ groupId: string; name: string }>('DeletePipelineSuccess')
  .implement({
    fields: (t) => ({
      deletedPipelineId: t.id({
        nullable: false,
        resolve: (deleted) => encodeGlobalId('Pipeline', deleted.groupId, deleted.name),
      }),
      project: t.field({
        type: ProjectRef,
        nullable: false,
        resolve: (deleted) => projectShape(deleted.groupId),
      }),
    }),
  });

builder.mutationFields((t) => {
  /** Pause and resume differ only in their route and words. */
  const pipelineAction = (name: string, request: typeof pausePipeline, description: string) =>
    t.field({
      type: pipelinePayload(`${name}Success`),
      nullable: false,
      description,
      errors: mutationErrors(name),
      args: { input: t.arg({ type: PipelineActionInput, required: true }) },
      resolve: async (_, { input }, context) => {
        checkInput([pipelineNameCheck(input.pipelineName, 'pipelineName')]);
        const raw = await mutate(
          context,
          request(input.projectId, input.pipelineName),
          pipelineChanged(input.projectId, input.pipelineName),
        );
        return { pipeline: pipelineShape(input.projectId, raw) };
      },
    });

  return {
    createPipeline: t.field({
      type: CreatePipelineSuccess,
      nullable: false,
      description: 'Creates a Data Lake Pipeline.',
      errors: mutationErrors('CreatePipeline'),
      args: { input: t.arg({ type: CreatePipelineInput, required: true }) },
      resolve: async (_, { input }, context) => {
        checkInput(pipelineFieldChecks(input));
        const raw = await mutate(
          context,
          createPipeline(input.projectId, pipelineBody(input)),
          pipelineChanged(input.projectId),
        );
        return { pipeline: pipelineShape(input.projectId, raw) };
      },
    }),
    updatePipeline: t.field({
      type: pipelinePayload('UpdatePipelineSuccess'),
      nullable: false,
      description: 'Changes the fields given (a PATCH holding only those).',
      errors: mutationErrors('UpdatePipeline'),
      args: { input: t.arg({ type: UpdatePipelineInput, required: true }) },
      resolve: async (_, { input }, context) => {
        const body = pipelineBody(input);
        checkInput([
          pipelineNameCheck(input.pipelineName, 'pipelineName'),
          ...pipelineFieldChecks(input),
          [Object.keys(body).length > 0, [], 'Give at least one field to change.'],
        ]);
        const raw = await mutate(
          context,
          updatePipeline(input.projectId, input.pipelineName, body),
          pipelineChanged(input.projectId, input.pipelineName),
        );
        return { pipeline: pipelineShape(input.projectId, raw) };
      },
    }),
    deletePipeline: t.field({
      type: DeletePipelineSuccess,
      nullable: false,
      description: 'Deletes a pipeline and its runs.',
      errors: mutationErrors('DeletePipeline'),
      args: { input: t.arg({ type: PipelineActionInput, required: true }) },
      resolve: async (_, { input }, context) => {
        checkInput([pipelineNameCheck(input.pipelineName, 'pipelineName')]);
        const { projectId, pipelineName } = input;
        await mutate(context, deletePipeline(projectId, pipelineName), () => ({
          stale: [
            `${listPipelines(projectId).path}?`,
            ...pathAndBelow(pipelinePath(projectId, pipelineName)),
          ],
          entities: [pipelineEntity(projectId, pipelineName), projectEntity(projectId)],
        }));
        return { groupId: projectId, name: pipelineName };
      },
    }),
    pausePipeline: pipelineAction(
      'PausePipeline',
      pausePipeline,
      'Stops scheduled ingestion; on-demand triggers are refused until resumed.',
    ),
    resumePipeline: pipelineAction(
      'ResumePipeline',
      resumePipeline,
      'Resumes scheduled ingestion.',
    ),
  };
});
