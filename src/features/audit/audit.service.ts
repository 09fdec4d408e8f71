import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../db.js';
import type { AuditEventInput, AuditFilter, AuditRepository, AuditEvent } from './audit.repository.js';

export const AUDIT_PAGE_SIZE = 50;

/** Records who did what to which record: ids and codes only, so that an erasure leaves nothing personal behind. */
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  record(event: AuditEventInput, trx?: Db): Promise<void> {
    return this.audit.insert(event, this.clock.now().toISO()!, trx);
  }

  async page(
    organisationId: number,
    filter: AuditFilter,
    page: number,
  ): Promise<{ events: AuditEvent[]; total: number; actions: string[] }> {
    const [events, total, actions] = await Promise.all([
      this.audit.list(organisationId, filter, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE),
      this.audit.count(organisationId, filter),
      this.audit.distinctActions(organisationId),
    ]);
    return { events, total, actions };
  }
}
