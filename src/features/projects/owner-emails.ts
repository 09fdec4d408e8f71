import type { Locale } from '../../config.js';
import { renderEmail, type RenderedEmail } from '../../lib/email.js';
import { formatDate, translator } from '../../lib/i18n.js';

/** What the e-mails to a project's owner (a professional, not a user) are about. */
export interface OwnerMailContext {
  locale: Locale;
  ownerName: string;
  title: string;
  organisationName: string;
  facilitatorName: string | null;
}

/**
 * The team is complete (issue 21, item 4): how many took a seat, and by name only those who consented to be named in
 * reports (as a supervisor sees the team). Nothing about anyone else.
 */
export function teamCompleteEmail(c: OwnerMailContext, team: { seats: number; named: string[] }): RenderedEmail {
  const t = translator(c.locale);
  const others = team.seats - team.named.length;
  return renderEmail(
    {
      locale: c.locale,
      subject: t('email.owner.teamComplete.subject', { title: c.title }),
      paragraphs: [
        t('email.greeting', { name: c.ownerName }),
        t('email.owner.teamComplete.intro', { title: c.title, count: team.seats }),
        ...(team.named.length
          ? [
              others > 0
                ? t('email.owner.teamComplete.named', { names: team.named.join(', '), count: others })
                : t('email.owner.teamComplete.namedAll', { names: team.named.join(', ') }),
            ]
          : []),
        ...(c.facilitatorName ? [t('email.owner.contact', { name: c.facilitatorName })] : []),
      ],
      after: [t('email.owner.why', { organisation: c.organisationName })],
      signature: t('email.signature', { organisation: c.organisationName }),
    },
    t,
  );
}

/** A change the representatives proposed has been adopted (issue 21, item 4): what they said and what changed. */
export function impactAdoptedEmail(
  c: OwnerMailContext,
  impact: { whatSaid: string; whatChanged: string; decidedOn: string | null },
): RenderedEmail {
  const t = translator(c.locale);
  return renderEmail(
    {
      locale: c.locale,
      subject: t('email.owner.impactAdopted.subject', { title: c.title }),
      paragraphs: [
        t('email.greeting', { name: c.ownerName }),
        t('email.owner.impactAdopted.intro', {
          title: c.title,
          date: impact.decidedOn ? formatDate(impact.decidedOn, c.locale) : '',
        }),
      ],
      list: [
        t('email.owner.impactAdopted.said', { text: impact.whatSaid }),
        ...(impact.whatChanged ? [t('email.owner.impactAdopted.changed', { text: impact.whatChanged })] : []),
      ],
      after: [
        ...(c.facilitatorName ? [t('email.owner.contact', { name: c.facilitatorName })] : []),
        t('email.owner.why', { organisation: c.organisationName }),
      ],
      signature: t('email.signature', { organisation: c.organisationName }),
    },
    t,
  );
}
