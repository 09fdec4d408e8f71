import { expect } from 'chai';
import { DateTime } from 'luxon';
import {
  nextMeetingStart,
  reminderAt,
  replyDeadline,
  tooLateToSend,
} from '../../../src/features/invitations/reply-deadline.js';

const ZONE = 'Europe/Oslo';
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const utc = (d: DateTime) => d.toUTC().toISO();

describe('the reply deadline (issue 14, item 4)', () => {
  const cases: Array<{ name: string; now: string; expiryDays: number; meeting: string | null; deadline: string }> = [
    {
      name: 'no meeting: now plus the expiry',
      now: '2026-12-01T10:00:00.000Z',
      expiryDays: 14,
      meeting: null,
      deadline: '2026-12-15T10:00:00.000Z',
    },
    {
      name: 'a meeting far off: now plus the expiry',
      now: '2026-12-01T10:00:00.000Z',
      expiryDays: 14,
      meeting: '2027-01-12T09:00:00.000Z',
      deadline: '2026-12-15T10:00:00.000Z',
    },
    {
      // the reported case: sent 14 days minus two minutes before the meeting, the deadline fell after its start
      name: 'sent 14 days before the first meeting: 12:00 Oslo time the day before it',
      now: '2027-01-28T09:02:00.000Z',
      expiryDays: 14,
      meeting: '2027-02-11T09:00:00.000Z',
      deadline: '2027-02-10T11:00:00.000Z',
    },
    {
      name: 'in summer time, 12:00 in Oslo is 10:00 UTC',
      now: '2027-06-01T08:00:00.000Z',
      expiryDays: 14,
      meeting: '2027-06-08T07:00:00.000Z',
      deadline: '2027-06-07T10:00:00.000Z',
    },
    {
      name: 'a meeting just after midnight Oslo time counts the Oslo day, not the UTC day',
      now: '2027-01-01T08:00:00.000Z',
      expiryDays: 14,
      // 00:30 on 10 January in Oslo is 23:30 on 9 January in UTC
      meeting: '2027-01-09T23:30:00.000Z',
      deadline: '2027-01-09T11:00:00.000Z',
    },
    {
      name: 'a meeting ending the expiry the same instant: the earlier wins',
      now: '2027-01-01T11:00:00.000Z',
      expiryDays: 3,
      meeting: '2027-01-05T08:00:00.000Z',
      deadline: '2027-01-04T11:00:00.000Z',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const deadline = replyDeadline(at(c.now), c.expiryDays, c.meeting, ZONE);
      expect(utc(deadline)).to.equal(c.deadline);
    });
  }

  it('refuses to send with less than 24 hours to the deadline, and allows exactly 24', () => {
    const now = at('2027-01-10T11:00:00.000Z');
    expect(tooLateToSend(now, at('2027-01-11T10:59:59.000Z'))).to.equal(true);
    expect(tooLateToSend(now, at('2027-01-11T11:00:00.000Z'))).to.equal(false);
    expect(tooLateToSend(now, at('2027-01-09T11:00:00.000Z'))).to.equal(true);
  });

  const reminders: Array<{ name: string; sent: string; deadline: string; lead: number; remind: string }> = [
    {
      name: 'a long time to answer: at the lead time before the deadline',
      sent: '2026-12-01T10:00:00.000Z',
      deadline: '2026-12-15T10:00:00.000Z',
      lead: 3,
      remind: '2026-12-12T10:00:00.000Z',
    },
    {
      name: 'a short time to answer: halfway, not on the day it was sent',
      sent: '2026-12-01T10:00:00.000Z',
      deadline: '2026-12-03T10:00:00.000Z',
      lead: 3,
      remind: '2026-12-02T10:00:00.000Z',
    },
    {
      name: 'exactly twice the lead: both rules give the same instant',
      sent: '2026-12-01T10:00:00.000Z',
      deadline: '2026-12-07T10:00:00.000Z',
      lead: 3,
      remind: '2026-12-04T10:00:00.000Z',
    },
  ];
  for (const r of reminders) {
    it(`reminds ${r.name}`, () => {
      expect(utc(reminderAt(at(r.sent), at(r.deadline), r.lead))).to.equal(r.remind);
    });
  }

  it('takes the next meeting that has not started, ignoring cancelled and past ones', () => {
    const now = at('2027-01-10T12:00:00.000Z');
    const meetings = [
      { startsAt: '2027-01-09T09:00:00.000Z', cancelledAt: null },
      { startsAt: '2027-01-20T09:00:00.000Z', cancelledAt: null },
      { startsAt: '2027-01-15T09:00:00.000Z', cancelledAt: '2027-01-01T09:00:00.000Z' },
      { startsAt: '2027-01-18T09:00:00.000Z', cancelledAt: null },
    ];
    expect(nextMeetingStart(meetings, now)).to.equal('2027-01-18T09:00:00.000Z');
    expect(nextMeetingStart([meetings[0]!], now)).to.equal(null);
  });
});
