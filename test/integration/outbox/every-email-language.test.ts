import { expect } from 'chai';
import request from 'supertest';
import type { Locale } from '../../../src/config.js';
import { renderEmail } from '../../../src/lib/email.js';
import { catalogs, translator } from '../../../src/lib/i18n.js';
import type { MailAttachment } from '../../../src/lib/mailer.js';
import {
  answerNotice,
  invitationEmail,
  meetingChangeEmail,
  meetingsCalendar,
  type InvitationContext,
  type InvitationEmailKind,
} from '../../../src/features/invitations/invitation-emails.js';
import { impactAdoptedEmail, teamCompleteEmail } from '../../../src/features/projects/owner-emails.js';
import { handoverEmail } from '../../../src/features/handover/handover-email.js';
import { surveyEmail } from '../../../src/features/surveys/surveys.service.js';
import type { Meeting, Project } from '../../../src/features/projects/projects.model.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildImpact,
  buildInvitation,
  buildInvolvement,
  buildMeeting,
  buildOrganisation,
  buildParticipationLink,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';
import { BOKMAL_ONLY } from '../../helpers/bokmal.js';

// Every e-mail Medvirk sends, in each of its three languages: no catalog key and no unfilled {placeholder} in the
// subject, the text or the HTML, and the words of the language the person reads. The e-mails made by exported pure
// builders are rendered here with hand-made contexts; those written inside services are made through the real app
// (a fresh database, the recipient's `locale` column set) and read back from the outbox.
//
// Every name, title and free text passed in is a neutral word (no word of any of the languages checked), so that a
// word found in an e-mail is the catalog's.

const LOCALES: Locale[] = ['nb', 'nn', 'en'];

/** The kinds the outbox page names (outbox.kinds), and those queued under a kind of their own that it does not. */
const CATALOG_KINDS = Object.keys(catalogs.en)
  .filter((key) => key.startsWith('outbox.kinds.'))
  .map((key) => key.slice('outbox.kinds.'.length));
const OTHER_KINDS = ['email_confirmation', 'email_change_notice', 'handover'];
const ALL_KINDS = [...CATALOG_KINDS, ...OTHER_KINDS.filter((kind) => !CATALOG_KINDS.includes(kind))];

// --- the checks ----------------------------------------------------------------------------------------------------

/** The catalogs' top-level keys ("email", "handover", "outbox", …). */
const TOP_LEVEL = new Set(LOCALES.flatMap((locale) => Object.keys(catalogs[locale])).map((key) => key.split('.')[0]!));
/**
 * Dotted lower-camel identifiers that are not part of an address (URL, e-mail, host): preceded by none of
 * `word @ . / : -` and followed by neither a word character, `@`, `/` nor another dotted segment.
 */
const DOTTED = /(?<![\w@./:-])[a-z][A-Za-z0-9_]*(?:\.[a-z][A-Za-z0-9_]*)+(?!\.?[\w@/-])/g;

/** Catalog keys left in a text: a dotted identifier whose first segment is a top-level key, or of 3+ segments. */
function leakedKeys(text: string): string[] {
  return [...text.matchAll(DOTTED)]
    .map((m) => m[0])
    .filter((id) => TOP_LEVEL.has(id.split('.')[0]!) || id.split('.').length >= 3);
}

const PLACEHOLDER = /\{\s*[A-Za-z_][\w.]*\s*\}/g;

/** Words of Nynorsk that Bokmål does not use (the nb e-mails must have none). */
const NYNORSK_ONLY = ['ikkje', 'kva', 'korleis', 'kven', 'frå', 'berre', 'nokon', 'noko', 'utan', 'dykk', 'eg', 'viss'];
/** Common Norwegian words (both written standards) that an English e-mail must not have. */
const NORWEGIAN = [
  ...BOKMAL_ONLY,
  ...NYNORSK_ONLY,
  'og',
  'deg',
  'du',
  'ditt',
  'har',
  'eller',
  'kan',
  'på',
  'til',
  'hei',
  'takk',
  'er',
  'vi',
  'med',
  'det',
  'som',
];
/** Common English words that a Norwegian e-mail must not have. */
const ENGLISH = ['the', 'you', 'your', 'and', 'hello', 'please', 'thank', 'has', 'been', 'is', 'are', 'of'];

const FOREIGN: Record<Locale, { words: string[]; what: string }> = {
  nb: { words: [...NYNORSK_ONLY, ...ENGLISH], what: 'Nynorsk or English' },
  nn: { words: [...BOKMAL_ONLY, ...ENGLISH], what: 'Bokmål or English' },
  en: { words: NORWEGIAN, what: 'Norwegian' },
};

/** Whole words (letters of any alphabet: "på" is a word), case-insensitive. */
function wordsIn(text: string, words: string[]): string[] {
  const found = new Set<string>();
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(${words.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  for (const m of text.matchAll(pattern)) found.add(m[1]!.toLowerCase());
  return [...found];
}

/** The words a reader reads: addresses (random tokens in links, e-mail addresses) left out. */
function prose(text: string): string {
  return text.replace(/https?:\/\/\S+/g, ' ').replace(/[^\s<>"]+@[^\s<>"]+/g, ' ');
}

/** The text of an HTML e-mail (tags removed, the entities EJS writes decoded). */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The problems of one piece of text in one language: leaked keys, placeholders, words of another language. */
function textProblems(where: string, value: string, locale: Locale, readable = value): string[] {
  const problems: string[] = [];
  for (const key of leakedKeys(value)) problems.push(`${where}: catalog key "${key}"`);
  for (const placeholder of value.match(PLACEHOLDER) ?? []) problems.push(`${where}: unfilled "${placeholder}"`);
  for (const word of wordsIn(prose(readable), FOREIGN[locale].words)) {
    problems.push(`${where}: ${FOREIGN[locale].what} word "${word}"`);
  }
  return problems;
}

interface Mail {
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

interface Sample {
  kind: string;
  /** Which form of the e-mail (with or without optional parts), or "app" for one read from the outbox. */
  variant: string;
  locale: Locale;
  /** The name the greeting must use. */
  name: string;
  /** The project title, when the e-mail carries a calendar file whose event names it. */
  calendarTitle?: string;
  mail: Mail;
}

/** The SUMMARY values of an iCalendar file (lines unfolded, text unescaped). */
function calendarSummaries(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n|\n/)
    .filter((line) => line.startsWith('SUMMARY:'))
    .map((line) =>
      line
        .slice('SUMMARY:'.length)
        .replace(/\\[nN]/g, '\n')
        .replace(/\\([\\;,])/g, '$1'),
    );
}

/** Everything wrong with one e-mail in the language it was written for (an empty list when nothing is). */
function problemsOf(sample: Sample): string[] {
  const { mail, locale } = sample;
  const t = translator(locale);
  const problems = [
    ...textProblems('subject', mail.subject, locale),
    ...textProblems('text', mail.text, locale),
    ...textProblems('html', mail.html, locale, htmlText(mail.html)),
  ];
  const greeting = t('email.greeting', { name: sample.name });
  const first = mail.text.split('\n')[0];
  if (first !== greeting) problems.push(`text: greets "${first}", expected "${greeting}"`);
  if (locale === 'en' && !/^Hello\b/.test(first ?? '')) problems.push(`text: the greeting is not English: "${first}"`);
  if (!mail.html.includes(`<html lang="${locale}">`)) problems.push(`html: not marked lang="${locale}"`);
  if (sample.calendarTitle !== undefined) {
    const calendars = (mail.attachments ?? []).filter((a) => a.contentType.startsWith('text/calendar'));
    if (!calendars.length) problems.push('no calendar file attached');
    const expected = t('email.calendar.summary', { title: sample.calendarTitle });
    for (const summary of calendars.flatMap((a) => calendarSummaries(a.content))) {
      problems.push(...textProblems('calendar summary', summary, locale));
      if (summary !== expected) problems.push(`calendar summary: "${summary}", expected "${expected}"`);
    }
  }
  return problems;
}

/** One `it` per kind and language: every variant of it checked, every problem listed in the failure. */
function checkEach(samplesOf: (kind: string, locale: Locale) => Sample[], kinds: string[]) {
  for (const kind of kinds) {
    for (const locale of LOCALES) {
      it(`${kind} in ${locale}`, () => {
        const samples = samplesOf(kind, locale);
        expect(samples, `no ${kind} e-mail in ${locale} was made`).not.to.be.empty;
        const problems = samples.flatMap((s) => problemsOf(s).map((p) => `${s.kind} (${s.variant}, ${s.locale}) ${p}`));
        expect(problems).to.deep.equal([]);
      });
    }
  }
}

// --- the e-mails made by the pure builders -------------------------------------------------------------------------

const TITLE = 'Aurora';
const PERSON = 'Kari Nordmann';
const FACILITATOR = 'Ola Hansen';
const ORGANISATION = 'Testby';
const BASE = 'https://medvirk.test';

const meetingAt = (id: number, overrides: Partial<Meeting> = {}): Meeting => ({
  id,
  startsAt: '2027-03-01T09:00:00.000Z',
  endsAt: '2027-03-01T11:00:00.000Z',
  place: 'Storgata 1',
  onlineLink: '',
  agenda: 'Aurora',
  sequence: 0,
  cancelledAt: null,
  ...overrides,
});

const project: Project = {
  id: 7,
  organisationId: 1,
  title: TITLE,
  purpose: 'Plan A',
  whatMatters: 'Plan B',
  unitId: null,
  ownerContactId: null,
  facilitatorUserId: 3,
  targetLevel: 'involve',
  seats: 3,
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  location: 'Storgata 1',
  online: false,
  workingLanguages: ['nb'],
  sensitiveTopic: false,
  honorariumApplies: true,
  phase: 'planning',
  unitName: null,
  ownerName: 'Eva Holm',
  ownerEmail: 'eva@test.example',
  ownerLocale: 'nb',
  facilitatorName: FACILITATOR,
  filled: 1,
  namedOnTeam: 1,
  shortlisted: 2,
};

/** An e-mail's context with every optional part ("full"), or with as few as can be ("bare"). */
function contextFor(locale: Locale, variant: 'full' | 'bare'): InvitationContext {
  const full = variant === 'full';
  return {
    locale,
    name: PERSON,
    project: full ? project : { ...project, purpose: '', whatMatters: '', honorariumApplies: false },
    meetings: full
      ? [meetingAt(1), meetingAt(2, { startsAt: '2027-04-01T09:00:00.000Z', onlineLink: `${BASE}/m` })]
      : [],
    organisationName: ORGANISATION,
    timeZone: 'Europe/Oslo',
    facilitator: full ? { name: FACILITATOR, email: 'ola@test.example' } : null,
    contactPerson: full ? { name: FACILITATOR, phone: '+47 900 00 000' } : { name: FACILITATOR, phone: '' },
    personalNote: full ? { text: 'Aurora\nPlan C', by: FACILITATOR } : null,
    hourlyHonorariumOre: 30_050,
    baseUrl: BASE,
    meUrl: `${BASE}/me/token`,
    answerUrl: full ? `${BASE}/i/token` : undefined,
    expiresAt: full ? '2027-02-01T12:00:00.000Z' : null,
  };
}

const INVITATION_KINDS: Record<string, InvitationEmailKind> = {
  invitation: 'invitation',
  invitation_reminder: 'reminder',
  invitation_accepted: 'accepted',
  invitation_waitlisted: 'waitlisted',
  invitation_promoted: 'promoted',
  invitation_withdrawn: 'withdrawn',
};

function builtSamples(locale: Locale): Sample[] {
  const samples: Sample[] = [];
  const add = (kind: string, variant: string, name: string, mail: Mail, calendarTitle?: string) =>
    samples.push({ kind, variant, locale, name, mail, calendarTitle });
  const now = '2027-01-15T10:00:00.000Z';

  for (const [kind, builderKind] of Object.entries(INVITATION_KINDS)) {
    for (const variant of ['full', 'bare'] as const) {
      // a reminder goes only to an invitation with a deadline (invitation-jobs.ts): it always names one
      const context =
        builderKind === 'reminder'
          ? { ...contextFor(locale, variant), expiresAt: '2027-02-01T12:00:00.000Z' }
          : contextFor(locale, variant);
      const mail: Mail = invitationEmail(builderKind, context);
      // the confirmation and the seat given carry the meetings as a calendar file (answers.service.ts)
      const calendar =
        builderKind === 'accepted' || builderKind === 'promoted' ? meetingsCalendar(context, 'test', now) : undefined;
      if (calendar) mail.attachments = [calendar];
      add(kind, variant, PERSON, mail, calendar ? TITLE : undefined);
    }
  }
  for (const change of ['moved', 'cancelled'] as const) {
    for (const where of [{}, { place: '', onlineLink: '' }]) {
      const mail = meetingChangeEmail(change, contextFor(locale, 'full'), meetingAt(1, where), 'test', now);
      add(`meeting_${change}`, where.place === '' ? 'no place' : 'place', PERSON, mail, TITLE);
    }
  }
  for (const status of ['accepted', 'waitlisted', 'declined']) {
    const values = {
      facilitatorName: FACILITATOR,
      representativeName: PERSON,
      title: TITLE,
      status,
      projectUrl: `${BASE}/projects/7/invitations`,
    };
    add('answer_notice', status, FACILITATOR, answerNotice(locale, values, ORGANISATION));
  }

  const owner = { locale, ownerName: 'Eva Holm', title: TITLE, organisationName: ORGANISATION };
  for (const [variant, team] of Object.entries({
    'one seat, none named': { seats: 1, named: [] },
    'some named': { seats: 3, named: [PERSON] },
    'all named': { seats: 2, named: [PERSON, FACILITATOR] },
  })) {
    add(
      'owner_team_complete',
      variant,
      'Eva Holm',
      teamCompleteEmail({ ...owner, facilitatorName: FACILITATOR }, team),
    );
  }
  add(
    'owner_team_complete',
    'no facilitator',
    'Eva Holm',
    teamCompleteEmail({ ...owner, facilitatorName: null }, { seats: 2, named: [] }),
  );
  add(
    'owner_impact_adopted',
    'full',
    'Eva Holm',
    impactAdoptedEmail(
      { ...owner, facilitatorName: FACILITATOR },
      { whatSaid: 'Plan A', whatChanged: 'Plan B', decidedOn: '2027-02-01' },
    ),
  );
  add(
    'owner_impact_adopted',
    'no facilitator, nothing changed named',
    'Eva Holm',
    impactAdoptedEmail(
      { ...owner, facilitatorName: null },
      { whatSaid: 'Plan A', whatChanged: '', decidedOn: '2027-02-01' },
    ),
  );

  for (const kind of ['invite', 'reminder'] as const) {
    const mail = surveyEmail(kind, {
      locale,
      name: PERSON,
      projectTitle: TITLE,
      organisationName: ORGANISATION,
      url: `${BASE}/survey/token`,
      closesOn: '2027-04-01',
    });
    add(`survey_${kind}`, 'full', PERSON, mail);
  }

  const t = translator(locale);
  const colleague = { id: 4, name: 'Eva Holm' };
  const me = { id: 3, name: FACILITATOR };
  const admin = { id: 5, name: 'Per Lund' };
  const handover = (
    handed: { projects: Array<{ id: number; title: string }>; people: number[] },
    from = me,
    actor = me,
  ) =>
    handoverEmail(t, {
      locale,
      to: colleague,
      actor,
      from,
      handed,
      message: actor === me ? 'Aurora' : '',
      organisation: ORGANISATION,
      baseUrl: BASE,
    });
  add('handover', 'projects and people', 'Eva Holm', handover({ projects: [{ id: 7, title: TITLE }], people: [1, 2] }));
  add('handover', 'one person', 'Eva Holm', handover({ projects: [], people: [1] }));
  add('handover', 'on behalf of', 'Eva Holm', handover({ projects: [{ id: 7, title: TITLE }], people: [] }, me, admin));
  return samples;
}

const BUILT = LOCALES.flatMap(builtSamples);
const BUILT_KINDS = [...new Set(BUILT.map((s) => s.kind))];

// --- the e-mails written inside services, made through the app -----------------------------------------------------

const APP_KINDS = [
  'password_reset',
  'user_welcome',
  'second_factor_reset',
  'weekly_digest',
  'impact_feedback',
  'ask_project_made',
  'email_confirmation',
  'email_change_notice',
  // also made by the builders above: here as the app sends them, to the person's address in their language
  'invitation',
  'invitation_accepted',
];

/** Awaits a request and checks its status (the start of the page on failure, to tell why). */
async function status(pending: Promise<{ status: number; text: string }>, expected: number) {
  const res = await pending;
  expect(res.status, res.text.slice(0, 2000)).to.equal(expected);
  return res;
}

/** Neutral names, one a language, so that each recipient's e-mail is told apart. */
const SURNAME: Record<Locale, string> = { nb: 'Berg', nn: 'Dal', en: 'Vik' };

describe('every e-mail Medvirk sends, in Bokmål, Nynorsk and English', () => {
  describe('the checks catch a problem (sanity)', () => {
    const nbInvitation: Sample = {
      kind: 'invitation',
      variant: 'bare',
      locale: 'nb',
      name: PERSON,
      mail: invitationEmail('invitation', contextFor('nb', 'bare')),
    };

    it('finds a missing key as t() returns it, and a leaked key in a rendered e-mail', () => {
      expect(leakedKeys(translator('nn')('no.such.key'))).to.deep.equal(['no.such.key']);
      expect(leakedKeys(`Hei: ${translator('nn')('email.invitation.nothing')}.`)).to.deep.equal([
        'email.invitation.nothing',
      ]);
      const t = translator('nn');
      const broken = renderEmail(
        {
          locale: 'nn',
          subject: t('email.noSuchSubject', { title: TITLE }),
          paragraphs: [t('email.greeting', { name: PERSON })],
          signature: t('email.signature', { organisation: ORGANISATION }),
        },
        t,
      );
      const problems = problemsOf({ kind: 'x', variant: 'x', locale: 'nn', name: PERSON, mail: broken });
      expect(problems).to.include('subject: catalog key "email.noSuchSubject"');
      expect(problems).to.include('html: catalog key "email.noSuchSubject"');
    });

    it('leaves addresses, e-mail addresses and ordinary sentences alone', () => {
      expect(
        leakedKeys('See https://medvirk.test/me/abc.def and kari.nb@test.example, e.g. Medvirk. Then'),
      ).to.deep.equal([]);
      expect(problemsOf(nbInvitation)).to.deep.equal([]);
    });

    it('finds an unfilled placeholder', () => {
      const unfilled = translator('nn')('email.greeting');
      expect(unfilled).to.contain('{name}');
      expect(textProblems('text', unfilled, 'nn')).to.include('text: unfilled "{name}"');
    });

    it('finds Bokmål in a Nynorsk e-mail, and Norwegian in an English one', () => {
      const asNynorsk = problemsOf({ ...nbInvitation, locale: 'nn' });
      expect(asNynorsk.some((p) => p.includes('Bokmål or English word'))).to.equal(true);
      expect(textProblems('text', 'Vi har ikke svar fra deg.', 'nn')).to.include.members([
        'text: Bokmål or English word "ikke"',
        'text: Bokmål or English word "fra"',
      ]);
      const asEnglish = problemsOf({ ...nbInvitation, locale: 'en' });
      expect(asEnglish).to.include('text: the greeting is not English: "Hei, Kari Nordmann!"');
      expect(asEnglish.some((p) => p.includes('Norwegian word'))).to.equal(true);
    });

    it('finds a calendar event in the wrong language', () => {
      const context = contextFor('nb', 'full');
      const mail: Mail = { ...invitationEmail('accepted', { ...context, locale: 'nn' }) };
      mail.attachments = [meetingsCalendar(context, 'test', '2027-01-15T10:00:00.000Z')!];
      const problems = problemsOf({ kind: 'x', variant: 'x', locale: 'nn', name: PERSON, mail, calendarTitle: TITLE });
      const nb = translator('nb')('email.calendar.summary', { title: TITLE });
      const nn = translator('nn')('email.calendar.summary', { title: TITLE });
      expect(nb).not.to.equal(nn);
      expect(problems).to.include(`calendar summary: "${nb}", expected "${nn}"`);
    });
  });

  describe('made by the builders, from hand-made contexts', () => {
    checkEach((kind, locale) => BUILT.filter((s) => s.kind === kind && s.locale === locale), BUILT_KINDS);

    it('says something else in each language (no language falls back to another)', () => {
      const same: string[] = [];
      for (const sample of BUILT.filter((s) => s.locale === 'nb')) {
        for (const other of BUILT.filter(
          (s) => s.locale !== 'nb' && s.kind === sample.kind && s.variant === sample.variant,
        )) {
          if (other.mail.text === sample.mail.text)
            same.push(`${sample.kind} (${sample.variant}): ${other.locale} = nb`);
        }
      }
      expect(same).to.deep.equal([]);
    });
  });

  describe('written inside services, through the app', function () {
    this.timeout(60_000);
    let t: TestApp;
    let org: number;
    let admin: BuiltUser;
    let adminAgent: Agent;
    let facilitator: BuiltUser;
    let facilitatorAgent: Agent;
    const samples: Sample[] = [];

    /** The last e-mail of a kind to an address, as the outbox holds it. */
    async function collect(kind: string, to: string, locale: Locale, name: string, calendarTitle?: string) {
      const rows = await table(t.db, 'outbox_messages').where({ kind, to_address: to }).orderBy('id');
      for (const row of rows) {
        samples.push({
          kind,
          variant: 'app',
          locale,
          name,
          calendarTitle,
          mail: {
            subject: row.subject,
            text: row.text_body ?? '',
            html: row.html_body ?? '',
            attachments: row.attachments ? (JSON.parse(row.attachments) as MailAttachment[]) : [],
          },
        });
      }
    }

    before(async () => {
      t = await buildTestApp();
      org = await buildOrganisation(t.db, { name: ORGANISATION });
      admin = await buildUser(t.db, org, { role: 'admin', name: 'Per Lund', email: 'admin@test.example' });
      adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
      facilitator = await buildUser(t.db, org, { role: 'facilitator', name: FACILITATOR, email: 'ola@test.example' });
      facilitatorAgent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;

      // the people: a member of staff and a representative in each language
      const staff = {} as Record<Locale, BuiltUser>;
      const reps = {} as Record<Locale, number>;
      for (const locale of LOCALES) {
        staff[locale] = await buildUser(t.db, org, {
          role: 'facilitator',
          name: `Eva ${SURNAME[locale]}`,
          email: `staff.${locale}@test.example`,
        });
        await t.db('users').where({ id: staff[locale].id }).update({ locale });
        reps[locale] = await buildRepresentative(t.db, org, {
          name: `Kari ${SURNAME[locale]}`,
          email: `rep.${locale}@test.example`,
        });
        await t.db('representatives').where({ id: reps[locale] }).update({ locale });
      }

      // an invitation, answered yes through its link: the confirmation with the meetings as a calendar file
      const invited = await buildProject(t.db, org, { title: TITLE, seats: 3, whatMatters: 'Plan B' });
      await t
        .db('projects')
        .where({ id: invited })
        .update({ facilitator_user_id: facilitator.id, purpose: 'Plan A', honorarium_applies: true });
      await buildMeeting(t.db, org, invited, { place: 'Storgata 1', agenda: 'Aurora' });
      for (const locale of LOCALES) {
        await buildInvitation(t.db, org, { projectId: invited, representativeId: reps[locale], status: 'draft' });
      }
      await status(
        submitForm(facilitatorAgent, `/projects/${invited}/invitations`, `/projects/${invited}/invitations/send`, {}),
        303,
      );
      for (const locale of LOCALES) {
        const to = `rep.${locale}@test.example`;
        const sent = await one(table(t.db, 'outbox_messages').where({ kind: 'invitation', to_address: to }).first());
        const link = /\/i\/[A-Za-z0-9_-]{43}/.exec(sent.text_body!)![0];
        await status(submitForm(request.agent(t.app), link, link, { answer: 'accept' }), 303);
        await collect('invitation', to, locale, `Kari ${SURNAME[locale]}`);
        await collect('invitation_accepted', to, locale, `Kari ${SURNAME[locale]}`, TITLE);
      }

      for (const locale of LOCALES) {
        const user = staff[locale];
        const name = `Eva ${SURNAME[locale]}`;
        // password_reset: asked for on the sign-in page's form
        await status(
          submitForm(request.agent(t.app), '/password/forgot', '/password/forgot', { email: user.email }),
          200,
        );
        await collect('password_reset', user.email, locale, name);

        // second_factor_reset: an admin resets the user's second factor (a lost phone)
        await t.db('user_second_factors').insert({
          organisation_id: org,
          user_id: user.id,
          kind: 'totp',
          secret: 'not used by a reset',
          last_step: 0,
          created_at: new Date().toISOString(),
        });
        await status(
          submitForm(adminAgent, `/admin/users/${user.id}`, `/admin/users/${user.id}/reset-second-factor`, {}),
          303,
        );
        await collect('second_factor_reset', user.email, locale, name);

        // user_welcome: an admin adds a user in this language
        const newcomer = `Ida ${SURNAME[locale]}`;
        const email = `new.${locale}@test.example`;
        await status(
          submitForm(adminAgent, '/admin/users/new', '/admin/users/new', {
            name: newcomer,
            email,
            role: 'facilitator',
            locale,
          }),
          303,
        );
        await collect('user_welcome', email, locale, newcomer);

        // email_confirmation and email_change_notice: the person types a new address on their own page
        const me = `/me/${await buildParticipationLink(t.db, org, reps[locale], { now: t.clock.now() })}`;
        const visitor = request.agent(t.app);
        const page = await visitor.get(me).expect(200);
        await visitor
          .post(`${me}/contact`)
          .type('form')
          .send({
            _csrf: csrfFrom(page.text),
            email: `moved.${locale}@test.example`,
            phone: '',
            postalAddress: '',
            preferredContact: 'email',
            languages: locale === 'en' ? 'en' : 'nb',
          })
          .expect(303);
        await collect('email_confirmation', `moved.${locale}@test.example`, locale, `Kari ${SURNAME[locale]}`);
        await collect('email_change_notice', `rep.${locale}@test.example`, locale, `Kari ${SURNAME[locale]}`);
      }

      // impact_feedback: what came of what the people said, adopted, rejected and proposed
      const lastWeek = t.clock.now().setZone('Europe/Oslo').minus({ weeks: 1 }).startOf('week').plus({ days: 2 });
      const impacts = [
        await buildImpact(t.db, org, invited, {
          whatSaid: 'Plan A',
          whatChanged: 'Plan B',
          status: 'adopted',
          decidedOn: lastWeek.toISODate()!,
        }),
        await buildImpact(t.db, org, invited, {
          whatSaid: 'Plan A',
          status: 'rejected',
          rejectedReason: 'Plan C',
          decidedOn: lastWeek.toISODate()!,
        }),
        await buildImpact(t.db, org, invited, { whatSaid: 'Plan A', status: 'proposed' }),
      ];
      for (const impact of impacts) {
        for (const locale of LOCALES) {
          await t.db('impact_representatives').insert({ impact_id: impact, representative_id: reps[locale] });
        }
        const impactsPage = `/projects/${invited}/impacts`;
        await status(submitForm(facilitatorAgent, impactsPage, `${impactsPage}/${impact}/feedback`, {}), 303);
      }
      for (const locale of LOCALES) {
        await collect('impact_feedback', `rep.${locale}@test.example`, locale, `Kari ${SURNAME[locale]}`);
      }

      // weekly_digest: last week's figures, an adopted change and the latest summary, to those who asked for it
      await buildInvolvement(t.db, org, {
        projectId: invited,
        representativeId: reps.nb,
        occurredOn: lastWeek.toISODate()!,
      });
      const at = new Date().toISOString();
      await t.db('report_summaries').insert({
        organisation_id: org,
        period_kind: 'month',
        period_start: lastWeek.startOf('month').toISODate()!,
        title: 'Aurora',
        body: 'Plan A',
        author_user_id: admin.id,
        created_at: at,
        updated_at: at,
      });
      await t
        .db('users')
        .whereIn(
          'id',
          LOCALES.map((locale) => staff[locale].id),
        )
        .update({ weekly_digest: true });
      expect(await t.services.reportsService.sendWeeklyDigests()).to.equal(3);
      for (const locale of LOCALES) {
        await collect('weekly_digest', staff[locale].email, locale, `Eva ${SURNAME[locale]}`);
      }

      // ask_project_made: a unit's request made a project; the requester is written to in the organisation's language
      const requests = (await facilitatorAgent.get('/requests').expect(200)).text;
      await facilitatorAgent
        .post('/requests/address')
        .type('form')
        .send({ _csrf: csrfFrom(requests) })
        .expect(303);
      const address = /\/ask\/[A-Za-z0-9_-]{43}/.exec((await facilitatorAgent.get('/requests').expect(200)).text)![0];
      for (const locale of LOCALES) {
        await t.db('organisations').where({ id: org }).update({ default_locale: locale });
        const contactName = `Siv ${SURNAME[locale]}`;
        const contactEmail = `ask.${locale}@test.example`;
        const visitor = request.agent(t.app);
        const form = await visitor.get(address).expect(200);
        await visitor
          .post(address)
          .type('form')
          .send({
            _csrf: csrfFrom(form.text),
            unitName: 'Aurora',
            improve: 'Plan A',
            forWhom: 'Plan B',
            whenText: '2027',
            contactName,
            contactEmail,
            contactPhone: '',
          })
          .expect(200);
        const open = await one(table(t.db, 'unit_requests').where({ organisation_id: org, status: 'open' }).first());
        await status(submitForm(facilitatorAgent, '/requests', `/requests/${open.id}/project`, {}), 303);
        await collect('ask_project_made', contactEmail, locale, contactName);
      }
      await t.db('organisations').where({ id: org }).update({ default_locale: 'nb' });
    });
    after(() => t?.close());

    checkEach((kind, locale) => samples.filter((s) => s.kind === kind && s.locale === locale), APP_KINDS);

    it('covers every kind: each one the outbox names, and those of their own, in every language', async () => {
      const made = new Set([...BUILT, ...samples].map((s) => `${s.kind}:${s.locale}`));
      const missing = ALL_KINDS.flatMap((kind) => LOCALES.map((locale) => `${kind}:${locale}`)).filter(
        (key) => !made.has(key),
      );
      expect(missing).to.deep.equal([]);
      // and nothing the app queued here is of a kind this test does not know
      const queued = (await table(t.db, 'outbox_messages').distinct('kind')).map((r) => r.kind);
      expect(queued.filter((kind) => !ALL_KINDS.includes(kind))).to.deep.equal([]);
    });

    it('names every kind it sends on the outbox page, in every language', async () => {
      const queued = (await table(t.db, 'outbox_messages').distinct('kind')).map((r) => r.kind);
      const kinds = [...new Set([...ALL_KINDS, ...queued])].sort();
      const unnamed = LOCALES.flatMap((locale) =>
        kinds
          .filter((kind) => translator(locale)(`outbox.kinds.${kind}`) === `outbox.kinds.${kind}`)
          .map((kind) => `${locale}: outbox.kinds.${kind}`),
      );
      expect(unnamed).to.deep.equal([]);
    });
  });
});
