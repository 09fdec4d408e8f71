import { DateTime } from 'luxon';
import {
  URGENCIES,
  type InvitationFact,
  type MarkedItem,
  type Urgency,
  type WorkItem,
  type Worklist,
  type WorklistFacts,
  type WorklistMark,
} from './worklist.model.js';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The calendar day (days since 1970-01-01) of an instant in `now`'s zone, by the zone's offset at that instant:
 * luxon's parse and startOf per item cost most of the list's time, this costs an offset lookup.
 */
function dayNumberIn(now: DateTime): (ms: number) => number {
  const zone = now.zone;
  return (ms) => Math.floor((ms + zone.offset(ms) * 60_000) / DAY_MS);
}

/**
 * The worklist's rules, pure: which facts become items, under which stable key (so that a mark sticks to the
 * situation and a new situation gets a new key and comes back), how urgent each is, and what the team's marks hide.
 * `now` is the clock's instant in the organisation's zone; days are counted in that zone.
 */
export function buildWorklist(facts: WorklistFacts, marks: WorklistMark[], now: DateTime): Worklist {
  const today = now.startOf('day');
  const dayOf = dayNumberIn(now);
  const todayNumber = dayOf(now.toMillis());
  /** Whole days from today to the day of an instant or ISO date (negative: in the past). */
  const daysTo = (value: string) => {
    if (ISO_DATE.test(value)) return Date.parse(`${value}T00:00:00Z`) / DAY_MS - todayNumber;
    const ms = Date.parse(value);
    return Number.isNaN(ms)
      ? Math.round(DateTime.fromISO(value, { zone: now.zone }).startOf('day').diff(today, 'days').days)
      : dayOf(ms) - todayNumber;
  };
  const items: WorkItem[] = [];
  const person = (f: InvitationFact) => ({
    name: f.name,
    title: f.title,
    href: `/projects/${f.projectId}/invitations`,
  });

  for (const n of facts.notices) {
    items.push({
      key: `notice:${n.noticeId}`,
      kind: 'notice',
      urgency: 'now',
      href: n.kind === 'data_review_due' ? '/representatives/review' : `/representatives/${n.representativeId}`,
      at: n.subjectDate,
      name: n.name ?? undefined,
      date: n.subjectDate,
      count: n.count ?? undefined,
      skillNb: n.skillNb,
      skillEn: n.skillEn,
      status: n.kind,
      // the notice's own "seen" is its done, so that the notices' record says who saw it
      done: { kind: 'post', action: `/notices/${n.noticeId}/seen` },
      snooze: false,
    });
  }
  for (const r of facts.requests) {
    items.push({
      key: `request:${r.requestId}`,
      kind: 'request',
      urgency: 'now',
      href: `/representatives/${r.representativeId}`,
      at: r.createdAt,
      name: r.name,
      time: r.createdAt,
      status: r.kind,
      done: { kind: 'post', action: `/representatives/requests/${r.requestId}/handled` },
      snooze: true,
    });
  }
  for (const u of facts.undeliverable) {
    items.push({
      key: `undeliverable:${u.invitationId}`,
      kind: 'undeliverable',
      urgency: 'now',
      ...person(u),
      at: '',
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  for (const m of facts.withoutAttendance) {
    items.push({
      key: `attendance:${m.meetingId}`,
      kind: 'attendance',
      urgency: 'now',
      href: `/projects/${m.projectId}/meetings/${m.meetingId}/attendance`,
      at: m.startsAt,
      title: m.title,
      time: m.startsAt,
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  for (const d of facts.nearDeadline) {
    items.push({
      key: `deadline:${d.invitationId}`,
      kind: 'deadline',
      urgency: daysTo(d.expiresAt) <= 1 ? 'now' : 'week',
      ...person(d),
      at: d.expiresAt,
      time: d.expiresAt,
      channel: d.channel,
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  // a phone or letter invitation whose deadline is near is already listed above
  const nearDeadline = new Set(facts.nearDeadline.map((d) => d.invitationId));
  for (const r of facts.toRecord.filter((r) => !nearDeadline.has(r.invitationId))) {
    items.push({
      key: `record:${r.invitationId}`,
      kind: 'record',
      urgency: 'week',
      ...person(r),
      at: r.sentAt ?? '',
      time: r.sentAt ?? undefined,
      channel: r.channel,
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  for (const c of facts.toContact) {
    items.push({
      key: `contact:${c.invitationId}`,
      kind: 'contact',
      urgency: 'now',
      ...person(c),
      at: '',
      channel: c.channel,
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  for (const s of facts.unsent) {
    items.push({
      key: `shortlist:${s.projectId}`,
      kind: 'shortlist',
      urgency: 'week',
      href: `/projects/${s.projectId}/invitations`,
      at: '',
      title: s.title,
      count: s.count,
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  for (const a of facts.answers) {
    items.push({
      // a changed answer is a new thing to read
      key: `answer:${a.invitationId}:${a.status}`,
      kind: 'answer',
      urgency: daysTo(a.respondedAt) >= -1 ? 'now' : 'week',
      ...person(a),
      at: a.respondedAt,
      time: a.respondedAt,
      status: a.status,
      done: { kind: 'mark' },
      snooze: false,
    });
  }
  for (const p of facts.paused) {
    items.push({
      // pausing again (another last day) is a new situation
      key: `paused:${p.invitationId}:${p.pausedUntil ?? 'open'}`,
      kind: 'paused',
      urgency: 'week',
      name: p.name,
      title: p.title,
      href: `/projects/${p.projectId}`,
      at: p.pausedUntil ?? '',
      date: p.pausedUntil ?? undefined,
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  for (const w of facts.withdrawn) {
    items.push({
      key: `withdrawn:${w.invitationId}`,
      kind: 'withdrawn',
      urgency: daysTo(w.withdrawnAt) >= -1 ? 'now' : 'week',
      name: w.name,
      title: w.title,
      href: `/projects/${w.projectId}`,
      at: w.withdrawnAt,
      time: w.withdrawnAt,
      done: { kind: 'mark' },
      snooze: false,
    });
  }
  for (const s of facts.shortOfSeats) {
    const days = s.meetingAt ? daysTo(s.meetingAt) : null;
    items.push({
      // the first meeting moved or a new one planned: a new situation
      key: `seats:${s.projectId}:${s.meetingId ?? 'none'}`,
      kind: 'seats',
      urgency: days === null ? 'soon' : days <= 7 ? 'now' : days <= 21 ? 'week' : 'soon',
      href: `/projects/${s.projectId}/matches`,
      at: s.meetingAt ?? '',
      title: s.title,
      time: s.meetingAt ?? undefined,
      count: s.seats - s.filled,
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  for (const m of facts.meetings) {
    items.push({
      // a moved meeting (its sequence goes up) is listed again
      key: `meeting:${m.meetingId}:${m.sequence}`,
      kind: 'meeting',
      urgency: daysTo(m.startsAt) <= 0 ? 'now' : 'week',
      href: `/projects/${m.projectId}`,
      at: m.startsAt,
      title: m.title,
      time: m.startsAt,
      done: { kind: 'mark' },
      snooze: false,
    });
  }
  for (const f of facts.notFedBack) {
    items.push({
      key: `feedback:${f.impactId}`,
      kind: 'feedback',
      urgency: 'week',
      href: `/projects/${f.projectId}/impacts`,
      at: f.decidedOn ?? '',
      title: f.title,
      detail: f.whatChanged,
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  for (const e of facts.endings) {
    const training = e.skillId !== null;
    items.push({
      key: training ? `training:${e.representativeId}:${e.skillId}:${e.date}` : `term:${e.representativeId}:${e.date}`,
      kind: training ? 'training' : 'term',
      urgency: daysTo(e.date) <= 14 ? 'week' : 'soon',
      href: `/representatives/${e.representativeId}`,
      at: e.date,
      name: e.name,
      date: e.date,
      skillNb: e.skillNb,
      skillEn: e.skillEn,
      done: { kind: 'mark' },
      snooze: true,
    });
  }
  for (const f of facts.followUps) {
    items.push({
      key: `followup:${f.noteId}`,
      kind: 'followup',
      urgency: daysTo(f.followUpOn) <= 0 ? 'now' : 'week',
      href: `/contacts/${f.contactId}`,
      at: f.followUpOn,
      name: f.contactName,
      date: f.followUpOn,
      detail: f.nextStep,
      done: { kind: 'mark' },
      snooze: true,
    });
  }

  for (const r of facts.unitRequests) {
    items.push({
      key: `unitrequest:${r.requestId}`,
      kind: 'unitRequest',
      urgency: 'now',
      href: `/requests#request-${r.requestId}`,
      at: r.createdAt,
      name: r.unitName,
      title: r.improve,
      time: r.createdAt,
      done: { kind: 'mark' },
      snooze: true,
    });
  }

  for (const s of facts.surveys) {
    items.push({
      key: `survey:${s.surveyId}`,
      kind: 'survey',
      urgency: 'week',
      href: `/projects/${s.projectId}/results#results-voice`,
      at: s.closesAt,
      title: s.title,
      count: s.answers,
      done: { kind: 'mark' },
      snooze: true,
    });
  }

  return applyMarks(items, marks, today.toISODate()!);
}

/**
 * Hides what the team marked: done for good (until the situation comes back under a new key), snoozed until its
 * day (it is back on that day). The marked items are listed apart, with who marked them.
 */
export function applyMarks(items: WorkItem[], marks: WorklistMark[], today: string): Worklist {
  const byKey = new Map(marks.map((m) => [m.itemKey, m]));
  const open: WorkItem[] = [];
  const marked: MarkedItem[] = [];
  for (const item of items) {
    const mark = byKey.get(item.key);
    const hides = mark && (mark.state === 'done' || (mark.snoozedUntil !== null && mark.snoozedUntil > today));
    if (mark && hides) marked.push({ item, mark });
    else open.push(item);
  }
  const groups = URGENCIES.map((urgency: Urgency) => ({
    urgency,
    items: open.filter((i) => i.urgency === urgency).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
  })).filter((g) => g.items.length > 0);
  marked.sort((a, b) => (a.mark.markedAt < b.mark.markedAt ? 1 : -1));
  return { groups, total: open.length, marked };
}
