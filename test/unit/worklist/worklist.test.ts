import { expect } from 'chai';
import { DateTime } from 'luxon';
import { applyMarks, buildWorklist } from '../../../src/features/worklist/worklist.js';
import type { WorkItem, WorklistFacts, WorklistMark } from '../../../src/features/worklist/worklist.model.js';

// The worklist's rules (issue 20, item 1): which key an item gets, how urgent it is, and what marks hide.

const NOW = DateTime.fromISO('2026-12-01T09:00:00.000Z').setZone('Europe/Oslo'); // Tuesday 10:00 in Oslo

const noFacts = (): WorklistFacts => ({
  answers: [],
  undeliverable: [],
  nearDeadline: [],
  toRecord: [],
  toContact: [],
  unsent: [],
  paused: [],
  withdrawn: [],
  shortOfSeats: [],
  meetings: [],
  withoutAttendance: [],
  notFedBack: [],
  endings: [],
  requests: [],
  followUps: [],
  unitRequests: [],
  surveys: [],
  notices: [],
});
const person = { invitationId: 7, projectId: 3, title: 'P', representativeId: 9, name: 'N' };
const only = (facts: Partial<WorklistFacts>) => {
  const list = buildWorklist({ ...noFacts(), ...facts }, [], NOW);
  const items = list.groups.flatMap((g) => g.items);
  expect(items, 'one item').to.have.length(1);
  return items[0]!;
};

describe('the worklist’s items: keys and urgency (issue 20, item 1)', () => {
  const cases: Array<{ name: string; facts: Partial<WorklistFacts>; key: string; urgency: string }> = [
    {
      name: 'an undeliverable invitation is for now',
      facts: { undeliverable: [person] },
      key: 'undeliverable:7',
      urgency: 'now',
    },
    {
      name: 'an answer of today is for now, under a key with its answer (a changed answer is new)',
      facts: { answers: [{ ...person, status: 'declined', respondedAt: '2026-12-01T07:00:00.000Z' }] },
      key: 'answer:7:declined',
      urgency: 'now',
    },
    {
      name: 'an answer of five days ago is for this week',
      facts: { answers: [{ ...person, status: 'accepted', respondedAt: '2026-11-26T07:00:00.000Z' }] },
      key: 'answer:7:accepted',
      urgency: 'week',
    },
    {
      name: 'a deadline tomorrow is for now',
      facts: { nearDeadline: [{ ...person, channel: 'email', expiresAt: '2026-12-02T15:00:00.000Z' }] },
      key: 'deadline:7',
      urgency: 'now',
    },
    {
      name: 'a deadline in three days is for this week',
      facts: { nearDeadline: [{ ...person, channel: 'email', expiresAt: '2026-12-04T08:00:00.000Z' }] },
      key: 'deadline:7',
      urgency: 'week',
    },
    {
      name: 'a pause without a last day has its own key (pausing again until a day is new)',
      facts: { paused: [{ ...person, pausedUntil: null }] },
      key: 'paused:7:open',
      urgency: 'week',
    },
    {
      name: 'seats short five days before the first meeting are for now, keyed by that meeting',
      facts: {
        shortOfSeats: [
          { projectId: 3, title: 'P', seats: 3, filled: 1, meetingId: 11, meetingAt: '2026-12-06T09:00:00.000Z' },
        ],
      },
      key: 'seats:3:11',
      urgency: 'now',
    },
    {
      name: 'seats short with no meeting yet are for soon',
      facts: { shortOfSeats: [{ projectId: 3, title: 'P', seats: 3, filled: 1, meetingId: null, meetingAt: null }] },
      key: 'seats:3:none',
      urgency: 'soon',
    },
    {
      name: 'a meeting at 23:30 Oslo time today is today (the organisation’s zone, not UTC)',
      facts: {
        meetings: [{ meetingId: 5, projectId: 3, title: 'P', startsAt: '2026-12-01T22:30:00.000Z', sequence: 2 }],
      },
      key: 'meeting:5:2',
      urgency: 'now',
    },
    {
      name: 'a meeting at 00:30 Oslo time tomorrow is this week',
      facts: {
        meetings: [{ meetingId: 5, projectId: 3, title: 'P', startsAt: '2026-12-01T23:30:00.000Z', sequence: 0 }],
      },
      key: 'meeting:5:0',
      urgency: 'week',
    },
    {
      name: 'a term that ends in 30 days is for soon, keyed by its day',
      facts: {
        endings: [{ representativeId: 9, name: 'N', date: '2026-12-31', skillId: null, skillNb: null, skillEn: null }],
      },
      key: 'term:9:2026-12-31',
      urgency: 'soon',
    },
    {
      name: 'training that expires in ten days is for this week, keyed by person, skill and day',
      facts: {
        endings: [{ representativeId: 9, name: 'N', date: '2026-12-11', skillId: 4, skillNb: 'K', skillEn: 'C' }],
      },
      key: 'training:9:4:2026-12-11',
      urgency: 'week',
    },
    {
      name: 'a follow-up due today is for now',
      facts: { followUps: [{ noteId: 2, contactId: 1, contactName: 'C', followUpOn: '2026-12-01', nextStep: '' }] },
      key: 'followup:2',
      urgency: 'now',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const item = only(c.facts);
      expect([item.key, item.urgency]).to.deep.equal([c.key, c.urgency]);
    });
  }

  it('counts days in the organisation’s zone across the change to summer time', () => {
    // Saturday 27 March 2027 at noon in Oslo; the clocks go forward in the night to Sunday 28 March
    const saturday = DateTime.fromISO('2027-03-27T12:00:00', { zone: 'Europe/Oslo' });
    const urgencyOf = (startsAt: string) =>
      buildWorklist(
        { ...noFacts(), meetings: [{ meetingId: 5, projectId: 3, title: 'P', startsAt, sequence: 0 }] },
        [],
        saturday,
      ).groups[0]!.urgency;
    // 23:30 Saturday in Oslo (22:30 UTC, winter time) is today; 00:30 Sunday (23:30 UTC) is tomorrow
    expect(urgencyOf('2027-03-27T22:30:00.000Z')).to.equal('now');
    expect(urgencyOf('2027-03-27T23:30:00.000Z')).to.equal('week');
    // follow-ups by day: Sunday is in one day, Saturday is today
    const followUp = (followUpOn: string) =>
      buildWorklist(
        {
          ...noFacts(),
          followUps: [{ noteId: 1, contactId: 2, contactName: 'C', followUpOn, nextStep: 'Ring' }],
        },
        [],
        saturday,
      ).groups[0]!.urgency;
    expect(followUp('2027-03-27')).to.equal('now');
    expect(followUp('2027-03-28')).to.equal('week');
  });

  it('lists a phone invitation whose deadline is near once, as a deadline', () => {
    const list = buildWorklist(
      {
        ...noFacts(),
        nearDeadline: [{ ...person, channel: 'phone', expiresAt: '2026-12-02T15:00:00.000Z' }],
        toRecord: [{ ...person, channel: 'phone', expiresAt: '2026-12-02T15:00:00.000Z', sentAt: null }],
      },
      [],
      NOW,
    );
    expect(list.groups.flatMap((g) => g.items.map((i) => i.key))).to.deep.equal(['deadline:7']);
  });

  it('settles a notice and a request through their own forms, and offers no snooze on an answer', () => {
    const notice = only({
      notices: [
        {
          noticeId: 4,
          kind: 'term_ended',
          representativeId: 9,
          name: 'N',
          skillNb: null,
          skillEn: null,
          subjectDate: '2026-11-30',
          count: null,
        },
      ],
    });
    expect(notice.done).to.deep.equal({ kind: 'post', action: '/notices/4/seen' });
    const request = only({
      requests: [{ requestId: 6, representativeId: 9, name: 'N', kind: 'erasure', createdAt: '2026-11-30T10:00:00Z' }],
    });
    expect(request.done).to.deep.equal({ kind: 'post', action: '/representatives/requests/6/handled' });
    const answer = only({ answers: [{ ...person, status: 'accepted', respondedAt: '2026-12-01T07:00:00.000Z' }] });
    expect([answer.done, answer.snooze]).to.deep.equal([{ kind: 'mark' }, false]);
  });
});

describe('the team’s marks on the worklist (issue 20, item 1)', () => {
  const item = (key: string, urgency: WorkItem['urgency'] = 'now', at = ''): WorkItem => ({
    key,
    kind: 'undeliverable',
    urgency,
    href: '/',
    at,
    done: { kind: 'mark' },
    snooze: true,
  });
  const mark = (itemKey: string, state: 'done' | 'snoozed', snoozedUntil: string | null = null): WorklistMark => ({
    itemKey,
    state,
    snoozedUntil,
    markedByName: 'Kari',
    markedAt: '2026-11-30T10:00:00.000Z',
  });
  const open = (items: WorkItem[], marks: WorklistMark[]) =>
    applyMarks(items, marks, '2026-12-01').groups.flatMap((g) => g.items.map((i) => i.key));

  const cases: Array<{ name: string; marks: WorklistMark[]; open: string[]; marked: string[] }> = [
    { name: 'no mark: listed', marks: [], open: ['a:1'], marked: [] },
    { name: 'done: hidden and listed as marked', marks: [mark('a:1', 'done')], open: [], marked: ['a:1'] },
    {
      name: 'snoozed until tomorrow: hidden',
      marks: [mark('a:1', 'snoozed', '2026-12-02')],
      open: [],
      marked: ['a:1'],
    },
    {
      name: 'snoozed until today: back on its day',
      marks: [mark('a:1', 'snoozed', '2026-12-01')],
      open: ['a:1'],
      marked: [],
    },
    {
      name: 'a mark on another key (the situation came back anew): listed',
      marks: [mark('a:0', 'done')],
      open: ['a:1'],
      marked: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const list = applyMarks([item('a:1')], c.marks, '2026-12-01');
      expect(open([item('a:1')], c.marks)).to.deep.equal(c.open);
      expect(list.marked.map((m) => m.item.key)).to.deep.equal(c.marked);
      expect(list.total).to.equal(c.open.length);
    });
  }

  it('groups by urgency, most urgent first, and sorts a group by its time; empty groups are left out', () => {
    const list = applyMarks(
      [item('c', 'soon'), item('b', 'now', '2026-12-02'), item('a', 'now', '2026-12-01')],
      [],
      '2026-12-01',
    );
    expect(list.groups.map((g) => [g.urgency, g.items.map((i) => i.key)])).to.deep.equal([
      ['now', ['a', 'b']],
      ['soon', ['c']],
    ]);
  });

  it('lists a survey whose answers are ready this week, linking to the results, to be marked done or snoozed', () => {
    const survey = only({
      surveys: [{ surveyId: 4, projectId: 3, title: 'P', answers: 6, closesAt: '2026-11-30T22:59:59.999Z' }],
    });
    expect(survey).to.include({
      key: 'survey:4',
      kind: 'survey',
      urgency: 'week',
      href: '/projects/3/results#results-voice',
      count: 6,
      snooze: true,
    });
    expect(survey.done).to.deep.equal({ kind: 'mark' });
  });
});
