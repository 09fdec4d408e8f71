import type { Clock } from '../../lib/clock.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { HonorariumRulesService } from './honorarium-rules.service.js';
import { correctionsFor, type PaidAmounts } from './payment-corrections.js';
import type { PaymentsRepository } from './payments.repository.js';

/** Records the corrections that changes to entries make to periods already downloaded (in the change's transaction). */
export class PaymentCorrections {
  constructor(private readonly deps: { payments: PaymentsRepository }) {}

  async record(
    actor: CurrentUser,
    changes: Array<{ before?: PaidAmounts; after?: PaidAmounts }>,
    now: string,
    tx: Tx,
  ): Promise<void> {
    const dates = changes.flatMap((c) => [c.before?.occurredOn, c.after?.occurredOn]).filter((d) => d !== undefined);
    if (!dates.length) return;
    dates.sort();
    const { payments } = this.deps;
    const downloaded = await payments.downloadedPeriods(actor.organisationId, dates[0]!, dates.at(-1)!, tx);
    if (!downloaded.length) return;
    const corrections = changes.flatMap((c) => correctionsFor(c.before, c.after, downloaded));
    await payments.insertCorrections(actor.organisationId, corrections, actor.id, now, tx);
  }
}

/**
 * The payment list for the finance office: what each person is owed in a period by each version of the rules,
 * the downloads of it (each recorded and audited) and the corrections made after a download.
 */
export class PaymentsService {
  constructor(
    private readonly deps: {
      transact: Transact;
      payments: PaymentsRepository;
      rules: HonorariumRulesService;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  /** The list on screen (audited: it shows names and amounts). */
  async list(actor: CurrentUser, from: string, to: string) {
    const { payments, rules } = this.deps;
    const [rows, versions, exports, corrections] = await Promise.all([
      payments.rows(actor.organisationId, from, to),
      rules.versions(actor.organisationId),
      payments.exports(actor.organisationId, from, to),
      payments.corrections(actor.organisationId, from, to),
    ]);
    await this.audit(actor, 'involvement.payments_viewed', { from, to });
    return {
      rows,
      versions: new Map(versions.map((v) => [v.version, v])),
      exports,
      corrections: corrections.map((c) => ({
        ...c,
        // a later download of a period with this date already carries the corrected amount
        downloadedSince: exports.some(
          (e) => e.from <= c.occurredOn && c.occurredOn <= e.to && e.exportedAt > c.changedAt,
        ),
      })),
    };
  }

  /** The list as downloaded for the finance office: the download is recorded (who, when, which period) and audited. */
  async download(actor: CurrentUser, from: string, to: string) {
    const { transact, payments, rules, clock } = this.deps;
    const [rows, versions] = await Promise.all([
      payments.rows(actor.organisationId, from, to),
      rules.versions(actor.organisationId),
    ]);
    const now = clock.now().toISO()!;
    await transact(async (tx) => {
      const exportId = await payments.insertExport(actor.organisationId, from, to, actor.id, now, tx);
      await this.audit(actor, 'involvement.payments_exported', { from, to, exportId }, tx);
    });
    return { rows, versions: new Map(versions.map((v) => [v.version, v])) };
  }

  /** What the user did with the organisation's payment list. */
  private audit(actor: CurrentUser, action: string, details: Record<string, string | number>, tx?: Tx) {
    return this.deps.audit.byUser(actor, action, { type: 'organisation', id: actor.organisationId }, details, tx);
  }
}
