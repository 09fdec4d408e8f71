import type { Locale } from '../../config.js';
import { renderEmail, type EmailContent, type RenderedEmail } from '../../lib/email.js';
import { formatDate, formatDateTime, formatNumber, translator, type Translate } from '../../lib/i18n.js';
import { buildCalendar } from '../../lib/ics.js';
import type { MailAttachment } from '../../lib/mailer.js';
import type { Meeting, Project } from '../projects/projects.model.js';
import type { StaffContact } from './invitations.model.js';

/** What every e-mail to a representative about a project needs to say. */
export interface InvitationContext {
  locale: Locale;
  name: string;
  project: Project;
  meetings: Meeting[];
  organisationName: string;
  timeZone: string;
  facilitator: { name: string; email: string } | null;
  /** Whom the person calls: their own contact person, else the project's facilitator; the last line of every e-mail. */
  contactPerson?: StaffContact | null;
  /** The sender's personal word in an invitation, quoted as typed and signed with their name. */
  personalNote?: { text: string; by: string } | null;
  hourlyHonorariumOre: number;
  baseUrl: string;
  /** The person's own page (/me/:token), in every e-mail. */
  meUrl: string;
  /** The answer page (/i/:token), when the e-mail asks for or allows an answer. */
  answerUrl?: string;
  expiresAt?: string | null;
}

export type InvitationEmailKind = 'invitation' | 'reminder' | 'accepted' | 'waitlisted' | 'promoted' | 'withdrawn';

function meetingLines(c: InvitationContext, t: Translate): string[] {
  return c.meetings.map((m) => {
    const when = formatDateTime(m.startsAt, c.locale, c.timeZone);
    const where = [m.place, m.onlineLink].filter(Boolean).join(', ');
    return where ? t('email.invitation.meetingAt', { when, where }) : when;
  });
}

/** "Your contact person: name, work phone" (without the phone when there is none), in the recipient's language. */
export function contactPersonLine(person: StaffContact, t: Translate): string {
  return person.phone
    ? t('email.invitation.contactPerson', { name: person.name, phone: person.phone })
    : t('email.invitation.contactPersonNoPhone', { name: person.name });
}

export function footer(
  c: Pick<InvitationContext, 'facilitator' | 'meUrl' | 'baseUrl' | 'contactPerson'>,
  t: Translate,
): string[] {
  const lines: string[] = [];
  if (c.facilitator) {
    lines.push(t('email.invitation.contact', { name: c.facilitator.name, email: c.facilitator.email }));
  }
  lines.push(t('email.invitation.mePage', { url: c.meUrl }));
  lines.push(t('email.invitation.privacy', { url: `${c.baseUrl}/privacy` }));
  if (c.contactPerson) lines.push(contactPersonLine(c.contactPerson, t));
  return lines;
}

/** The .ics file with the project's meetings, for confirmations. */
export function meetingsCalendar(c: InvitationContext, domain: string, now: string): MailAttachment | undefined {
  const meetings = c.meetings.filter((m) => !m.cancelledAt);
  if (!meetings.length) return undefined;
  const t = translator(c.locale);
  const content = buildCalendar(
    meetings.map((m) => ({
      uid: `meeting-${m.id}@${domain}`,
      sequence: m.sequence,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      summary: t('email.calendar.summary', { title: c.project.title }),
      location: [m.place, m.onlineLink].filter(Boolean).join(', '),
      description: m.agenda,
    })),
    { now, organizer: c.facilitator?.email },
  );
  return { filename: 'medvirk.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content };
}

/** One of the e-mails a representative gets about an invitation, in their language. */
export function invitationEmail(kind: InvitationEmailKind, c: InvitationContext): RenderedEmail {
  const t = translator(c.locale);
  const title = c.project.title;
  const deadline = c.expiresAt ? formatDateTime(c.expiresAt, c.locale, c.timeZone) : '';
  const content: EmailContent = {
    locale: c.locale,
    subject: t(`email.${kind}.subject`, { title }),
    paragraphs: [t('email.greeting', { name: c.name })],
    signature: t('email.signature', { organisation: c.organisationName }),
    after: [],
  };
  if (kind === 'invitation' || kind === 'reminder') {
    content.paragraphs.push(
      kind === 'reminder'
        ? t('email.reminder.intro', { title, deadline })
        : t('email.invitation.intro', { organisation: c.organisationName, title }),
    );
    // what taking part means comes first (the period, each meeting's time and place, the honorarium in kroner, the
    // deadline), then the answer link; the project's background and the facilitator's word follow it
    if (c.project.startsOn && c.project.endsOn) {
      content.paragraphs.push(
        t('email.invitation.period', {
          from: formatDate(c.project.startsOn, c.locale),
          to: formatDate(c.project.endsOn, c.locale),
        }),
      );
    }
    content.list = meetingLines(c, t);
    if (content.list.length) content.paragraphs.push(t('email.invitation.meetings'));
    content.essentials = [
      c.project.honorariumApplies
        ? t('email.invitation.honorarium', {
            amount: formatNumber(c.hourlyHonorariumOre / 100, c.locale, { maximumFractionDigits: 2 }),
          })
        : t('email.invitation.noHonorarium'),
    ];
    if (c.contactPerson) content.essentials.push(contactPersonLine(c.contactPerson, t));
    if (deadline) content.essentials.push(t('email.invitation.deadline', { deadline }));
    if (c.project.purpose) content.after!.push(t('email.invitation.purpose', { purpose: c.project.purpose }));
    if (c.project.whatMatters) {
      content.after!.push(t('email.invitation.whatMatters', { whatMatters: c.project.whatMatters }));
    }
    // the note was written for the invitation itself: a reminder repeating it days later would no longer be personal
    if (kind === 'invitation' && c.personalNote?.text) content.quote = c.personalNote;
    if (c.answerUrl) content.action = { label: t('email.invitation.action'), url: c.answerUrl };
  } else {
    content.paragraphs.push(t(`email.${kind}.body`, { title }));
    if (kind === 'accepted' || kind === 'promoted') {
      content.list = meetingLines(c, t);
      if (content.list.length) content.paragraphs.push(t('email.accepted.calendar'));
    }
    if (c.answerUrl && (kind === 'accepted' || kind === 'waitlisted')) {
      content.action = { label: t('email.accepted.change'), url: c.answerUrl };
    }
  }
  // an invitation names the contact person above the answer link already
  const asking = kind === 'invitation' || kind === 'reminder';
  content.after!.push(...footer(asking ? { ...c, contactPerson: null } : c, t));
  return renderEmail(content, t);
}

/** A moved or cancelled meeting, to the team, with a calendar entry that replaces or cancels the event. */
export function meetingChangeEmail(
  change: 'moved' | 'cancelled',
  c: InvitationContext,
  meeting: Meeting,
  domain: string,
  now: string,
): RenderedEmail & { attachments: MailAttachment[] } {
  const t = translator(c.locale);
  const title = c.project.title;
  const when = formatDateTime(meeting.startsAt, c.locale, c.timeZone);
  const where = [meeting.place, meeting.onlineLink].filter(Boolean).join(', ');
  const mail = renderEmail(
    {
      locale: c.locale,
      subject: t(`email.meeting_${change}.subject`, { title }),
      paragraphs: [
        t('email.greeting', { name: c.name }),
        t(`email.meeting_${change}.body`, {
          title,
          when: where ? t('email.invitation.meetingAt', { when, where }) : when,
        }),
      ],
      after: footer(c, t),
      signature: t('email.signature', { organisation: c.organisationName }),
    },
    t,
  );
  const content = buildCalendar(
    [
      {
        uid: `meeting-${meeting.id}@${domain}`,
        sequence: meeting.sequence,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        summary: t('email.calendar.summary', { title }),
        location: where,
        description: meeting.agenda,
        cancelled: change === 'cancelled',
      },
    ],
    { now, organizer: c.facilitator?.email },
  );
  const method = change === 'cancelled' ? 'CANCEL' : 'REQUEST';
  return {
    ...mail,
    attachments: [{ filename: 'medvirk.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content }],
  };
}

/** The e-mail a facilitator who asked for it gets for every answer. */
export function answerNotice(
  locale: Locale,
  values: { facilitatorName: string; representativeName: string; title: string; status: string; projectUrl: string },
  organisationName: string,
): RenderedEmail {
  const t = translator(locale);
  return renderEmail(
    {
      locale,
      subject: t('email.answerNotice.subject', { title: values.title }),
      paragraphs: [
        t('email.greeting', { name: values.facilitatorName }),
        t('email.answerNotice.body', {
          name: values.representativeName,
          title: values.title,
          status: t(`invitations.statuses.${values.status}`),
        }),
      ],
      action: { label: t('email.answerNotice.action'), url: values.projectUrl },
      signature: t('email.signature', { organisation: organisationName }),
    },
    t,
  );
}
