import type { Db } from '../../db.js';
import { insertReturningIds, on } from '../../db.js';
import { toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { Correction, DownloadedPeriod } from './payment-corrections.js';

/** What one person is owed for a period by one version of the honorarium rules. */
export interface PaymentRow {
  representativeId: number;
  name: string;
  postalAddress: string;
  ruleVersion: number;
  entries: number;
  /** The time attended, the preparation time, and the time paid by the rules (rounded, with the minimum). */
  minutes: number;
  preparationMinutes: number;
  paidMinutes: number;
  honorariumOre: number;
  travelCostOre: number;
}

export interface PaymentExport extends DownloadedPeriod {
  id: number;
  exportedAt: string;
  exportedBy: string;
}

export interface RecordedCorrection extends Correction {
  id: number;
  name: string;
  changedAt: string;
  changedBy: string;
}

/** One person's sums for a period and rule version (pg returns SUM of a bigint as a string). */
interface SumsRow {
  id: number | string;
  name: string;
  postal_address: string | null;
  rule_version: number | string;
  entries: number | string;
  minutes: number | string;
  preparation_minutes: number | string;
  paid_minutes: number | string;
  honorarium_ore: number | string;
  travel_cost_ore: number | string;
}

interface PeriodRow {
  period_from: string | Date;
  period_to: string | Date;
}

interface ExportRow extends PeriodRow {
  id: number | string;
  exported_at: string | Date;
  user_name: string | null;
}

/** A payment_corrections row with the person's name and the name of who made the change. */
interface CorrectionRow {
  id: number | string;
  representative_id: number | string;
  occurred_on: string | Date;
  honorarium_before_ore: number | string;
  honorarium_after_ore: number | string;
  travel_before_ore: number | string;
  travel_after_ore: number | string;
  rule_version_before: number | string | null;
  rule_version_after: number | string | null;
  changed_at: string | Date;
  name: string;
  user_name: string | null;
}

/** The payment list, its downloads and the corrections after them. Every query takes the organisation. */
export class PaymentsRepository {
  constructor(private readonly db: Db) {}

  async rows(organisationId: number, from: string, to: string): Promise<PaymentRow[]> {
    const rows = await this.db('involvements as v')
      .join('representatives as r', 'r.id', 'v.representative_id')
      .where('v.organisation_id', organisationId)
      // the people's side scoped too: PostgreSQL reads the organisation's people by index instead of hashing every
      // person of the installation (issue 26: 476 ms of a month's list for the largest of 357 organisations)
      .where('r.organisation_id', organisationId)
      .where('v.occurred_on', '>=', from)
      .where('v.occurred_on', '<=', to)
      .where((q) => void q.where('v.honorarium_ore', '>', 0).orWhere('v.travel_cost_ore', '>', 0))
      .groupBy('r.id', 'r.name', 'r.postal_address', 'r.sort_key', 'v.honorarium_rule_version')
      .orderBy([{ column: 'r.sort_key' }, { column: 'r.id' }, { column: 'v.honorarium_rule_version' }])
      .select<SumsRow[]>(
        'r.id',
        'r.name',
        'r.postal_address',
        'v.honorarium_rule_version as rule_version',
        this.db.raw('count(*) as entries'),
        this.db.raw('sum(v.minutes) as minutes'),
        this.db.raw('sum(v.preparation_minutes) as preparation_minutes'),
        this.db.raw('sum(v.paid_minutes) as paid_minutes'),
        this.db.raw('sum(v.honorarium_ore) as honorarium_ore'),
        this.db.raw('sum(v.travel_cost_ore) as travel_cost_ore'),
      );
    return rows.map((r) => ({
      representativeId: toNumber(r.id),
      name: r.name,
      postalAddress: r.postal_address ?? '',
      ruleVersion: toNumber(r.rule_version),
      entries: toNumber(r.entries),
      minutes: toNumber(r.minutes),
      preparationMinutes: toNumber(r.preparation_minutes),
      paidMinutes: toNumber(r.paid_minutes),
      honorariumOre: toNumber(r.honorarium_ore),
      travelCostOre: toNumber(r.travel_cost_ore),
    }));
  }

  /** The downloaded periods that touch the dates from..to: a change on one of their days is a correction. */
  async downloadedPeriods(organisationId: number, from: string, to: string, tx?: Tx): Promise<DownloadedPeriod[]> {
    const db = on(this.db, tx);
    const rows = await db('payment_exports')
      .where({ organisation_id: organisationId })
      .where('period_from', '<=', to)
      .where('period_to', '>=', from)
      .select<PeriodRow[]>('period_from', 'period_to');
    return rows.map((r) => ({ from: toIsoDate(r.period_from)!, to: toIsoDate(r.period_to)! }));
  }

  async insertExport(organisationId: number, from: string, to: string, userId: number, now: string, tx?: Tx) {
    const [id] = await insertReturningIds(on(this.db, tx), 'payment_exports', [
      {
        organisation_id: organisationId,
        period_from: from,
        period_to: to,
        exported_by_user_id: userId,
        exported_at: now,
      },
    ]);
    return id!;
  }

  /** The downloads of periods that overlap from..to, the latest first. */
  async exports(organisationId: number, from: string, to: string): Promise<PaymentExport[]> {
    const rows = await this.db('payment_exports as e')
      .leftJoin('users as u', 'u.id', 'e.exported_by_user_id')
      .where('e.organisation_id', organisationId)
      .where('e.period_from', '<=', to)
      .where('e.period_to', '>=', from)
      .orderBy([
        { column: 'e.exported_at', order: 'desc' },
        { column: 'e.id', order: 'desc' },
      ])
      .select<ExportRow[]>('e.id', 'e.period_from', 'e.period_to', 'e.exported_at', 'u.name as user_name');
    return rows.map((r) => ({
      id: toNumber(r.id),
      from: toIsoDate(r.period_from)!,
      to: toIsoDate(r.period_to)!,
      exportedAt: toInstant(r.exported_at)!,
      exportedBy: r.user_name ?? '',
    }));
  }

  async insertCorrections(
    organisationId: number,
    corrections: Correction[],
    userId: number,
    now: string,
    tx?: Tx,
  ): Promise<void> {
    if (!corrections.length) return;
    const db = on(this.db, tx);
    await db('payment_corrections').insert(
      corrections.map((c) => ({
        organisation_id: organisationId,
        representative_id: c.representativeId,
        occurred_on: c.occurredOn,
        honorarium_before_ore: c.honorariumBeforeOre,
        honorarium_after_ore: c.honorariumAfterOre,
        travel_before_ore: c.travelBeforeOre,
        travel_after_ore: c.travelAfterOre,
        rule_version_before: c.ruleVersionBefore,
        rule_version_after: c.ruleVersionAfter,
        changed_by_user_id: userId,
        changed_at: now,
      })),
    );
  }

  /** The corrections to amounts dated in from..to, the latest first. */
  async corrections(organisationId: number, from: string, to: string): Promise<RecordedCorrection[]> {
    const rows = await this.db('payment_corrections as c')
      .join('representatives as r', 'r.id', 'c.representative_id')
      .leftJoin('users as u', 'u.id', 'c.changed_by_user_id')
      .where('c.organisation_id', organisationId)
      .where('r.organisation_id', organisationId)
      .where('c.occurred_on', '>=', from)
      .where('c.occurred_on', '<=', to)
      .orderBy([
        { column: 'c.changed_at', order: 'desc' },
        { column: 'c.id', order: 'desc' },
      ])
      .select<CorrectionRow[]>('c.*', 'r.name', 'u.name as user_name');
    const version = (v: number | string | null | undefined) => (v === null || v === undefined ? null : toNumber(v));
    return rows.map((r) => ({
      id: toNumber(r.id),
      representativeId: toNumber(r.representative_id),
      name: r.name,
      occurredOn: toIsoDate(r.occurred_on)!,
      honorariumBeforeOre: toNumber(r.honorarium_before_ore),
      honorariumAfterOre: toNumber(r.honorarium_after_ore),
      travelBeforeOre: toNumber(r.travel_before_ore),
      travelAfterOre: toNumber(r.travel_after_ore),
      ruleVersionBefore: version(r.rule_version_before),
      ruleVersionAfter: version(r.rule_version_after),
      changedAt: toInstant(r.changed_at)!,
      changedBy: r.user_name ?? '',
    }));
  }
}
