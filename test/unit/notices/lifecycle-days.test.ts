import { expect } from 'chai';
import { DateTime } from 'luxon';
import { dayAfter, lifecycleDays, noticeKey } from '../../../src/features/notices/lifecycle-days.js';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('the lifecycle job’s days (issue 18, item 2)', () => {
  const cases: Array<{ name: string; now: string; zone: string; today: string; from: string; month: string }> = [
    {
      name: 'winter: Oslo is an hour ahead, so 23:30 UTC is already the next day',
      now: '2026-11-30T23:30:00.000Z',
      zone: 'Europe/Oslo',
      today: '2026-12-01',
      from: '2026-11-01',
      month: '2026-12',
    },
    {
      name: 'winter: 22:59 UTC is still the last day in Oslo',
      now: '2026-11-30T22:59:00.000Z',
      zone: 'Europe/Oslo',
      today: '2026-11-30',
      from: '2026-10-31',
      month: '2026-11',
    },
    {
      name: 'summer: Oslo is two hours ahead',
      now: '2026-06-30T22:30:00.000Z',
      zone: 'Europe/Oslo',
      today: '2026-07-01',
      from: '2026-06-01',
      month: '2026-07',
    },
    {
      name: 'UTC stays UTC',
      now: '2026-11-30T23:30:00.000Z',
      zone: 'UTC',
      today: '2026-11-30',
      from: '2026-10-31',
      month: '2026-11',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(lifecycleDays(at(c.now), c.zone, 30)).to.deep.equal({
        today: c.today,
        lookBackFrom: c.from,
        month: c.month,
      });
    });
  }

  it('refuses an unknown zone rather than reading it as UTC', () => {
    expect(() => lifecycleDays(at('2026-11-30T23:30:00.000Z'), 'Mars/Olympus_Mons', 30)).to.throw(RangeError);
  });

  it('a pause until the last day of a month is over on the first of the next', () => {
    expect(dayAfter('2026-11-30')).to.equal('2026-12-01');
    expect(dayAfter('2026-12-31')).to.equal('2027-01-01');
    expect(dayAfter('2028-02-28')).to.equal('2028-02-29');
  });

  it('one key per event: person, skill and day; the data review once a month per organisation', () => {
    expect(noticeKey('pause_ended', { representativeId: 7, date: '2026-12-01' })).to.equal('pause_ended:7:2026-12-01');
    expect(noticeKey('training_expired', { representativeId: 7, skillId: 3, date: '2026-11-30' })).to.equal(
      'training_expired:7:3:2026-11-30',
    );
    expect(noticeKey('term_ended', { representativeId: 7, date: '2026-11-30' })).to.equal('term_ended:7:2026-11-30');
    expect(noticeKey('data_review_due', { organisationId: 2, date: '2026-12-01' })).to.equal(
      'data_review_due:2:2026-12',
    );
    expect(noticeKey('data_review_due', { organisationId: 2, date: '2026-12-31' })).to.equal(
      noticeKey('data_review_due', { organisationId: 2, date: '2026-12-01' }),
    );
  });
});
