import { DateTime } from 'luxon';

/** A meeting as a calendar event. */
export interface CalendarEvent {
  /** Stable across updates: the same UID with a higher SEQUENCE replaces the event in the recipient's calendar. */
  uid: string;
  sequence: number;
  startsAt: string;
  endsAt: string;
  summary: string;
  location: string;
  description: string;
  url?: string;
  cancelled?: boolean;
}

// every line break a reader might honour: CRLF, a lone CR or LF, NEL, the Unicode line and paragraph separators
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
// RFC 5545 forbids every other control character in a value (CONTROL = %x00-08 / %x0A-1F / %x7F); C1 too
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** A value that is not text (UID, URL, address): no control character, so it cannot end its line. */
function stripControls(value: string): string {
  return value.replace(CONTROL, '');
}

/**
 * RFC 5545 text: backslash, semicolon and comma escaped, every kind of line break (a lone CR included) as "\\n",
 * and every other control character removed, so that a value can never start a property of its own.
 */
function escapeText(value: string): string {
  return stripControls(
    value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(LINE_BREAK, '\\n'),
  );
}

/** Lines longer than 75 octets are folded: CRLF and one space, never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");

/**
 * An iCalendar file with the events. In an e-mail: METHOD:REQUEST for new and moved meetings (a calendar offers to
 * add or update them), METHOD:CANCEL when every event in it is cancelled. A subscribed feed (`feed`) is
 * METHOD:PUBLISH with the calendar's name: a calendar replaces its copy on each refresh, and a meeting left out of
 * the feed disappears from it. Times are UTC, so no time-zone block is needed.
 */
export function buildCalendar(
  events: CalendarEvent[],
  options: { now: string; organizer?: string; feed?: { name: string } },
): string {
  const cancel = events.length > 0 && events.every((e) => e.cancelled);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Medvirk//Medvirk//NB',
    'CALSCALE:GREGORIAN',
    `METHOD:${options.feed ? 'PUBLISH' : cancel ? 'CANCEL' : 'REQUEST'}`,
  ];
  if (options.feed) lines.push(`X-WR-CALNAME:${escapeText(options.feed.name)}`);
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${stripControls(event.uid)}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTAMP:${utc(options.now)}`,
      `DTSTART:${utc(event.startsAt)}`,
      `DTEND:${utc(event.endsAt)}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${stripControls(event.url)}`);
    if (options.organizer) lines.push(`ORGANIZER:mailto:${stripControls(options.organizer)}`);
    lines.push(`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
