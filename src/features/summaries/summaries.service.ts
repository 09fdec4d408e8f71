import { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { forbidden, notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import { calendarPeriod } from '../reports/periods.js';
import type { CurrentUser } from '../users/users.types.js';
import type { Summary, SummaryInput, SummaryPeriod } from './summaries.model.js';
import type { SummariesRepository, SummaryRow } from './summaries.repository.js';

export interface SummariesServiceDeps {
  transact: Transact;
  summaries: SummariesRepository;
  audit: Pick<AuditService, 'byUser'>;
  clock: Clock;
}

const READERS = new Set(['facilitator', 'admin', 'supervisor']);
const WRITERS = new Set(['facilitator', 'admin']);

/**
 * Written summaries of a month, a quarter or a year (issue 21, item 2): facilitators and admins write them, everyone
 * who reads the report reads them. One per period: a second one for the same period is refused (edit the first).
 * A period that has not begun has nothing to sum up yet and is refused too.
 */
export class SummariesService {
  constructor(private readonly deps: SummariesServiceDeps) {}

  private summary(row: SummaryRow, zone: string): Summary {
    const { from, to } = calendarPeriod(row.period, DateTime.fromISO(row.start, { zone }));
    return { ...row, from, to };
  }

  async list(actor: CurrentUser): Promise<Summary[]> {
    if (!READERS.has(actor.role)) throw forbidden();
    return (await this.deps.summaries.list(actor.organisationId)).map((r) => this.summary(r, actor.timeZone));
  }

  async get(actor: CurrentUser, id: number): Promise<Summary> {
    if (!READERS.has(actor.role)) throw forbidden();
    const row = await this.deps.summaries.find(actor.organisationId, id);
    if (!row) throw notFound();
    return this.summary(row, actor.timeZone);
  }

  /** The summary of exactly this period (a report of a month, quarter or year of the whole organisation). */
  async forPeriod(actor: CurrentUser, period: SummaryPeriod, from: string): Promise<Summary | undefined> {
    const row = await this.deps.summaries.forPeriod(actor.organisationId, period, from);
    return row && this.summary(row, actor.timeZone);
  }

  /** The summary written or changed last, for the weekly digest. */
  async latest(organisationId: number, zone: string): Promise<Summary | undefined> {
    const row = await this.deps.summaries.latest(organisationId);
    return row && this.summary(row, zone);
  }

  /** The period's first day, or why it is refused (not begun yet). */
  private start(actor: CurrentUser, input: SummaryInput): string | FieldProblem {
    const zone = actor.timeZone;
    const { from } = calendarPeriod(input.period, DateTime.fromISO(input.at, { zone }));
    const today = this.deps.clock.now().setZone(zone).toISODate()!;
    if (from > today) return { field: 'at', key: 'summaries.errors.future' };
    return from;
  }

  /** Writes a new summary; a FieldProblem when its period has one already or has not begun. */
  create(actor: CurrentUser, input: SummaryInput): Promise<number | FieldProblem> {
    return this.save(actor, undefined, input);
  }

  async update(actor: CurrentUser, id: number, input: SummaryInput): Promise<FieldProblem | undefined> {
    const saved = await this.save(actor, id, input);
    return typeof saved === 'number' ? undefined : saved;
  }

  /**
   * Writes a summary, new (no id) or changed, with its audit event, in one transaction: its id, or a FieldProblem
   * when its period has another summary already or has not begun. A changed one must exist (else not found).
   */
  private async save(actor: CurrentUser, id: number | undefined, input: SummaryInput): Promise<number | FieldProblem> {
    if (!WRITERS.has(actor.role)) throw forbidden();
    const start = this.start(actor, input);
    if (typeof start !== 'string') return start;
    const { organisationId } = actor;
    return this.deps.transact(async (tx) => {
      if (id !== undefined && !(await this.deps.summaries.find(organisationId, id, tx))) throw notFound();
      const other = await this.deps.summaries.forPeriod(organisationId, input.period, start, tx);
      if (other && other.id !== id) return { field: 'at', key: 'summaries.errors.exists' };
      const now = this.deps.clock.now().toISO()!;
      const summary = { period: input.period, start, ...this.text(input), userId: actor.id };
      const saved =
        id === undefined
          ? await this.deps.summaries.insert({ organisationId, ...summary }, now, tx)
          : await this.deps.summaries.update(organisationId, id, summary, now, tx).then(() => id);
      const target = { type: 'report_summary', id: saved };
      await this.deps.audit.byUser(actor, 'summaries.saved', target, { period: input.period, start }, tx);
      return saved;
    });
  }

  async remove(actor: CurrentUser, id: number): Promise<void> {
    if (!WRITERS.has(actor.role)) throw forbidden();
    await this.deps.transact(async (tx) => {
      if (!(await this.deps.summaries.remove(actor.organisationId, id, tx))) throw notFound();
      await this.deps.audit.byUser(actor, 'summaries.deleted', { type: 'report_summary', id }, {}, tx);
    });
  }

  private text(input: SummaryInput) {
    // paragraphs are kept as typed; line endings are made one kind
    return { title: input.title, body: input.body.replace(/\r\n?/g, '\n') };
  }
}
