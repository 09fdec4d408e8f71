import { expect } from 'chai';
import { buildCalendar } from '../../../src/lib/ics.js';

/** The calendar's lines, unfolded (a CRLF followed by one space continues the line before). */
function unfolded(calendar: string): string[] {
  return calendar.replace(/\r\n /g, '').split('\r\n');
}

function summaryOf(summary: string): string {
  const calendar = buildCalendar(
    [
      {
        uid: 'meeting-1@medvirk.invalid',
        sequence: 0,
        startsAt: '2026-12-01T09:00:00Z',
        endsAt: '2026-12-01T10:00:00Z',
        summary,
        location: '',
        description: '',
      },
    ],
    { now: '2026-11-30T12:00:00Z' },
  );
  return unfolded(calendar)
    .find((line) => line.startsWith('SUMMARY:'))!
    .slice('SUMMARY:'.length);
}

// Issue 15, finding 12 (a): a text value must not break out of its line, whatever control character it holds
describe('iCalendar text values', () => {
  const cases: [name: string, input: string, expected: string][] = [
    ['plain text', 'Brukerråd', 'Brukerråd'],
    ['backslash, semicolon and comma', 'a\\b;c,d', 'a\\\\b\\;c\\,d'],
    ['CRLF', 'one\r\ntwo', 'one\\ntwo'],
    ['a lone LF', 'one\ntwo', 'one\\ntwo'],
    ['a lone CR', 'one\rtwo', 'one\\ntwo'],
    [
      'a CR that would start a new property',
      'Meeting\rATTENDEE:mailto:evil@example.com',
      'Meeting\\nATTENDEE:mailto:evil@example.com',
    ],
    ['Unicode line and paragraph separators', 'one\u2028two\u2029three', 'one\\ntwo\\nthree'],
    ['NUL, bell, escape and other C0 controls', 'a\u0000b\u0007c\u001bd\u000be\u000cf', 'abcdef'],
    ['DEL and C1 controls', 'a\u007fb\u0080c\u009fd', 'abcd'],
    ['NEL, a C1 line break', 'one\u0085two', 'one\\ntwo'],
    ['a tab, which text may hold', 'a\tb', 'a\tb'],
  ];
  for (const [name, input, expected] of cases) {
    it(`escapes or strips ${name}`, () => {
      expect(summaryOf(input)).to.equal(expected);
    });
  }

  it('never lets a control character other than the folding CRLF reach the file', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
    const calendar = buildCalendar(
      [
        {
          uid: 'u@medvirk.invalid',
          sequence: 1,
          startsAt: '2026-12-01T09:00:00Z',
          endsAt: '2026-12-01T10:00:00Z',
          summary: all,
          location: all,
          description: all,
        },
      ],
      { now: '2026-11-30T12:00:00Z' },
    );
    for (const line of calendar.split('\r\n')) {
      // eslint-disable-next-line no-control-regex
      expect(line, JSON.stringify(line)).to.not.match(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/);
    }
  });
});
