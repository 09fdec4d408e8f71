import { DateTime } from 'luxon';
import { hashToken } from '../src/lib/tokens.js';

// The demo seed's small tools: a fixed-seed random generator (no Math.random: the same clock gives the same
// rows), dates relative to the injected clock's today in the organisation's zone, and the audit rows the services
// would have written.

/** mulberry32: a tiny deterministic generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** A number in [0, 1). */
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /**
   * A link token shaped like the app's (43 base64url characters) and its hash: the demo's personal links work, and
   * the same clock gives the same links. Development data only: never a production token.
   */
  token(): { token: string; hash: string } {
    let token = '';
    for (let i = 0; i < 43; i += 1) token += BASE64URL[Math.floor(this.next() * 64)];
    return { token, hash: hashToken(token) };
  }
}

/** A day relative to today: `{ d }` days from today, or day `day` of the month `m` months from this one. */
export type When = { d: number } | { m: number; day: number };

/** The demo's calendar: everything is dated from the clock's today in the organisation's zone. */
export class DemoDays {
  readonly now: DateTime;
  readonly today: DateTime;
  constructor(
    now: DateTime,
    readonly zone: string,
  ) {
    this.now = now.toUTC();
    this.today = now.setZone(zone).startOf('day');
  }
  /** The start of a day (in the zone). */
  dayOf(when: When): DateTime {
    if ('d' in when) return this.today.plus({ days: when.d });
    const month = this.today.startOf('month').plus({ months: when.m });
    return month.set({ day: Math.min(when.day, month.daysInMonth!) });
  }
  /** An ISO date. */
  date(when: When): string {
    return this.dayOf(when).toISODate()!;
  }
  /** An ISO date `offset` days from today. */
  day(offset: number): string {
    return this.date({ d: offset });
  }
  /** An instant (ISO, UTC) at a local time of a day. */
  at(when: When, hour = 9, minute = 0): string {
    return this.dayOf(when).set({ hour, minute }).toUTC().toISO()!;
  }
  /** An instant (ISO, UTC) a number of days (and hours) before now. */
  ago(days: number, hours = 0): string {
    return this.now.minus({ days, hours }).toISO()!;
  }
  /** Whether an instant or a day has come: before now. */
  past(iso: string): boolean {
    return DateTime.fromISO(iso, { zone: 'utc' }) < this.now;
  }
  /** How many days before today an instant's (local) day is. */
  daysAgo(iso: string): number {
    const day = DateTime.fromISO(iso, { zone: 'utc' }).setZone(this.zone).startOf('day');
    return Math.round(this.today.diff(day, 'days').days);
  }
  /** The local date (ISO) of an instant. */
  localDate(iso: string): string {
    return DateTime.fromISO(iso, { zone: 'utc' }).setZone(this.zone).toISODate()!;
  }
  /** An instant moved by days (and minutes). */
  shift(iso: string, days: number, minutes = 0): string {
    return DateTime.fromISO(iso, { zone: 'utc' }).plus({ days, minutes }).toUTC().toISO()!;
  }
}

export type AuditDetails = Record<string, string | number | boolean | null>;

/** The audit rows the services write for what the demo did, in the shape of AuditRepository.insert. */
export class DemoAudit {
  readonly rows: Array<Record<string, unknown>> = [];
  constructor(private readonly organisationId: number) {}

  byUser(userId: number, action: string, entity: [string, number | null], details: AuditDetails, at: string): void {
    this.push('user', userId, null, action, entity, details, at);
  }
  byRepresentative(representativeId: number, action: string, entity: [string, number], at: string): void {
    this.push('representative', null, representativeId, action, entity, {}, at);
  }
  bySystem(action: string, entity: [string, number], at: string): void {
    this.push('system', null, null, action, entity, {}, at);
  }
  /** Through a link, naming no one (a survey's answer). */
  anonymous(action: string, entity: [string, number], at: string): void {
    this.push('anonymous', null, null, action, entity, {}, at);
  }

  private push(
    actorType: string,
    userId: number | null,
    representativeId: number | null,
    action: string,
    [entityType, entityId]: [string, number | null],
    details: AuditDetails,
    at: string,
  ): void {
    this.rows.push({
      organisation_id: this.organisationId,
      actor_type: actorType,
      actor_user_id: userId,
      actor_representative_id: representativeId,
      action,
      entity_type: entityType,
      entity_id: entityId,
      details: JSON.stringify(details),
      occurred_at: at,
    });
  }

  /** The rows in the order they happened (the audit page lists them newest first by time, then id). */
  sorted(): Array<Record<string, unknown>> {
    return [...this.rows].sort((a, b) => String(a.occurred_at).localeCompare(String(b.occurred_at)));
  }
}
