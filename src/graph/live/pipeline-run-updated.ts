import { type AtlasPipelineRun, getPipelineRun } from '../../atlas/pipelines.ts';
import { PipelineRunRef } from '../types/refs.ts';
import { runShape } from '../types/shapes.ts';
import { watchField, watchKind } from './watch-field.ts';

/** States a run never leaves: a watch ends there. */
export const TERMINAL_RUN_STATES: ReadonlySet<string> = new Set([
  'DONE',
  'FAILED',
  'DATASET_DELETED',
]);

watchField('pipelineRunUpdated', {
  type: PipelineRunRef,
  description:
    'A run as it is now, then again whenever its state, phase or stats change; the stream ends after DONE, FAILED or DATASET_DELETED. ' +
    "Takes the run's global ID. The gateway polls Atlas once per run however many clients watch it.",
  idDescription: "The run's global ID (`PipelineRun.id`).",
  what: 'a pipeline run',
  label: 'run',
  kinds: {
    PipelineRun: watchKind({
      request: ({ groupId, keys: [pipelineName, runId] }) =>
        getPipelineRun(groupId, pipelineName!, runId!),
      shape: ({ groupId, keys: [pipelineName] }, raw: AtlasPipelineRun) =>
        runShape(groupId, pipelineName!, raw),
      isFinal: (run: AtlasPipelineRun) =>
        typeof run.state === 'string' && TERMINAL_RUN_STATES.has(run.state),
      // What subscribers see change: the state, the phase and the stats.
      fingerprint: (run: AtlasPipelineRun) =>
        JSON.stringify([run.state, run.phase, run.stats?.bytesExported, run.stats?.numDocs]),
    }),
  },
});
