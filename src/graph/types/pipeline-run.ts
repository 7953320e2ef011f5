import { UpstreamError } from '../../atlas/errors.ts';
import { loadByKey } from '../loaders/load-by-key.ts';
import {
  deletePipelineRunDataset,
  getPipelineRun,
  pipelineRuns,
  triggerPipeline,
  type AtlasPipelineRun,
} from '../../atlas/pipelines.ts';
import { unauthenticated } from '../../auth/auth-errors.ts';
import { builder } from '../builder.ts';
import { connectionType } from '../relay/connection.ts';
import type { GraphContext } from '../context.ts';
import {
  DatasetRetentionPolicyInput,
  DatasetRetentionPolicyRef,
} from './dataset-retention-policy.ts';
import { decodeGlobalId, encodeGlobalId } from '../relay/global-id.ts';
import { createLoaders } from '../loaders/index.ts';
import { assertProjectAllowed } from '../project-scope.ts';
import type { RunEvent } from '../live/run-poll-hub.ts';
import { userInputError } from '../lib/user-input-error.ts';
import { atLeastCheck, checkInput, pipelineNameCheck } from '../mutations/input-checks.ts';
import { mutate } from '../mutations/mutation-effects.ts';
import { mutationErrors } from '../mutations/mutation-errors.ts';
import { NodeRef, registerRefetch } from '../relay/node.ts';
import { PipelineRef, pipelineShape } from './pipeline.ts';
import type { PipelineRunShape } from './shapes.ts';
import { ClusterSnapshotRef } from './snapshot.ts';
import { upstreamEnum } from '../lib/upstream-enum.ts';

export const runShape = (
  groupId: string,
  pipelineName: string,
  raw: AtlasPipelineRun,
): PipelineRunShape => ({
  kind: 'PipelineRun',
  groupId,
  pipelineName,
  raw,
});

/** One run by id: one GET, or nothing when a list of this operation already held it; null when gone. */
export const loadRun = (
  context: GraphContext,
  groupId: string,
  pipelineName: string,
  runId: string,
) =>
  loadByKey(context, getPipelineRun(groupId, pipelineName, runId), (raw: AtlasPipelineRun) =>
    runShape(groupId, pipelineName, raw),
  );

const PipelineRunState = upstreamEnum(
  'PipelineRunState',
  ['PENDING', 'IN_PROGRESS', 'DONE', 'FAILED', 'DATASET_DELETED'],
  'Where a pipeline run stands.',
);
const PipelinePhase = upstreamEnum(
  'PipelinePhase',
  ['SNAPSHOT', 'EXPORT', 'INGESTION'],
  'The step a pipeline run is in.',
);
const BackupFrequencyType = upstreamEnum(
  'BackupFrequencyType',
  ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'],
  'How often the snapshot a run ingests is taken.',
);

const PipelineRunStatsRef = builder
  .objectRef<NonNullable<AtlasPipelineRun['stats']>>('PipelineRunStats')
  .implement({
    fields: (t) => ({
      bytesExported: t.field({ type: 'Long', resolve: (s) => s.bytesExported ?? null }),
      numDocs: t.field({ type: 'Long', resolve: (s) => s.numDocs ?? null }),
    }),
  });

export const PipelineRunRef = builder.objectRef<PipelineRunShape>('PipelineRun');

PipelineRunRef.implement({
  description: 'One ingestion of a snapshot by a pipeline.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as PipelineRunShape).kind === 'PipelineRun',
  fields: (t) => ({
    atlasId: t.field({
      type: 'ObjectId',
      nullable: false,
      resolve: (run) => {
        if (!run.raw._id)
          throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'Atlas returned a run without an id.');
        return run.raw._id;
      },
    }),
    pipelineAtlasId: t.field({ type: 'ObjectId', resolve: (run) => run.raw.pipelineId ?? null }),
    state: t.field({
      type: PipelineRunState.ref,
      resolve: (run, _, c) => PipelineRunState.known(run.raw.state, c),
    }),
    phase: t.field({
      type: PipelinePhase.ref,
      resolve: (run, _, c) => PipelinePhase.known(run.raw.phase, c),
    }),
    backupFrequencyType: t.field({
      type: BackupFrequencyType.ref,
      resolve: (run, _, c) => BackupFrequencyType.known(run.raw.backupFrequencyType, c),
    }),
    datasetName: t.string({ resolve: (run) => run.raw.datasetName ?? null }),
    snapshotId: t.field({ type: 'ObjectId', resolve: (run) => run.raw.snapshotId ?? null }),
    createdDate: t.field({ type: 'DateTime', resolve: (run) => run.raw.createdDate ?? null }),
    lastUpdatedDate: t.field({
      type: 'DateTime',
      resolve: (run) => run.raw.lastUpdatedDate ?? null,
    }),
    scheduledDeletionDate: t.field({
      type: 'DateTime',
      resolve: (run) => run.raw.scheduledDeletionDate ?? null,
    }),
    datasetRetentionPolicy: t.field({
      type: DatasetRetentionPolicyRef,
      resolve: (run) => run.raw.datasetRetentionPolicy ?? null,
    }),
    stats: t.field({ type: PipelineRunStatsRef, resolve: (run) => run.raw.stats ?? null }),
    pipeline: t.field({
      type: PipelineRef,
      nullable: false,
      resolve: async (run, _, context) => {
        const raw = await context.loaders.pipelines.load(run.groupId, run.pipelineName);
        if (!raw)
          throw new UpstreamError('NOT_FOUND', `Pipeline "${run.pipelineName}" no longer exists.`);
        return pipelineShape(run.groupId, raw);
      },
    }),
    snapshot: t.field({
      type: ClusterSnapshotRef,
      description:
        "The snapshot this run ingests, of the pipeline's source cluster; null once it has expired.",
      resolve: async (run, _, context) => {
        const snapshotId = run.raw.snapshotId;
        if (!snapshotId) return null;
        const clusterName = (await context.loaders.pipelines.load(run.groupId, run.pipelineName))
          ?.source?.clusterName;
        if (typeof clusterName !== 'string') return null;
        return context.loaders.snapshots.load(run.groupId, clusterName, snapshotId);
      },
    }),
  }),
});

export const PipelineRunConnection = connectionType('PipelineRun', PipelineRunRef);

registerRefetch('PipelineRun', (id, context) =>
  loadRun(context, id.groupId, id.keys[0]!, id.keys[1]!),
);

const TriggerPipelineRunInput = builder.inputType('TriggerPipelineRunInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true }),
    pipelineName: t.string({ required: true }),
    snapshotId: t.field({
      type: 'ObjectId',
      required: true,
      description: "One of the pipeline's available snapshots.",
    }),
    datasetRetentionPolicy: t.field({ type: DatasetRetentionPolicyInput }),
  }),
});

const TriggerPipelineRunSuccess = builder
  .objectRef<{ run: PipelineRunShape }>('TriggerPipelineRunSuccess')
  .implement({
    fields: (t) => ({
      run: t.field({ type: PipelineRunRef, nullable: false, resolve: (payload) => payload.run }),
      pipeline: t.field({
        type: PipelineRef,
        resolve: async ({ run }, _, context) => {
          const raw = await context.loaders.pipelines.load(run.groupId, run.pipelineName);
          return raw && pipelineShape(run.groupId, raw);
        },
      }),
    }),
  });

const runEntity = (groupId: string, pipelineName: string, runId: string) => ({
  typename: 'PipelineRun',
  id: encodeGlobalId('PipelineRun', groupId, pipelineName, runId),
});

const DeletePipelineRunDatasetInput = builder.inputType('DeletePipelineRunDatasetInput', {
  fields: (t) => ({
    projectId: t.field({ type: 'ObjectId', required: true }),
    pipelineName: t.string({ required: true }),
    runId: t.field({ type: 'ObjectId', required: true, description: "The run's `atlasId`." }),
  }),
});

const DeletePipelineRunDatasetSuccess = builder
  .objectRef<{ groupId: string; pipelineName: string; runId: string }>(
    'DeletePipelineRunDatasetSuccess',
  )
  .implement({
    description: 'Atlas accepted the deletion; it completes later.',
    fields: (t) => ({
      run: t.field({
        type: PipelineRunRef,
        description:
          'The run read again after the deletion was accepted: DATASET_DELETED, or still DONE while Atlas works.',
        resolve: (deleted, _, context) =>
          loadRun(context, deleted.groupId, deleted.pipelineName, deleted.runId),
      }),
    }),
  });

builder.mutationFields((t) => ({
  triggerPipelineRun: t.field({
    type: TriggerPipelineRunSuccess,
    nullable: false,
    description:
      'Starts an on-demand ingestion of a snapshot. Never retried: Atlas may have started the run.',
    errors: mutationErrors('TriggerPipelineRun'),
    args: { input: t.arg({ type: TriggerPipelineRunInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const policy = input.datasetRetentionPolicy;
      checkInput([
        pipelineNameCheck(input.pipelineName, 'pipelineName'),
        atLeastCheck(policy?.value, 1, 'datasetRetentionPolicy', 'value'),
      ]);
      const body = {
        snapshotId: input.snapshotId,
        ...(policy ? { datasetRetentionPolicy: { units: policy.units, value: policy.value } } : {}),
      };
      // Later reads of this operation see the new run: its lists are refetched, its lookup answers it.
      const runsPath = pipelineRuns(input.projectId, input.pipelineName, undefined).path;
      const raw = await mutate<AtlasPipelineRun>(
        context,
        triggerPipeline(input.projectId, input.pipelineName, body),
        (run) => ({
          stale: [runsPath],
          fresh: run._id
            ? [[getPipelineRun(input.projectId, input.pipelineName, run._id), run]]
            : [],
          entities: run._id ? [runEntity(input.projectId, input.pipelineName, run._id)] : [],
        }),
      );
      return { run: runShape(input.projectId, input.pipelineName, raw) };
    },
  }),
  deletePipelineRunDataset: t.field({
    type: DeletePipelineRunDatasetSuccess,
    nullable: false,
    description: 'Deletes the dataset a DONE run wrote. Atlas answers at once and deletes later.',
    errors: mutationErrors('DeletePipelineRunDataset'),
    args: { input: t.arg({ type: DeletePipelineRunDatasetInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, pipelineName, runId } = input;
      checkInput([pipelineNameCheck(pipelineName, 'pipelineName')]);
      await mutate(context, deletePipelineRunDataset(projectId, pipelineName, runId), () => ({
        stale: [pipelineRuns(projectId, pipelineName, undefined).path],
        entities: [runEntity(projectId, pipelineName, runId)],
      }));
      return { groupId: projectId, pipelineName, runId };
    },
  }),
}));

/** The run a `pipelineRunUpdated` argument names: BAD_USER_INPUT for anything but a run's global ID. */
function watchedRun(id: string | number) {
  const decoded = decodeGlobalId(String(id), 'id');
  if (decoded.type !== 'PipelineRun')
    throw userInputError('"id" is not the global ID of a pipeline run.', 'id');
  const [pipelineName, runId] = decoded.keys as [string, string];
  return { groupId: decoded.groupId, pipelineName, runId };
}

builder.subscriptionFields((t) => ({
  pipelineRunUpdated: t.field({
    type: PipelineRunRef,
    nullable: false,
    description:
      'A run as it is now, then again whenever its state, phase or stats change; the stream ends after DONE, FAILED or DATASET_DELETED. ' +
      "Takes the run's global ID. The gateway polls Atlas once per run however many clients watch it.",
    args: {
      id: t.arg.id({ required: true, description: "The run's global ID (`PipelineRun.id`)." }),
    },
    subscribe: (_, args, context) => {
      const { groupId, pipelineName, runId } = watchedRun(args.id);
      assertProjectAllowed(context, groupId);
      const request = getPipelineRun(groupId, pipelineName, runId);
      // Polls outlive this request: they carry its credential but not its abort signal or deadline.
      const { client, scope } = context.upstream;
      const authenticator = scope.authenticator;
      const key = JSON.stringify([
        (authenticator ?? client.authenticator).credentialKey,
        groupId,
        pipelineName,
        runId,
      ]);
      // The hub's own iterator goes to Yoga unwrapped, so that a client leaving ends it at once. A caller
      // whose token expires is refused from then on: its stream ends then too, as any request would.
      const { expiresAt } = context.caller;
      const expiry =
        expiresAt === undefined
          ? undefined
          : { at: expiresAt, error: () => unauthenticated('The bearer token has expired.') };
      return context.runPolls.subscribe(
        key,
        (pollScope) => client.call<AtlasPipelineRun>(request, { ...pollScope, authenticator }),
        expiry,
      );
    },
    resolve: (event: RunEvent, args, context) => {
      if (event instanceof Error) throw event;
      const { groupId, pipelineName } = watchedRun(args.id);
      // Each event reads afresh: fields below the run (its pipeline, its snapshot) must not be answered
      // from what an earlier event of this long-lived operation loaded, and their calls get the whole
      // deadline from now, not what is left of the subscription's first one.
      const { upstream } = context;
      upstream.scope.callDeadline?.dispose();
      upstream.scope = {
        ...upstream.scope,
        deadline: Date.now() + upstream.deadlineMs,
        callDeadline: undefined,
      };
      context.loaders = createLoaders(upstream);
      if (event._id)
        context.loaders.requests.prime(getPipelineRun(groupId, pipelineName, event._id), event);
      return runShape(groupId, pipelineName, event);
    },
  }),
}));
