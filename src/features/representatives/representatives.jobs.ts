import { every, type JobDefinition } from '../jobs/scheduler.js';
import type { ImportBatchesRepository } from './import-batches.repository.js';

/** An uploaded roster file nobody confirmed is deleted after this long: it holds personal data. */
export const ABANDONED_IMPORT_HOURS = 24;

/** The roster's housekeeping: abandoned imports (uploaded files with personal data) are not kept. */
export function representativesJobs(deps: { importBatches: ImportBatchesRepository }): JobDefinition[] {
  return [
    {
      name: 'purge-abandoned-imports',
      next: every({ hours: 1 }),
      run: async (now) => ({
        batches: await deps.importBatches.purgeOlderThan(now.minus({ hours: ABANDONED_IMPORT_HOURS }).toISO()!),
      }),
    },
  ];
}
