import { daily, type JobDefinition } from '../jobs/scheduler.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { AuditRepository } from './audit.repository.js';

/** Aggregated anonymous refusals (counted per source and hour) are kept this long. */
export const AUDIT_AGGREGATE_RETENTION_DAYS = 90;
/** The local hour of the audit log's nightly purges. */
export const AUDIT_PURGE_HOUR = 3;

export interface AuditJobDeps {
  audit: AuditRepository;
  organisations: Pick<OrganisationDirectory, 'allSettings'>;
  timeZone: string;
}

/**
 * The audit log's housekeeping, nightly: aggregated refusals after 90 days, and each organisation's events after
 * its retention (`auditRetentionYears`, 5 years by default). Only log rows go: a representative is never erased by
 * a job (the data-review list shows who is due for a review).
 */
export function auditJobs(deps: AuditJobDeps): JobDefinition[] {
  return [
    {
      name: 'purge-audit-aggregates',
      ...daily(deps.timeZone, AUDIT_PURGE_HOUR),
      run: async (now) => ({
        // a row's hour ends at most an hour after its first occurrence: an hour more, so that the whole hour is past
        aggregates: await deps.audit.purgeAggregatesBefore(
          now.minus({ days: AUDIT_AGGREGATE_RETENTION_DAYS, hours: 1 }).toISO()!,
        ),
      }),
    },
    {
      name: 'purge-audit-events',
      ...daily(deps.timeZone, AUDIT_PURGE_HOUR),
      run: async (now) => {
        let events = 0;
        for (const organisation of await deps.organisations.allSettings()) {
          const before = now.setZone(organisation.timeZone).minus({ years: organisation.settings.auditRetentionYears });
          events += await deps.audit.purgeEventsBefore(organisation.id, before.toUTC().toISO()!);
        }
        return { events };
      },
    },
  ];
}
