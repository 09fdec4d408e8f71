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

/** RFC 5545 text: backslash, semicolon, comma and line breaks escaped. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
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
 * An iCalendar file with the events. METHOD:REQUEST for new and moved meetings (a calendar offers to add or update
 * them), METHOD:CANCEL when every event in it is cancelled. Times are UTC, so no time-zone block is needed.
 */
export function buildCalendar(events: CalendarEvent[], options: { now: string; organizer?: string }): string {
  const cancel = events.length > 0 && events.every((e) => e.cancelled);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Medvirk//Medvirk//NB',
    'CALSCALE:GREGORIAN',
    `METHOD:${cancel ? 'CANCEL' : 'REQUEST'}`,
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTAMP:${utc(options.now)}`,
      `DTSTART:${utc(event.startsAt)}`,
      `DTEND:${utc(event.endsAt)}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    if (options.organizer) lines.push(`ORGANIZER:mailto:${options.organizer}`);
    lines.push(`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
