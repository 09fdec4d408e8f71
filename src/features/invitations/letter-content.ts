import type { DateTime } from 'luxon';
import type { Locale } from '../../config.js';
import { formatDate, formatDateTime, formatNumber, translator } from '../../lib/i18n.js';
import type { Project } from '../projects/projects.model.js';
import { contactPersonLine } from './invitation-emails.js';
import type { Invitation } from './invitations.model.js';
import { contactPersonOf, type MailContext } from './mail-context.js';

const isNoon = (deadline: DateTime, zone: string) => {
  const local = deadline.setZone(zone);
  return local.hour === 12 && local.minute === 0;
};

/**
 * A letter's reply deadline: a letter is printed, posted and read days later, so it gives a day, not a minute
 * (the end of that day in the organisation's zone), except when the deadline is noon on the day before the first
 * meeting, which stays as it is (see reply-deadline.ts). The page and "mark as sent" use the same rule.
 */
export function letterDeadline(deadline: DateTime, zone: string): DateTime {
  return isNoon(deadline, zone) ? deadline : deadline.setZone(zone).endOf('day');
}

/** One printed invitation letter, every text already in the recipient's language (the page only lays it out). */
export interface Letter {
  invitationId: number;
  lang: Locale;
  name: string;
  /** The postal address as typed, one line per line, for the envelope window. */
  address: string[];
  organisationName: string;
  date: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  meetingsHeading: string | null;
  meetings: string[];
  after: string[];
  note: { lines: string[]; by: string } | null;
  contactLine: string | null;
  signature: string;
  /** The reply slip: what the person ticks, their name, and where it goes back to. Nothing about health. */
  slip: {
    heading: string;
    intro: string;
    options: string[];
    nameLabel: string;
    phoneLabel: string;
    returnTo: string;
  };
}

export interface LetterInput {
  invitation: Invitation;
  project: Project;
  ctx: MailContext;
  /** Now, for the letter's date (in the organisation's zone) and the reply deadline. */
  now: DateTime;
  deadline: DateTime;
  /** Who signs the personal note: the project's facilitator, else the user printing. */
  noteBy: string;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The invitation as a letter: what the e-mail says (purpose, what matters, the meetings, the honorarium, the
 * deadline), the personal note, whom to call, and a reply slip. The e-mail's personal links are left out: a letter
 * is answered on the slip or by phone.
 */
export function letterFor({ invitation, project, ctx, now, deadline, noteBy }: LetterInput): Letter {
  const locale = invitation.locale;
  const t = translator(locale);
  const title = project.title;
  const paragraphs = [t('email.invitation.intro', { organisation: ctx.organisationName, title })];
  if (project.purpose) paragraphs.push(t('email.invitation.purpose', { purpose: project.purpose }));
  if (project.whatMatters) paragraphs.push(t('email.invitation.whatMatters', { whatMatters: project.whatMatters }));
  if (project.startsOn && project.endsOn) {
    paragraphs.push(
      t('email.invitation.period', {
        from: formatDate(project.startsOn, locale),
        to: formatDate(project.endsOn, locale),
      }),
    );
  }
  const meetings = ctx.meetings.map((m) => {
    const when = formatDateTime(m.startsAt, locale, ctx.timeZone);
    const where = [m.place, m.onlineLink].filter(Boolean).join(', ');
    return where ? t('email.invitation.meetingAt', { when, where }) : when;
  });
  const contact = contactPersonOf(invitation, ctx);
  return {
    invitationId: invitation.id,
    lang: locale,
    name: invitation.name,
    address: lines(invitation.postalAddress),
    organisationName: ctx.organisationName,
    date: formatDate(now.setZone(ctx.timeZone).toISODate(), locale),
    subject: t('email.invitation.subject', { title }),
    greeting: t('email.greeting', { name: invitation.name }),
    paragraphs,
    meetingsHeading: meetings.length ? t('email.invitation.meetings') : null,
    meetings,
    after: [
      project.honorariumApplies
        ? t('email.invitation.honorarium', {
            amount: formatNumber(ctx.settings.hourlyHonorariumOre / 100, locale, { maximumFractionDigits: 2 }),
          })
        : t('email.invitation.noHonorarium'),
      t('letters.letter.deadline', {
        // a day, unless the day-before-the-meeting rule set noon (see letterDeadline)
        deadline: isNoon(deadline, ctx.timeZone)
          ? formatDateTime(deadline.toISO(), locale, ctx.timeZone)
          : formatDate(deadline.setZone(ctx.timeZone).toISODate(), locale),
      }),
    ],
    note: invitation.personalNote ? { lines: invitation.personalNote.split(/\r?\n/), by: noteBy } : null,
    contactLine: contact ? contactPersonLine(contact, t) : null,
    // on paper the organisation signs, not the system that printed it
    signature: ctx.organisationName,
    slip: {
      heading: t('letters.slip.heading', { title }),
      intro: t('letters.slip.intro'),
      options: [t('letters.slip.yes'), t('letters.slip.no'), t('letters.slip.callMe')],
      nameLabel: t('letters.slip.name'),
      phoneLabel: t('letters.slip.phone'),
      returnTo: contact
        ? t('letters.slip.returnToPerson', { organisation: ctx.organisationName, name: contact.name })
        : t('letters.slip.returnTo', { organisation: ctx.organisationName }),
    },
  };
}
