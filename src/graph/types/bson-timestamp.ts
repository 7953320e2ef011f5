import type { AtlasServerlessRestoreJob } from '../../atlas/restore-jobs.ts';
import { builder } from '../builder.ts';

/** A moment in the oplog, as restore jobs name the point they restore to. */
export const BsonTimestampRef = builder
  .objectRef<NonNullable<AtlasServerlessRestoreJob['desiredTimestamp']>>('BsonTimestamp')
  .implement({
    fields: (t) => ({
      date: t.expose('date', { type: 'DateTime' }),
      increment: t.exposeInt('increment'),
    }),
  });
