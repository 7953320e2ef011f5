import type { AtlasBackupSchedule } from '../../atlas/backup-schedule.ts';
import type { AtlasRequest } from '../../atlas/request.ts';
import {
  type AtlasClusterRestoreJob,
  type AtlasFlexRestoreJob,
  type AtlasServerlessRestoreJob,
  cancelClusterRestoreJob,
  clusterJobsPath,
  createClusterRestoreJob,
  createFlexRestoreJob,
  createServerlessRestoreJob,
  flexJobsPath,
  getClusterRestoreJob,
  getFlexRestoreJob,
  getServerlessRestoreJob,
  serverlessJobsPath,
} from '../../atlas/restore-jobs.ts';
import { builder } from '../builder.ts';
import type { GraphContext } from '../context.ts';
import { SERVERLESS_DEPRECATION } from '../lib/deprecations.ts';
import { loadBackupSchedule, loadClusterRestoreJob } from '../loaders/lookups.ts';
import {
  ClusterRef,
  ClusterRestoreJobRef,
  FlexClusterRef,
  FlexRestoreJobRef,
  ServerlessInstanceRef,
  ServerlessRestoreJobRef,
} from '../types/refs.ts';
import {
  type ClusterRestoreJobShape,
  clusterJobShape,
  clusterShape,
  type FlexRestoreJobShape,
  flexClusterShape,
  flexJobShape,
  type ServerlessRestoreJobShape,
  serverlessInstanceShape,
  serverlessJobShape,
} from '../types/shapes.ts';
import { checkInput, clusterNameCheck } from './input-checks.ts';
import { cachedEntity, mutate } from './mutation-effects.ts';
import { mutationErrors } from './mutation-errors.ts';
import {
  CancelClusterRestoreJobInput,
  CreateClusterRestoreJobInput,
  CreateFlexRestoreJobInput,
  CreateServerlessRestoreJobInput,
  clusterRestoreBody,
  clusterRestoreChecks,
  flexRestoreBody,
  flexRestoreChecks,
  requestedMoment,
  serverlessRestoreBody,
  serverlessRestoreChecks,
} from './restore-job-inputs.ts';

const CreateServerlessRestoreJobSuccess = builder
  .objectRef<{ restoreJob: ServerlessRestoreJobShape }>('CreateServerlessRestoreJobSuccess')
  .implement({
    fields: (t) => ({
      restoreJob: t.expose('restoreJob', { type: ServerlessRestoreJobRef, nullable: false }),
      serverlessInstance: t.field({
        type: ServerlessInstanceRef,
        nullable: false,
        description: 'Its list of restore jobs holds the new one.',
        resolve: ({ restoreJob }) =>
          serverlessInstanceShape(restoreJob.groupId, restoreJob.instanceName),
      }),
    }),
  });

const CreateFlexRestoreJobSuccess = builder
  .objectRef<{ restoreJob: FlexRestoreJobShape }>('CreateFlexRestoreJobSuccess')
  .implement({
    fields: (t) => ({
      restoreJob: t.expose('restoreJob', { type: FlexRestoreJobRef, nullable: false }),
      flexCluster: t.field({
        type: FlexClusterRef,
        nullable: false,
        description: 'Its list of restore jobs holds the new one.',
        resolve: ({ restoreJob }) => flexClusterShape(restoreJob.groupId, restoreJob.clusterName),
      }),
    }),
  });

const CLUSTER_PAYLOAD = 'Its list of restore jobs holds the job as it now stands.';

const CreateClusterRestoreJobSuccess = builder
  .objectRef<{ restoreJob: ClusterRestoreJobShape }>('CreateClusterRestoreJobSuccess')
  .implement({
    fields: (t) => ({
      restoreJob: t.expose('restoreJob', { type: ClusterRestoreJobRef, nullable: false }),
      cluster: t.field({
        type: ClusterRef,
        nullable: false,
        description: CLUSTER_PAYLOAD,
        resolve: ({ restoreJob }) => clusterShape(restoreJob.groupId, restoreJob.clusterName),
      }),
    }),
  });

interface CancelledJob {
  groupId: string;
  clusterName: string;
  restoreJobId: string;
}

const CancelClusterRestoreJobSuccess = builder
  .objectRef<CancelledJob>('CancelClusterRestoreJobSuccess')
  .implement({
    description: 'Atlas accepted the cancellation.',
    fields: (t) => ({
      restoreJob: t.field({
        type: ClusterRestoreJobRef,
        description:
          'The job read again after the cancellation: CANCELLED once Atlas has stopped it.',
        resolve: (job, _, context) =>
          loadClusterRestoreJob(context, job.groupId, job.clusterName, job.restoreJobId),
      }),
      cluster: t.field({
        type: ClusterRef,
        nullable: false,
        description: CLUSTER_PAYLOAD,
        resolve: (job) => clusterShape(job.groupId, job.clusterName),
      }),
    }),
  });

const DAY_SECONDS = 86_400;

/**
 * A point in time must lie within the cluster's restore window, which only its backup schedule tells:
 * one read (never the write) before Atlas would refuse the restore. Without a schedule, Atlas judges.
 */
async function checkRestoreWindow(
  context: GraphContext,
  input: typeof CreateClusterRestoreJobInput.$inferInput,
  now: number,
): Promise<void> {
  const moment = requestedMoment(input);
  if (input.deliveryType !== 'POINT_IN_TIME' || moment === undefined) return;
  const schedule = await loadBackupSchedule<AtlasBackupSchedule>(
    context,
    input.projectId,
    input.clusterName,
  );
  const days = schedule?.restoreWindowDays;
  if (typeof days !== 'number') return;
  const earliest = Math.floor(now / 1000) - days * DAY_SECONDS;
  const field = input.pointInTimeUTCSeconds == null ? 'oplogTs' : 'pointInTimeUTCSeconds';
  checkInput([
    [
      moment >= earliest,
      [field],
      `Before the restore window: the cluster keeps ${days} days, so the earliest moment is ${new Date(earliest * 1000).toISOString()}.`,
    ],
  ]);
}

/**
 * A new restore job: its parent's list is refetched, its lookup answers it, and cached answers of both
 * projects are dropped: the source's lists hold the job, and the target's cluster is being overwritten.
 */
const restoreJobCreated =
  (
    type: 'ServerlessRestoreJob' | 'FlexRestoreJob' | 'ClusterRestoreJob',
    groupId: string,
    parent: string,
    targetProjectId: string,
    jobsPath: string,
    lookup: (id: string) => AtlasRequest,
  ) =>
  (job: { id?: string }) => ({
    stale: [`${jobsPath}?`],
    fresh: job.id ? ([[lookup(job.id), job]] as const) : [],
    entities: [
      ...(job.id ? [cachedEntity(type, groupId, parent, job.id)] : []),
      cachedEntity('Project', targetProjectId),
    ],
  });

builder.mutationFields((t) => ({
  createServerlessRestoreJob: t.field({
    type: CreateServerlessRestoreJobSuccess,
    nullable: false,
    deprecationReason: SERVERLESS_DEPRECATION,
    description: `Restores a serverless instance's backup. Never retried. ${SERVERLESS_DEPRECATION}`,
    errors: mutationErrors('CreateServerlessRestoreJob'),
    args: { input: t.arg({ type: CreateServerlessRestoreJobInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, instanceName } = input;
      checkInput(serverlessRestoreChecks(input));
      const raw = await mutate<AtlasServerlessRestoreJob>(
        context,
        createServerlessRestoreJob(projectId, instanceName, serverlessRestoreBody(input)),
        restoreJobCreated(
          'ServerlessRestoreJob',
          projectId,
          instanceName,
          input.targetProjectId,
          serverlessJobsPath(projectId, instanceName),
          (id) => getServerlessRestoreJob(projectId, instanceName, id),
        ),
        { targetGroupId: 'targetProjectId' },
      );
      return { restoreJob: serverlessJobShape(projectId, instanceName, raw) };
    },
  }),
  createFlexRestoreJob: t.field({
    type: CreateFlexRestoreJobSuccess,
    nullable: false,
    description: "Restores a Flex cluster's snapshot into a cluster. Never retried.",
    errors: mutationErrors('CreateFlexRestoreJob'),
    args: { input: t.arg({ type: CreateFlexRestoreJobInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, flexClusterName } = input;
      checkInput(flexRestoreChecks(input));
      const raw = await mutate<AtlasFlexRestoreJob>(
        context,
        createFlexRestoreJob(projectId, flexClusterName, flexRestoreBody(input)),
        restoreJobCreated(
          'FlexRestoreJob',
          projectId,
          flexClusterName,
          input.targetProjectId ?? projectId,
          flexJobsPath(projectId, flexClusterName),
          (id) => getFlexRestoreJob(projectId, flexClusterName, id),
        ),
      );
      return { restoreJob: flexJobShape(projectId, flexClusterName, raw) };
    },
  }),
  createClusterRestoreJob: t.field({
    type: CreateClusterRestoreJobSuccess,
    nullable: false,
    description:
      "Restores a dedicated cluster's snapshot or a moment of its restore window, or prepares a snapshot's download. Never retried.",
    errors: mutationErrors('CreateClusterRestoreJob'),
    args: { input: t.arg({ type: CreateClusterRestoreJobInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, clusterName } = input;
      const now = Date.now();
      checkInput(clusterRestoreChecks(input, now));
      await checkRestoreWindow(context, input, now);
      const raw = await mutate<AtlasClusterRestoreJob>(
        context,
        createClusterRestoreJob(projectId, clusterName, clusterRestoreBody(input)),
        restoreJobCreated(
          'ClusterRestoreJob',
          projectId,
          clusterName,
          input.targetProjectId ?? projectId,
          clusterJobsPath(projectId, clusterName),
          (id) => getClusterRestoreJob(projectId, clusterName, id),
        ),
        { targetGroupId: 'targetProjectId' },
      );
      return { restoreJob: clusterJobShape(projectId, clusterName, raw) };
    },
  }),
  cancelClusterRestoreJob: t.field({
    type: CancelClusterRestoreJobSuccess,
    nullable: false,
    description:
      'Cancels a restore job of a dedicated cluster. A job Atlas cannot cancel (finished, or a sharded restore under way) is a ConflictError. Never retried.',
    errors: mutationErrors('CancelClusterRestoreJob'),
    args: { input: t.arg({ type: CancelClusterRestoreJobInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, clusterName, restoreJobId } = input;
      checkInput([clusterNameCheck(clusterName, 'clusterName')]);
      const jobsPath = clusterJobsPath(projectId, clusterName);
      await mutate(context, cancelClusterRestoreJob(projectId, clusterName, restoreJobId), () => ({
        stale: [jobsPath],
        entities: [cachedEntity('ClusterRestoreJob', projectId, clusterName, restoreJobId)],
      }));
      return { groupId: projectId, clusterName, restoreJobId };
    },
  }),
}));
