import type { AtlasRequest } from '../../atlas/request.ts';
import {
  type AtlasFlexRestoreJob,
  type AtlasServerlessRestoreJob,
  createFlexRestoreJob,
  createServerlessRestoreJob,
  flexJobsPath,
  getFlexRestoreJob,
  getServerlessRestoreJob,
  serverlessJobsPath,
} from '../../atlas/restore-jobs.ts';
import { builder } from '../builder.ts';
import { SERVERLESS_DEPRECATION } from '../lib/deprecations.ts';
import {
  FlexClusterRef,
  FlexRestoreJobRef,
  ServerlessInstanceRef,
  ServerlessRestoreJobRef,
} from '../types/refs.ts';
import {
  type FlexRestoreJobShape,
  flexClusterShape,
  flexJobShape,
  type ServerlessRestoreJobShape,
  serverlessInstanceShape,
  serverlessJobShape,
} from '../types/shapes.ts';
import { checkInput } from './input-checks.ts';
import { cachedEntity, mutate } from './mutation-effects.ts';
import { mutationErrors } from './mutation-errors.ts';
import {
  CreateFlexRestoreJobInput,
  CreateServerlessRestoreJobInput,
  flexRestoreBody,
  flexRestoreChecks,
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

/**
 * A new restore job: its parent's list is refetched, its lookup answers it, and cached answers of both
 * projects are dropped: the source's lists hold the job, and the target's cluster is being overwritten.
 */
const restoreJobCreated =
  (
    type: 'ServerlessRestoreJob' | 'FlexRestoreJob',
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
}));
