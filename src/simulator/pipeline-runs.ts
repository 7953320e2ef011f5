/**
 * Pipeline runs: trigger, list, get and dataset deletion.
 *
 * A triggered run answers PENDING/SNAPSHOT, then over `runDurationMs` reads IN_PROGRESS/SNAPSHOT,
 * IN_PROGRESS/EXPORT, IN_PROGRESS/INGESTION and DONE, its stats growing from the export phase on; a run
 * marked by failNextTriggeredRuns reads FAILED/EXPORT from 55 % of the way. Seeded runs keep their state.
 *
 * Rules beyond the schema (documented choices; the contract lists no 409 for these operations):
 * - triggering a PAUSED pipeline is 400 DATA_LAKE_PIPELINE_PAUSED;
 * - the snapshot must be one of the pipeline's availableSnapshots (404 SNAPSHOT_NOT_FOUND);
 * - a run's dataset can be deleted once the run is DONE; deleting it again answers 202 again; a
 *   PENDING, IN_PROGRESS or FAILED run has no dataset: 400 INVALID_PIPELINE_RUN_STATE.
 */
import { badRequest, notFound } from './errors.ts';
import { V2023_01_01 } from './media.ts';
import {
  entity,
  GROUP_PREFIX,
  isoDate,
  type Operation,
  type OperationContext,
  optionalIsoDate,
  pathParam,
} from './operation.ts';
import { paginate } from './pagination.ts';
import {
  availableSnapshots,
  pipelineInContext,
  RETENTION_POLICY_RULE,
  renderRetentionPolicy,
} from './pipelines.ts';
import { currentStage, elapsedFraction, newProgression, type Stage } from './progression.ts';
import { dateTimeParam } from './query.ts';
import {
  type BackupFrequencyType,
  type ClusterSnapshot,
  type DatasetRetentionPolicy,
  newestFirst,
  type Pipeline,
  type PipelineRun,
  type Project,
  type RunPhase,
  type RunState,
  requireById,
} from './store.ts';
import { OBJECT_ID, type ObjectRule, validateBody } from './validation.ts';

const RUNS = `${GROUP_PREFIX}/pipelines/{pipelineName}/runs`;
const DAY_MS = 86_400_000;

const TRIGGER_RULE: ObjectRule = {
  type: 'object',
  fields: {
    snapshotId: { rule: { type: 'string', pattern: OBJECT_ID }, required: true },
    datasetRetentionPolicy: { rule: RETENTION_POLICY_RULE },
  },
};

type RunStatus = { state: RunState; phase: RunPhase };

const SUCCEEDING_STAGES: readonly Stage<RunStatus>[] = [
  { from: 0, value: { state: 'PENDING', phase: 'SNAPSHOT' } },
  { from: 0.1, value: { state: 'IN_PROGRESS', phase: 'SNAPSHOT' } },
  { from: 0.4, value: { state: 'IN_PROGRESS', phase: 'EXPORT' } },
  { from: 0.7, value: { state: 'IN_PROGRESS', phase: 'INGESTION' } },
  { from: 1, value: { state: 'DONE', phase: 'INGESTION' } },
];
const FAILING_STAGES: readonly Stage<RunStatus>[] = [
  ...SUCCEEDING_STAGES.slice(0, 3),
  { from: 0.55, value: { state: 'FAILED', phase: 'EXPORT' } },
];
const STATS_START = 0.4;

/** A run as it reads at `now`. */
function runAt(run: PipelineRun, now: number): PipelineRun {
  const progression = run.progression;
  let current: PipelineRun = run;
  if (progression) {
    const stage = currentStage(
      progression,
      now,
      progression.fails ? FAILING_STAGES : SUCCEEDING_STAGES,
    );
    const fraction = Math.min(elapsedFraction(progression, now), progression.fails ? 0.55 : 1);
    const share = Math.max(0, (fraction - STATS_START) / (1 - STATS_START));
    const finalStats = run.stats ?? { bytesExported: 0, numDocs: 0 };
    current = {
      ...run,
      ...stage.value,
      lastUpdatedAt: stage.since,
      stats:
        fraction < STATS_START
          ? undefined
          : {
              bytesExported: Math.round(finalStats.bytesExported * share),
              numDocs: Math.round(finalStats.numDocs * share),
            },
    };
  }
  if (run.datasetDeletedAt !== undefined)
    current = { ...current, state: 'DATASET_DELETED', lastUpdatedAt: run.datasetDeletedAt };
  return current;
}

function renderRun(project: Project, pipeline: Pipeline, stored: PipelineRun, now: number) {
  const run = runAt(stored, now);
  return {
    _id: run.id,
    pipelineId: pipeline.id,
    groupId: project.id,
    snapshotId: run.snapshotId,
    datasetName: run.datasetName,
    createdDate: isoDate(run.createdAt),
    lastUpdatedDate: isoDate(run.lastUpdatedAt),
    scheduledDeletionDate: optionalIsoDate(run.scheduledDeletionAt),
    datasetRetentionPolicy: renderRetentionPolicy(run.datasetRetentionPolicy),
    backupFrequencyType: run.backupFrequencyType,
    phase: run.phase,
    state: run.state,
    stats: run.stats,
  };
}

export function frequencyOf(snapshot: ClusterSnapshot): BackupFrequencyType {
  if (snapshot.snapshotType === 'onDemand' || !snapshot.frequencyType) return 'ON_DEMAND';
  return snapshot.frequencyType.toUpperCase() as BackupFrequencyType;
}

/** Atlas's dataset naming: v1$atlas$snapshot$<cluster>$<db>$<collection>$<snapshot time>. */
export function datasetNameFor(pipeline: Pipeline, snapshot: ClusterSnapshot): string {
  const stamp = isoDate(snapshot.createdAt).replace(/[-:]|\.\d{3}/g, '');
  const { clusterName, databaseName, collectionName } = pipeline.source;
  return `v1$atlas$snapshot$${clusterName}$${databaseName}$${collectionName}$${stamp}`;
}

export function retentionEnd(
  createdAt: number,
  policy: DatasetRetentionPolicy | undefined,
): number | undefined {
  if (!policy) return undefined;
  const days = { DAYS: 1, WEEKS: 7, MONTHS: 30 }[policy.units];
  return createdAt + policy.value * days * DAY_MS;
}

function triggerRun(context: OperationContext) {
  const { project, pipeline } = pipelineInContext(context);
  validateBody(context.body, TRIGGER_RULE);
  const body = context.body as {
    snapshotId: string;
    datasetRetentionPolicy?: { units: DatasetRetentionPolicy['units']; value: number };
  };
  if (pipeline.state === 'PAUSED') {
    throw badRequest(
      'DATA_LAKE_PIPELINE_PAUSED',
      `Data Lake pipeline ${pipeline.name} is paused; resume it before triggering a run.`,
    );
  }
  const snapshot = availableSnapshots(project, pipeline, context.now).find(
    (candidate) => candidate.id === body.snapshotId,
  );
  if (!snapshot)
    throw notFound(
      'SNAPSHOT_NOT_FOUND',
      `Snapshot ${body.snapshotId} is not available to pipeline ${pipeline.name}.`,
      body.snapshotId,
    );

  const retention = body.datasetRetentionPolicy
    ? { ...body.datasetRetentionPolicy, lastModifiedDate: context.now }
    : pipeline.datasetRetentionPolicy;
  const fails = context.behaviour.takeTriggeredRunFailure();
  const run: PipelineRun = {
    id: context.world.ids.next(context.now),
    createdAt: context.now,
    lastUpdatedAt: context.now,
    snapshotId: snapshot.id,
    backupFrequencyType: frequencyOf(snapshot),
    datasetName: datasetNameFor(pipeline, snapshot),
    datasetRetentionPolicy: retention,
    scheduledDeletionAt: retentionEnd(context.now, retention),
    state: 'PENDING',
    phase: 'SNAPSHOT',
    stats: {
      bytesExported: Math.round(snapshot.storageSizeBytes * 0.8),
      numDocs: Math.round(snapshot.storageSizeBytes / 1_000),
    },
    progression: newProgression(context.now, context.behaviour.runDurationMs, fails),
  };
  pipeline.runs.push(run);
  return entity(renderRun(project, pipeline, run, context.now));
}

function runInContext(context: OperationContext) {
  const { project, pipeline } = pipelineInContext(context);
  const run = requireById(
    pipeline.runs,
    pathParam(context, 'pipelineRunId'),
    'PIPELINE_RUN_NOT_FOUND',
    'pipeline run',
  );
  return { project, pipeline, run };
}

function deleteRunDataset(context: OperationContext) {
  const { run } = runInContext(context);
  const state = runAt(run, context.now).state;
  if (state !== 'DONE' && state !== 'DATASET_DELETED') {
    throw badRequest(
      'INVALID_PIPELINE_RUN_STATE',
      `Pipeline run ${run.id} is ${state}; only a DONE run has a dataset to delete.`,
    );
  }
  run.datasetDeletedAt ??= context.now;
  return entity({}, 202);
}

const common = { mediaTypes: [V2023_01_01], family: 'pipelines' } as const;

export const pipelineRunOperations: Operation[] = [
  {
    ...common,
    operationId: 'triggerGroupPipeline',
    method: 'POST',
    path: `${GROUP_PREFIX}/pipelines/{pipelineName}/trigger`,
    takesBody: true,
    handle: triggerRun,
  },
  {
    ...common,
    operationId: 'listGroupPipelineRuns',
    method: 'GET',
    path: RUNS,
    handle: (context) => {
      const { project, pipeline } = pipelineInContext(context);
      const createdBefore = dateTimeParam(context.query, 'createdBefore');
      const runs = pipeline.runs.filter(
        (run) => createdBefore === undefined || run.createdAt < createdBefore,
      );
      return paginate(
        context,
        newestFirst(runs, (run) => run.createdAt),
        (run) => renderRun(project, pipeline, run, context.now),
      );
    },
  },
  {
    ...common,
    operationId: 'getGroupPipelineRun',
    method: 'GET',
    path: `${RUNS}/{pipelineRunId}`,
    handle: (context) => {
      const { project, pipeline, run } = runInContext(context);
      return entity(renderRun(project, pipeline, run, context.now));
    },
  },
  {
    ...common,
    operationId: 'deleteGroupPipelineRun',
    method: 'DELETE',
    path: `${RUNS}/{pipelineRunId}`,
    handle: deleteRunDataset,
  },
];
