import { type AtlasExportJob, getExportJob } from '../../atlas/export-jobs.ts';
import { ExportJobRef } from '../types/refs.ts';
import { exportJobShape } from '../types/shapes.ts';
import { watchField, watchKind } from './watch-field.ts';

/** States an export job never leaves: a watch ends there. */
const FINAL_EXPORT_STATES: ReadonlySet<string> = new Set(['Successful', 'Failed', 'Cancelled']);

watchField('exportJobUpdated', {
  type: ExportJobRef,
  description:
    'An export job as it is now, then again whenever it changes (state, exported collections); the stream ends after SUCCESSFUL, FAILED or CANCELLED. ' +
    "Takes the job's global ID. The gateway polls Atlas once per job however many clients watch it.",
  idDescription: "The export job's global ID (`ExportJob.id`).",
  what: 'an export job',
  label: 'export-job',
  kinds: {
    ExportJob: watchKind({
      request: ({ groupId, keys: [clusterName, exportId] }) =>
        getExportJob(groupId, clusterName!, exportId!),
      shape: ({ groupId, keys: [clusterName] }, raw: AtlasExportJob) =>
        exportJobShape(groupId, clusterName!, raw),
      isFinal: (job: AtlasExportJob) =>
        typeof job.state === 'string' && FINAL_EXPORT_STATES.has(job.state),
    }),
  },
});
