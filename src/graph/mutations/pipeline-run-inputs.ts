import { builder } from '../builder.ts';
import { NAMES_A_PROJECT } from '../project-scope.ts';
import { DatasetRetentionPolicyInput } from './dataset-retention-policy-input.ts';
import { atLeastCheck, type InputCheck, pipelineNameCheck } from './input-checks.ts';

export const TriggerPipelineRunInput = builder.inputType('TriggerPipelineRunInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
    pipelineName: t.string({ required: true }),
    snapshotId: t.field({
      type: 'ObjectId',
      required: true,
      description: "One of the pipeline's available snapshots.",
    }),
    datasetRetentionPolicy: t.field({ type: DatasetRetentionPolicyInput }),
  }),
});

export const DeletePipelineRunDatasetInput = builder.inputType('DeletePipelineRunDatasetInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true, extensions: NAMES_A_PROJECT }),
    pipelineName: t.string({ required: true }),
    runId: t.field({ type: 'ObjectId', required: true, description: "The run's `atlasId`." }),
  }),
});

type TriggerInput = typeof TriggerPipelineRunInput.$inferInput;

/** The contract's rules for a trigger. */
export const triggerChecks = (input: TriggerInput): InputCheck[] => [
  pipelineNameCheck(input.pipelineName, 'pipelineName'),
  atLeastCheck(input.datasetRetentionPolicy?.value, 1, 'datasetRetentionPolicy', 'value'),
];

/** The upstream body: the snapshot, and the retention policy when given. */
export const triggerBody = ({ snapshotId, datasetRetentionPolicy: policy }: TriggerInput) => ({
  snapshotId,
  ...(policy ? { datasetRetentionPolicy: { units: policy.units, value: policy.value } } : {}),
});
