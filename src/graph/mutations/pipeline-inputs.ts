import type { PipelineBody } from '../../atlas/pipelines.ts';
import { builder } from '../builder.ts';
import { NAMES_A_PROJECT } from '../project-scope.ts';
import { DlsMetadataProvider } from '../types/dls-ingestion-sink.ts';
import { FieldTransformationType } from '../types/field-transformation.ts';
import { IngestionSourceType } from '../types/ingestion-source.ts';
import { DatasetRetentionPolicyInput } from './dataset-retention-policy-input.ts';
import {
  atLeastCheck,
  clusterNameCheck,
  givenFields,
  type InputCheck,
  pipelineNameCheck,
} from './input-checks.ts';

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

export const CreatePipelineInput = builder.inputType('CreatePipelineInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
    name: t.string({ required: true }),
    source: t.field({ type: IngestionSourceInput, required: true }),
    sink: t.field({ type: DlsIngestionSinkInput }),
    transformations: t.field({ type: [FieldTransformationInput] }),
    datasetRetentionPolicy: t.field({ type: DatasetRetentionPolicyInput }),
  }),
});

export const UpdatePipelineInput = builder.inputType('UpdatePipelineInput', {
  description:
    'The fields to change; the others stay as they are. Renaming changes the global IDs of the pipeline and its runs.',
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
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

export const PipelineActionInput = builder.inputType('PipelineActionInput', {
  description: 'Names one pipeline.',
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
    pipelineName: t.string({ required: true }),
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
export function pipelineFieldChecks(input: PipelineFieldsInput): InputCheck[] {
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
  for (const [i, field] of (input.sink?.partitionFields ?? []).entries()) {
    checks.push([
      field.fieldName.length <= MAX_PARTITION_FIELD_NAME,
      ['sink', 'partitionFields', String(i), 'fieldName'],
      `At most ${MAX_PARTITION_FIELD_NAME} characters.`,
    ]);
  }
  checks.push(
    atLeastCheck(input.datasetRetentionPolicy?.value, 1, 'datasetRetentionPolicy', 'value'),
  );
  return checks;
}

/** The upstream body: only the fields given, and in each only the members given. */
export function pipelineBody(input: PipelineFieldsInput): PipelineBody {
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
