import { expect } from 'chai';
import {
  MAX_SERIES_MEETINGS,
  addDays,
  daysBetween,
  seriesCount,
  seriesMeetings,
  shiftAnchor,
  shiftMeetings,
} from '../../../src/features/projects/meeting-dates.js';

const ZONE = 'Europe/Oslo';

describe('shifting a template’s meetings to a new start (issue 20, item 4)', () => {
  const cases: Array<{ name: string; startsAt: string; endsAt: string; days: number; to: [string, string] }> = [
    {
      name: 'winter to winter: the same UTC hour',
      startsAt: '2027-01-11T17:00:00.000Z',
      endsAt: '2027-01-11T19:00:00.000Z',
      days: 14,
      to: ['2027-01-25T17:00:00.000Z', '2027-01-25T19:00:00.000Z'],
    },
    {
      name: 'over the last Sunday of March: 18:00 stays 18:00 (an hour earlier in UTC)',
      startsAt: '2027-03-01T17:00:00.000Z',
      endsAt: '2027-03-01T19:00:00.000Z',
      days: 35,
      to: ['2027-04-05T16:00:00.000Z', '2027-04-05T18:00:00.000Z'],
    },
    {
      name: 'over the last Sunday of October: 18:00 stays 18:00 (an hour later in UTC)',
      startsAt: '2027-10-18T16:00:00.000Z',
      endsAt: '2027-10-18T18:00:00.000Z',
      days: 21,
      to: ['2027-11-08T17:00:00.000Z', '2027-11-08T19:00:00.000Z'],
    },
    {
      name: 'backwards a year, summer to summer',
      startsAt: '2027-06-10T08:00:00.000Z',
      endsAt: '2027-06-10T10:00:00.000Z',
      days: -364,
      to: ['2026-06-11T08:00:00.000Z', '2026-06-11T10:00:00.000Z'],
    },
    {
      name: 'a meeting late in the evening (23:30 in Oslo) moves to the same evening a week on',
      startsAt: '2027-02-01T22:30:00.000Z',
      endsAt: '2027-02-01T23:00:00.000Z',
      days: 7,
      to: ['2027-02-08T22:30:00.000Z', '2027-02-08T23:00:00.000Z'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [moved] = shiftMeetings([{ startsAt: c.startsAt, endsAt: c.endsAt, place: 'Rådhuset' }], c.days, ZONE);
      expect([moved!.startsAt, moved!.endsAt]).to.deep.equal(c.to);
      expect(moved!.place).to.equal('Rådhuset');
    });
  }

  it('shifts from the start date, or from the first meeting’s day (in the zone) when there is none', () => {
    const meetings = [
      { startsAt: '2027-03-10T09:00:00.000Z', endsAt: '2027-03-10T10:00:00.000Z' },
      // 00:30 in Oslo on 3 March is still 2 March in UTC: the anchor is the local day
      { startsAt: '2027-03-02T23:30:00.000Z', endsAt: '2027-03-03T00:30:00.000Z' },
    ];
    expect(shiftAnchor('2027-02-01', meetings, ZONE)).to.equal('2027-02-01');
    expect(shiftAnchor(null, meetings, ZONE)).to.equal('2027-03-03');
    expect(shiftAnchor(null, [], ZONE)).to.equal(null);
  });

  it('counts calendar days between dates and adds them', () => {
    expect(daysBetween('2027-03-01', '2027-04-05')).to.equal(35);
    expect(daysBetween('2027-04-05', '2027-03-01')).to.equal(-35);
    expect(addDays('2027-12-31', 1)).to.equal('2028-01-01');
    expect(addDays('2028-03-01', -1)).to.equal('2028-02-29');
  });
});

describe('a recurring series of meetings (issue 20, item 4)', () => {
  const series = (over: Partial<Parameters<typeof seriesMeetings>[0]>) =>
    seriesMeetings(
      { date: '2027-03-15', startTime: '18:00', endTime: '20:00', everyWeeks: 2, until: null, ...over },
      ZONE,
    );

  const cases: Array<{ name: string; request: Partial<Parameters<typeof seriesMeetings>[0]>; starts: string[] }> = [
    {
      name: 'every 2 weeks across the last Sunday of March: 18:00 local each time',
      request: { until: '2027-04-12' },
      starts: ['2027-03-15T17:00:00.000Z', '2027-03-29T16:00:00.000Z', '2027-04-12T16:00:00.000Z'],
    },
    {
      name: 'weekly across the last Sunday of October: 18:00 local each time',
      request: { date: '2027-10-18', everyWeeks: 1, until: '2027-11-08' },
      starts: [
        '2027-10-18T16:00:00.000Z',
        '2027-10-25T16:00:00.000Z',
        '2027-11-01T17:00:00.000Z',
        '2027-11-08T17:00:00.000Z',
      ],
    },
    {
      name: 'the end day itself is included; a day short of it is not',
      request: { everyWeeks: 4, until: '2027-05-09' },
      starts: ['2027-03-15T17:00:00.000Z', '2027-04-12T16:00:00.000Z'],
    },
    {
      name: 'an end on the first day makes a series of one',
      request: { until: '2027-03-15' },
      starts: ['2027-03-15T17:00:00.000Z'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = series(c.request);
      if (!result.ok) throw new Error(result.problem);
      expect(result.meetings.map((m) => m.startsAt)).to.deep.equal(c.starts);
      // each lasts two hours on the wall clock, whatever the offset
      for (const m of result.meetings) expect(Date.parse(m.endsAt) - Date.parse(m.startsAt)).to.equal(7_200_000);
    });
  }

  const refusals: Array<{ name: string; request: Partial<Parameters<typeof seriesMeetings>[0]>; problem: string }> = [
    { name: 'no end', request: { until: null }, problem: 'noEnd' },
    { name: 'an end before the first meeting', request: { until: '2027-03-14' }, problem: 'endBeforeStart' },
    { name: 'every 0 weeks', request: { everyWeeks: 0, until: '2027-04-12' }, problem: 'weeksInvalid' },
    { name: 'every 9 weeks', request: { everyWeeks: 9, until: '2027-12-12' }, problem: 'weeksInvalid' },
    {
      name: 'weekly for two years (105 meetings)',
      request: { everyWeeks: 1, until: '2029-03-15' },
      problem: 'tooMany',
    },
    {
      name: 'an end time before the start',
      request: { endTime: '17:00', until: '2027-04-12' },
      problem: 'timeInvalid',
    },
  ];
  for (const c of refusals) {
    it(`refuses ${c.name}`, () => {
      const result = series(c.request);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.problem).to.equal(c.problem);
    });
  }

  it('allows exactly the maximum and counts one more as too many', () => {
    const lastAllowed = addDays('2027-03-15', (MAX_SERIES_MEETINGS - 1) * 7);
    expect(seriesCount('2027-03-15', 1, lastAllowed)).to.equal(MAX_SERIES_MEETINGS);
    const atMax = series({ everyWeeks: 1, until: lastAllowed });
    expect(atMax.ok && atMax.meetings.length).to.equal(MAX_SERIES_MEETINGS);
    const over = series({ everyWeeks: 1, until: addDays(lastAllowed, 7) });
    expect(over.ok).to.equal(false);
    if (!over.ok) expect(over.count).to.equal(MAX_SERIES_MEETINGS + 1);
  });
});
