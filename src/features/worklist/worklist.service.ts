import type { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { notFound, forbidden } from '../../lib/errors.js';
import { VersionedCache } from '../../lib/versioned-cache.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditDetails, AuditService } from '../audit/audit.service.js';
import { routeFor } from '../invitations/route-for.js';
import type { NoticesService } from '../notices/notices.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { buildWorklist } from './worklist.js';
import {
  ITEM_KEY_PATTERN,
  MARKS_KEPT_DAYS,
  SNOOZE_MAX_DAYS,
  type WorkItem,
  type Worklist,
  type WorklistFacts,
  type WorklistScope,
  type WorklistView,
  type WorklistWindow,
} from './worklist.model.js';
import type { WorklistRepository } from './worklist.repository.js';
import type { WorklistFactsRepository } from './worklist-facts.repository.js';
import { LIMIT } from './worklist-rows.js';

export interface WorklistServiceDeps {
  transact: Transact;
  worklist: WorklistRepository;
  /** One query per kind of item. */
  facts: WorklistFactsRepository;
  /** Units' open requests for involvement (the unit-requests feature), at most `limit`. */
  unitRequests: { openForWorklist(organisationId: number, limit: number): Promise<WorklistFacts['unitRequests']> };
  /** Survey rounds whose answers are ready (the surveys feature). */
  surveys: {
    readyForWorklist(
      organisationId: number,
      mine: number | null,
      now: string,
      since: string,
      limit: number,
    ): Promise<WorklistFacts['surveys']>;
  };
  /** The lifecycle notices nobody has marked as seen (the team's "since last time"), folded into the list. */
  notices: Pick<NoticesService, 'forDashboard'>;
  audit: Pick<AuditService, 'byUser'>;
  clock: Clock;
}

/** How far the worklist looks, in days (answers and withdrawals back, deadlines, meetings and endings ahead). */
const DAYS = {
  answers: 14,
  withdrawn: 14,
  deadline: 3,
  meetings: 7,
  attendance: 60,
  seatsMeeting: 42,
  endings: 60,
  followUps: 7,
} as const;

const STAFF = new Set(['facilitator', 'admin']);

/** What the page shows: the list, which view it is, and whether the notices' list was cut (how many in all). */
export interface WorklistPage {
  view: WorklistView;
  worklist: Worklist;
  notices: { shown: number; total: number; ids: number[] };
}

/**
 * The facilitators' worklist on `/`: what needs doing, from every feature's facts, grouped by urgency, with the
 * team's marks (done, snoozed) applied. Each kind is one query, all run at once; the marks are one more.
 */
export class WorklistService {
  /**
   * The list per organisation, worklist version, view and minute. The database counts the version up on every change
   * to the tables the list comes from (facts, the team's marks, the notices: see the migration worklist_version),
   * so a cached list is never older than its data; the minute moves the windows with the clock. A reload reads the
   * version instead of every kind's query. Entries are shared by requests: nothing may change them.
   */
  private readonly cache = new VersionedCache({ capacity: 200 });

  constructor(private readonly deps: WorklistServiceDeps) {}

  /** The view asked for, or by default "mine" when the user has projects or people of their own, else "all". */
  async page(actor: CurrentUser, asked?: string): Promise<WorklistPage> {
    if (!STAFF.has(actor.role)) throw forbidden();
    const cacheScope = {
      organisationId: actor.organisationId,
      version: await this.deps.worklist.version(actor.organisationId),
    };
    const view: WorklistView =
      asked === 'mine' || asked === 'all'
        ? asked
        : (await this.cache.get(cacheScope, `own|${actor.id}`, () =>
              this.deps.worklist.hasOwnWork(actor.organisationId, actor.id),
            ))
          ? 'mine'
          : 'all';
    const minute = this.deps.clock.now().setZone(actor.timeZone).startOf('minute');
    const scope = { organisationId: actor.organisationId, mine: view === 'mine' ? actor.id : null };
    const key = `page|${scope.mine ?? 'all'}|${actor.timeZone}|${minute.toMillis()}`;
    return this.cache.get(cacheScope, key, () => this.load(actor, scope, view, minute));
  }

  /** The list from every kind's facts, the team's marks and the notices nobody has marked as seen. */
  private async load(actor: CurrentUser, scope: WorklistScope, view: WorklistView, now: DateTime) {
    const [facts, marks, notices] = await Promise.all([
      this.facts(scope, now),
      this.deps.worklist.marks(actor.organisationId),
      this.deps.notices.forDashboard(actor, scope.mine),
    ]);
    const list = notices?.notices ?? [];
    facts.notices = list.map((n) => ({
      noticeId: n.id,
      kind: n.kind,
      representativeId: n.representativeId,
      name: n.name,
      skillNb: n.skillNb,
      skillEn: n.skillEn,
      subjectDate: n.subjectDate,
      count: n.count,
    }));
    return {
      view,
      worklist: buildWorklist(facts, marks, now),
      notices: { shown: list.length, total: notices?.total ?? 0, ids: list.map((n) => n.id) },
    };
  }

  /** Every kind's facts for the scope, the queries in parallel. */
  private async facts(scope: WorklistScope, now: DateTime): Promise<WorklistFacts> {
    const repo = this.deps.facts;
    const day = (days: number) => now.startOf('day').plus({ days });
    const w: WorklistWindow = {
      now: now.toUTC().toISO()!,
      today: now.toISODate()!,
      answersSince: now.minus({ days: DAYS.answers }).toUTC().toISO()!,
      withdrawnSince: now.minus({ days: DAYS.withdrawn }).toUTC().toISO()!,
      deadlineBefore: now.plus({ days: DAYS.deadline }).toUTC().toISO()!,
      meetingsFrom: day(0).toUTC().toISO()!,
      meetingsBefore: day(DAYS.meetings).toUTC().toISO()!,
      attendanceSince: now.minus({ days: DAYS.attendance }).toUTC().toISO()!,
      seatsMeetingBefore: day(DAYS.seatsMeeting).toUTC().toISO()!,
      endingsTo: day(DAYS.endings).toISODate()!,
      followUpsBy: day(DAYS.followUps).toISODate()!,
    };
    const [answers, undeliverable, waiting, drafts, paused, withdrawn, shortOfSeats, meetings, withoutAttendance] =
      await Promise.all([
        repo.answers(scope, w),
        repo.undeliverable(scope),
        repo.waiting(scope, w),
        repo.drafts(scope),
        repo.paused(scope),
        repo.withdrawn(scope, w),
        repo.shortOfSeats(scope, w),
        repo.meetings(scope, w),
        repo.withoutAttendance(scope, w),
      ]);
    const [notFedBack, endings, requests, followUps, unitRequests, surveys] = await Promise.all([
      repo.notFedBack(scope),
      repo.endings(scope, w),
      repo.requests(scope),
      repo.followUps(scope, w),
      this.deps.unitRequests.openForWorklist(scope.organisationId, LIMIT),
      this.deps.surveys.readyForWorklist(
        scope.organisationId,
        scope.mine,
        w.now,
        now.minus({ days: 60 }).toUTC().toISO()!,
        LIMIT,
      ),
    ]);
    // a shortlist that went out leaves those to phone or write to; one that never went out is a shortlist to send
    const toContact: WorklistFacts['toContact'] = [];
    const unsent = new Map<number, { projectId: number; title: string; count: number }>();
    for (const d of drafts) {
      const route = routeFor(d);
      if (route.kind === 'skip') continue;
      if (d.projectSent && route.kind === 'contact') toContact.push({ ...d, channel: route.channel });
      else if (!d.projectSent) {
        const entry = unsent.get(d.projectId) ?? { projectId: d.projectId, title: d.title, count: 0 };
        entry.count += 1;
        unsent.set(d.projectId, entry);
      }
    }
    return {
      answers,
      undeliverable,
      ...waiting,
      toContact,
      unsent: [...unsent.values()],
      paused,
      withdrawn,
      shortOfSeats,
      meetings,
      withoutAttendance,
      notFedBack,
      endings,
      requests,
      followUps,
      unitRequests,
      surveys,
      notices: [],
    };
  }

  /** The item with this key on the organisation's whole list now (marked or not); 404 when there is none. */
  private async itemOnList(actor: CurrentUser, key: string): Promise<WorkItem> {
    if (!ITEM_KEY_PATTERN.test(key) || key.length > 200) throw notFound();
    const { worklist } = await this.page(actor, 'all');
    const item = [...worklist.groups.flatMap((g) => g.items), ...worklist.marked.map((m) => m.item)].find(
      (i) => i.key === key,
    );
    if (!item || item.done?.kind !== 'mark') throw notFound();
    return item;
  }

  /** Marks an item done for the whole team (audited); it stays off the list until its situation comes back. */
  async markDone(actor: CurrentUser, key: string): Promise<WorkItem> {
    const item = await this.itemOnList(actor, key);
    await this.setMark(actor, key, 'done', null);
    return item;
  }

  /**
   * Snoozes an item until a day in the organisation's zone (after today, within a year); a FieldProblem for a day
   * that is not one of those.
   */
  async snooze(actor: CurrentUser, key: string, until: string): Promise<{ item: WorkItem; problem?: FieldProblem }> {
    const item = await this.itemOnList(actor, key);
    if (!item.snooze) throw notFound();
    const today = this.deps.clock.now().setZone(actor.timeZone).startOf('day');
    const last = today.plus({ days: SNOOZE_MAX_DAYS }).toISODate()!;
    if (until <= today.toISODate()!) return { item, problem: { field: 'until', key: 'worklist.errors.untilPast' } };
    if (until > last) return { item, problem: { field: 'until', key: 'worklist.errors.untilFar' } };
    await this.setMark(actor, key, 'snoozed', until);
    return { item };
  }

  /** Takes a done or snooze mark off, so the item is back on the list; 404 when the item has no mark. */
  async reopen(actor: CurrentUser, key: string): Promise<void> {
    if (!STAFF.has(actor.role)) throw forbidden();
    if (!ITEM_KEY_PATTERN.test(key) || key.length > 200) throw notFound();
    await this.deps.transact(async (tx) => {
      if (!(await this.deps.worklist.clearMark(actor.organisationId, key, tx))) throw notFound();
      await this.deps.audit.byUser(actor, 'worklist.reopened', { type: 'worklist_item', id: null }, { key }, tx);
    });
  }

  private async setMark(actor: CurrentUser, key: string, state: 'done' | 'snoozed', until: string | null) {
    const now = this.deps.clock.now().toISO()!;
    await this.deps.transact(async (tx) => {
      await this.deps.worklist.setMark(
        { organisationId: actor.organisationId, itemKey: key, state, snoozedUntil: until, userId: actor.id },
        now,
        tx,
      );
      const details: AuditDetails = until ? { key, until } : { key };
      await this.deps.audit.byUser(actor, `worklist.${state}`, { type: 'worklist_item', id: null }, details, tx);
    });
  }

  /** The nightly purge: marks set more than a year ago (their situations are long gone or listed anew). */
  purgeOld(now: DateTime): Promise<number> {
    return this.deps.worklist.purgeMarks(now.minus({ days: MARKS_KEPT_DAYS }).toISO()!);
  }
}
