import type { Locale } from '../../config.js';
import { renderEmail, type RenderedEmail } from '../../lib/email.js';
import type { Translate } from '../../lib/i18n.js';
import type { HeldProject } from './handover.model.js';

/** What was handed over, for the colleague's one e-mail. */
export interface Handed {
  projects: HeldProject[];
  /** The people's ids: the e-mail says how many (and links the one person), never their names. */
  people: number[];
}

/**
 * The colleague's e-mail about a hand-over, in their language: what came to them (project titles and a count of
 * people), from whom (and on whose behalf, when an admin hands over an absent colleague's work), and the message.
 */
export function handoverEmail(
  t: Translate,
  input: {
    locale: Locale;
    to: { id: number; name: string };
    actor: { id: number; name: string };
    from: { id: number; name: string };
    handed: Handed;
    message: string;
    organisation: string;
    baseUrl: string;
  },
): RenderedEmail {
  const { to, actor, from, handed, message, baseUrl } = input;
  const list = [
    ...handed.projects.map((p) => t('handover.email.project', { title: p.title })),
    ...(handed.people.length ? [t('handover.email.people', { count: handed.people.length })] : []),
  ];
  const onePerson = handed.projects.length === 0 && handed.people.length === 1;
  return renderEmail(
    {
      locale: input.locale,
      subject: t('handover.email.subject', { name: from.name }),
      paragraphs: [
        t('email.greeting', { name: to.name }),
        t(from.id === actor.id ? 'handover.email.intro' : 'handover.email.introFor', {
          name: actor.name,
          from: from.name,
        }),
      ],
      list,
      action: {
        label: t('handover.email.action'),
        url: onePerson ? `${baseUrl}/representatives/${handed.people[0]}` : `${baseUrl}/projects?facilitator=${to.id}`,
      },
      after: message ? [t('handover.email.message', { name: actor.name, message })] : [],
      signature: t('email.signature', { organisation: input.organisation }),
    },
    t,
  );
}
