import { expect } from 'chai';
import { buildCalendar } from '../../../src/lib/ics.js';

const event = {
  uid: 'meeting-7@medvirk.invalid',
  sequence: 2,
  startsAt: '2027-03-01T09:00:00.000Z',
  endsAt: '2027-03-01T11:00:00.000Z',
  summary: 'Brukerråd',
  location: 'Rådhuset',
  description: '',
  url: 'https://medvirk.invalid/projects/3',
};

// Issue 20: the same builder serves a subscribed calendar feed, which a calendar replaces on every refresh
describe('iCalendar feed mode', () => {
  it('publishes (no invitation to answer) and names the calendar', () => {
    const lines = buildCalendar([event], { now: '2027-02-15T12:00:00Z', feed: { name: 'Medvirk-møter (Testkommune)' } })
      .replace(/\r\n /g, '')
      .split('\r\n');
    expect(lines).to.include('METHOD:PUBLISH');
    expect(lines).not.to.include('METHOD:REQUEST');
    expect(lines).to.include('X-WR-CALNAME:Medvirk-møter (Testkommune)');
  });

  it('escapes the calendar name and folds a long one within 75 octets, never inside a character', () => {
    const name = `Møter, ${'æøå'.repeat(30)}; slutt`;
    const calendar = buildCalendar([], { now: '2027-02-15T12:00:00Z', feed: { name } });
    const raw = calendar.split('\r\n');
    expect(raw.every((line) => Buffer.byteLength(line) <= 75)).to.equal(true);
    expect(calendar).not.to.contain('\uFFFD');
    const unfolded = calendar.replace(/\r\n /g, '').split('\r\n');
    expect(unfolded).to.include(`X-WR-CALNAME:Møter\\, ${'æøå'.repeat(30)}\\; slutt`);
  });

  it('is an empty but valid calendar when there are no meetings', () => {
    const lines = buildCalendar([], { now: '2027-02-15T12:00:00Z', feed: { name: 'x' } }).split('\r\n');
    expect(lines[0]).to.equal('BEGIN:VCALENDAR');
    expect(lines).to.include('END:VCALENDAR');
    expect(lines).not.to.include('BEGIN:VEVENT');
  });

  it('keeps the e-mail attachment’s methods when not a feed', () => {
    expect(buildCalendar([event], { now: '2027-02-15T12:00:00Z' })).to.contain('METHOD:REQUEST');
    expect(buildCalendar([{ ...event, cancelled: true }], { now: '2027-02-15T12:00:00Z' })).to.contain('METHOD:CANCEL');
  });
});
