import {
  type AtlasExportJob,
  createExportJob,
  exportsPath,
  getExportJob,
} from '../../atlas/export-jobs.ts';
import { builder } from '../builder.ts';
import { ClusterRef, ExportJobRef } from '../types/refs.ts';
import { clusterShape, type ExportJobShape, exportJobShape } from '../types/shapes.ts';
import { CreateExportJobInput, exportJobBody } from './export-job-inputs.ts';
import { checkInput, clusterNameCheck } from './input-checks.ts';
import { cachedEntity, mutate } from './mutation-effects.ts';
import { mutationErrors } from './mutation-errors.ts';

const CreateExportJobSuccess = builder
  .objectRef<{ exportJob: ExportJobShape }>('CreateExportJobSuccess')
  .implement({
    fields: (t) => ({
      exportJob: t.expose('exportJob', { type: ExportJobRef, nullable: false }),
      cluster: t.field({
        type: ClusterRef,
        nullable: false,
        description: 'Its list of export jobs holds the new one.',
        resolve: ({ exportJob }) => clusterShape(exportJob.groupId, exportJob.clusterName),
      }),
    }),
  });

builder.mutationFields((t) => ({
  createExportJob: t.field({
    type: CreateExportJobSuccess,
    nullable: false,
    description: 'Exports a Cloud Backup snapshot of a cluster to an export bucket. Never retried.',
    errors: mutationErrors('CreateExportJob'),
    args: { input: t.arg({ type: CreateExportJobInput, required: true }) },
    resolve: async (_, { input }, context) => {
      const { projectId, clusterName } = input;
      checkInput([clusterNameCheck(clusterName, 'clusterName')]);
      const raw = await mutate<AtlasExportJob>(
        context,
        createExportJob(projectId, clusterName, exportJobBody(input)),
        (job) => ({
          stale: [`${exportsPath(projectId, clusterName)}?`],
          fresh: job.id ? [[getExportJob(projectId, clusterName, job.id), job]] : [],
          entities: job.id ? [cachedEntity('ExportJob', projectId, clusterName, job.id)] : [],
        }),
      );
      return { exportJob: exportJobShape(projectId, clusterName, raw) };
    },
  }),
}));
