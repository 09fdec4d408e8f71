import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { Config } from '../src/config.js';
import { insertInChunks, insertReturningIds } from '../src/db.js';
import { toIsoDate } from '../src/lib/db-values.js';
import type { Clock } from '../src/lib/clock.js';
import { hashPassword } from '../src/lib/passwords.js';
import { newToken } from '../src/lib/tokens.js';
import { defaultOrganisationSettings, withoutHonorariumRules } from '../src/features/organisations/settings.js';
import { FIRST_VALID_FROM, type HonorariumRuleVersion } from '../src/features/involvement/rule-versions.js';
import { messageIdDomain } from '../src/features/outbox/outbox.worker.js';
import { CONTACT_NOTES, CONTACTS, SKILLS, UNITS, type SkillKey } from './demo-catalog.js';
import { DemoAudit, DemoDays, Random } from './demo-kit.js';
import { DemoMail } from './demo-mail.js';
import { seedNetwork } from './demo-network.js';
import { seedVoice } from './demo-voice.js';
import { firstInvitations, planProjects, seedWork } from './demo-work.js';

// The demo organisation "Eksempel kommune" (development only): a year of a living network, dated from the
// injected clock's today, the same rows for the same clock (a fixed-seed generator, nothing from Math.random or
// Date.now). See demo-catalog.ts (the people), demo-projects.ts (the projects' stories), demo-network.ts and
// demo-work.ts (the rows, as the features write them) and demo-mail.ts (the e-mail it sent).

export const DEMO_PASSWORD = 'medvirk-demo';
export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@example.no', password: DEMO_PASSWORD },
  { role: 'facilitator', email: 'facilitator@example.no', password: DEMO_PASSWORD },
  { role: 'supervisor', email: 'supervisor@example.no', password: DEMO_PASSWORD },
] as const;
/** A second facilitator of the same organisation, with projects of their own and one handed over to them. */
export const DEMO_COLLEAGUE_LOGIN = {
  role: 'facilitator',
  email: 'facilitator2@example.no',
  password: DEMO_PASSWORD,
} as const;

/** What the demo needs of the configuration: the mode, the password cost, and the address links in e-mail use. */
export type DemoConfig = Pick<Config, 'env' | 'scryptLog2N'> & Partial<Pick<Config, 'baseUrl' | 'mailFrom'>>;

/** The seed was asked for on a database that already holds data: nothing was written. */
export class DemoSeedRefused extends Error {
  constructor(readonly organisations: number) {
    super(
      `Refused: the database already holds data (${organisations} organisation${organisations === 1 ? '' : 's'}). ` +
        'The demo organisation is only seeded into an empty database, so that it never mixes with other data. ' +
        'Use `npm run db:reset` to empty this database and seed the demo again (development only), or point ' +
        'SQLITE_FILE or DATABASE_URL at an empty database.',
    );
    this.name = 'DemoSeedRefused';
  }
}

const SEED = 20261123;
const ZONE = 'Europe/Oslo';
// [name, email, role, work phone]
const USERS = [
  ['Astrid Administrator', 'admin@example.no', 'admin', '+47 400 10 001'],
  ['Kari Tilrettelegger', 'facilitator@example.no', 'facilitator', '+47 400 10 002'],
  ['Ola Leder', 'supervisor@example.no', 'supervisor', ''],
  ['Jonas Tilrettelegger', 'facilitator2@example.no', 'facilitator', '+47 400 10 004'],
] as const;

async function organisationCount(db: Knex): Promise<number> {
  const row = await db('organisations').count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** Seeds the demo organisation, or refuses: in production (an error), and on a database with data (DemoSeedRefused). */
export async function seedDemo(db: Knex, config: DemoConfig, clock: Clock): Promise<void> {
  if (config.env === 'production') throw new Error('The demo organisation is never seeded in production');
  const existing = await organisationCount(db);
  if (existing > 0) throw new DemoSeedRefused(existing);
  const passwordHash = await hashPassword(DEMO_PASSWORD, config.scryptLog2N);
  await db.transaction(async (trx) => {
    // checked again inside the transaction: two processes started at once do not both seed
    const raced = await organisationCount(trx);
    if (raced > 0) throw new DemoSeedRefused(raced);
    await seedInto(trx, config, clock, passwordHash);
  });
}

/**
 * Fills an empty database with the demo organisation (npm start in development); a database with data is left
 * alone (false). Refuses production.
 */
export async function seedDemoIfEmpty(db: Knex, config: DemoConfig, clock: Clock): Promise<boolean> {
  try {
    await seedDemo(db, config, clock);
    return true;
  } catch (error) {
    if (error instanceof DemoSeedRefused) return false;
    throw error;
  }
}

async function seedInto(trx: Knex.Transaction, config: DemoConfig, clock: Clock, passwordHash: string) {
  const days = new DemoDays(clock.now(), ZONE);
  const random = new Random(SEED);
  const settings = defaultOrganisationSettings;
  const baseUrl = (config.baseUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  const founded = days.at({ d: -1400 }, 9, 0);

  const [organisationId] = await insertReturningIds(trx, 'organisations', [
    {
      name: 'Eksempel kommune',
      default_locale: 'nb',
      time_zone: ZONE,
      settings: JSON.stringify(withoutHonorariumRules(settings)),
      created_at: founded,
      roster_version: 1,
    },
  ]);
  const orgId = organisationId!;
  const audit = new DemoAudit(orgId);
  const userIds = await insertReturningIds(
    trx,
    'users',
    USERS.map(([name, email, role, phone]) => ({
      organisation_id: orgId,
      name,
      email,
      role,
      phone,
      password_hash: passwordHash,
      locale: 'nb',
      active: true,
      must_change_password: false,
      // the facilitator wants an e-mail for every answer; the supervisor gets the weekly figures
      notify_answers: email === 'facilitator@example.no',
      weekly_digest: role === 'supervisor',
      last_sign_in_at: days.at({ d: -1 }, role === 'supervisor' ? 8 : 9, 0),
      created_at: founded,
      updated_at: founded,
    })),
  );
  const [adminId, facilitatorId, , colleagueId] = userIds as [number, number, number, number];
  const users = {
    admin: { id: adminId, name: USERS[0][0], email: USERS[0][1] },
    facilitator: { id: facilitatorId, name: USERS[1][0], email: USERS[1][1] },
    colleague: { id: colleagueId, name: USERS[3][0], email: USERS[3][1] },
  };

  // the honorarium rules: the defaults from the start, a raise four months ago (entries before it keep their amounts)
  const raisedFrom = days.date({ m: -4, day: 1 });
  const versions: HonorariumRuleVersion[] = [
    {
      version: 1,
      validFrom: FIRST_VALID_FROM,
      hourlyRateOre: settings.hourlyHonorariumOre,
      roundingMinutes: settings.roundingMinutes,
      minimumPaidMinutesInPerson: settings.minimumPaidMinutesInPerson,
      preparationPaid: settings.preparationPaid,
    },
    {
      version: 2,
      validFrom: raisedFrom,
      hourlyRateOre: 35000,
      roundingMinutes: settings.roundingMinutes,
      minimumPaidMinutesInPerson: settings.minimumPaidMinutesInPerson,
      preparationPaid: settings.preparationPaid,
    },
  ];
  await insertInChunks(
    trx,
    'honorarium_rule_versions',
    versions.map((v, i) => ({
      organisation_id: orgId,
      version: v.version,
      valid_from: v.validFrom,
      hourly_rate_ore: v.hourlyRateOre,
      rounding_minutes: v.roundingMinutes,
      minimum_paid_minutes_in_person: v.minimumPaidMinutesInPerson,
      preparation_paid: v.preparationPaid,
      created_by_user_id: i === 0 ? null : adminId,
      created_at: i === 0 ? founded : days.at({ m: -5, day: 20 }, 14, 0),
    })),
  );
  audit.byUser(
    adminId,
    'organisation.settings_changed',
    ['organisation', orgId],
    {
      dataReviewMonths: settings.dataReviewMonths,
      sentEmailRetentionDays: settings.sentEmailRetentionDays,
      emailsPerMinute: settings.emailsPerMinute,
      honorariumRuleVersion: 2,
      honorariumValidFrom: raisedFrom,
    },
    days.at({ m: -5, day: 20 }, 14, 0),
  );

  const unitIds = await insertReturningIds(
    trx,
    'units',
    UNITS.map(([name, kind]) => ({ organisation_id: orgId, name, kind, archived: false, created_at: founded })),
  );
  const contactIds = await insertReturningIds(
    trx,
    'contacts',
    CONTACTS.map(([name, title, unit, champion], i) => ({
      organisation_id: orgId,
      unit_id: unitIds[unit],
      name,
      title,
      email: `kontakt${i + 1}@eksempel.kommune.no`,
      phone: `+47 9${String(1000000 + i * 7919).slice(0, 7)}`,
      champion,
      archived: false,
      created_at: founded,
    })),
  );
  await insertInChunks(
    trx,
    'contact_notes',
    CONTACT_NOTES.map(([contact, noted, discussed, nextStep, followUp, done]) => ({
      organisation_id: orgId,
      contact_id: contactIds[contact],
      noted_on: days.day(noted),
      discussed,
      next_step: nextStep,
      follow_up_on: followUp === null ? null : days.day(followUp),
      followed_up: done,
      user_id: facilitatorId,
      created_at: days.at({ d: noted }, 15, 0),
    })),
  );
  const skillKeys = Object.keys(SKILLS) as SkillKey[];
  const skillIdList = await insertReturningIds(
    trx,
    'skills',
    skillKeys.map((key) => ({
      organisation_id: orgId,
      name_nb: SKILLS[key][0],
      name_en: SKILLS[key][1],
      category: SKILLS[key][2],
      archived: false,
      created_at: founded,
    })),
  );
  const skillIds = Object.fromEntries(skillKeys.map((key, i) => [key, skillIdList[i]!])) as Record<SkillKey, number>;

  const plans = planProjects(days, settings.invitationExpiryDays, settings.reminderLeadDays);
  const people = await seedNetwork(trx, {
    organisationId: orgId,
    facilitatorId,
    skillIds,
    days,
    audit,
    firstInvited: firstInvitations(plans),
  });
  const mail = new DemoMail(orgId, days, random, baseUrl);
  await seedWork(trx, {
    organisationId: orgId,
    users,
    unitIds,
    contactIds,
    skillIds,
    people,
    plans,
    versions,
    days,
    random,
    audit,
    mail,
    baseUrl,
    messageIdDomain: messageIdDomain(config.mailFrom ?? 'Medvirk <no-reply@medvirk.invalid>'),
  });

  // each representative has a named contact person: Jonas for the people of his projects, Kari for everyone else
  const jonasPeople = new Set(
    plans
      .filter((plan) => plan.spec.facilitator === 'colleague')
      .flatMap((plan) => plan.invitations.map((i) => i.spec.who)),
  );
  const ids = (mine: boolean) => [...people].filter(([first]) => jonasPeople.has(first) === mine).map(([, p]) => p.id);
  await trx('representatives').whereIn('id', ids(true)).update({ contact_user_id: colleagueId });
  await trx('representatives').whereIn('id', ids(false)).update({ contact_user_id: facilitatorId });

  // the team's worklist marks: Kari has read the newest answer; Jonas snoozed a term that ends soon until next week
  const newestAnswer = await trx('invitations')
    .where({ organisation_id: orgId })
    .whereIn('status', ['accepted', 'waitlisted', 'declined'])
    .whereNotNull('responded_at')
    .orderBy('responded_at', 'desc')
    .first<{ id: number; status: string } | undefined>('id', 'status');
  const termEnding = await trx('representatives')
    .where({ organisation_id: orgId })
    .whereBetween('term_end', [days.day(1), days.day(60)])
    .orderBy('term_end')
    .first<{ id: number; term_end: string | Date } | undefined>('id', 'term_end');
  const marks = [
    newestAnswer && {
      key: `answer:${newestAnswer.id}:${newestAnswer.status}`,
      by: facilitatorId,
      until: null,
      at: days.at({ d: 0 }, 8, 5),
    },
    termEnding && {
      key: `term:${termEnding.id}:${toIsoDate(termEnding.term_end)}`,
      by: colleagueId,
      until: days.day(7),
      at: days.at({ d: -1 }, 14, 30),
    },
  ].filter((m) => m !== undefined);
  for (const mark of marks) {
    await trx('worklist_marks').insert({
      organisation_id: orgId,
      item_key: mark.key,
      state: mark.until ? 'snoozed' : 'done',
      snoozed_until: mark.until,
      marked_by_user_id: mark.by,
      marked_at: mark.at,
    });
    const details: Record<string, string> = mark.until ? { key: mark.key, until: mark.until } : { key: mark.key };
    audit.byUser(mark.by, mark.until ? 'worklist.snoozed' : 'worklist.done', ['worklist_item', null], details, mark.at);
  }

  // each month's list goes to the finance office early the next month (on its last day, when today is the first)
  const downloads = [
    { month: -2, at: days.at({ m: -1, day: 3 }, 10, 15) },
    { month: -1, at: days.today.day === 1 ? days.at({ d: -1 }, 15, 0) : days.at({ m: 0, day: 1 }, 10, 15) },
  ];
  for (const download of downloads) {
    const from = days.date({ m: download.month, day: 1 });
    const to = days.dayOf({ m: download.month, day: 1 }).endOf('month').toISODate()!;
    const [exportId] = await insertReturningIds(trx, 'payment_exports', [
      {
        organisation_id: orgId,
        period_from: from,
        period_to: to,
        exported_by_user_id: facilitatorId,
        exported_at: download.at,
      },
    ]);
    audit.byUser(
      facilitatorId,
      'involvement.payments_exported',
      ['organisation', orgId],
      { from, to, exportId: exportId! },
      download.at,
    );
  }

  // a representative asked for a copy of their data on their own page two days ago (a task on the dashboard)
  const liv = people.get('Liv')!;
  const requestedAt = days.at({ d: -2 }, 19, 40);
  await trx('representative_requests').insert({
    organisation_id: orgId,
    representative_id: liv.id,
    kind: 'data_copy',
    created_at: requestedAt,
  });
  audit.byRepresentative(liv.id, 'representative.requested_data_copy', ['representative', liv.id], requestedAt);

  // issue 21: Kari wrote the last quarter's summary, and shared that quarter's report with the head of health and
  // care three days ago (the link is listed on the report; its secret was only shown to her)
  const lastQuarter = days.today.minus({ quarters: 1 }).startOf('quarter');
  const summaryAt = days.at({ d: -3 }, 13, 10);
  const [summaryId] = await insertReturningIds(trx, 'report_summaries', [
    {
      organisation_id: orgId,
      period_kind: 'quarter',
      period_start: lastQuarter.toISODate(),
      title: `${lastQuarter.quarter}. kvartal: representantene endret utskrivingsbrevet`,
      body: [
        'Brukerrepresentantene var med i alle de store prosjektene dette kvartalet, fra idé til evaluering.',
        'Det tydeligste resultatet er utskrivingsbrevet: det har nå ett telefonnummer å ringe, fordi representantene fortalte at ingen visste hvem de skulle kontakte.',
        'Vi trenger flere representanter med erfaring fra rus og psykisk helse neste kvartal.',
      ].join('\n\n'),
      author_user_id: facilitatorId,
      created_at: summaryAt,
      updated_at: summaryAt,
    },
  ]);
  audit.byUser(
    facilitatorId,
    'summaries.saved',
    ['report_summary', summaryId!],
    { period: 'quarter', start: lastQuarter.toISODate()! },
    summaryAt,
  );
  const sharedAt = days.at({ d: -3 }, 13, 20);
  const [shareId] = await insertReturningIds(trx, 'share_links', [
    {
      organisation_id: orgId,
      token_hash: newToken().hash,
      kind: 'report',
      target: JSON.stringify({ request: { period: 'quarter', at: lastQuarter.toISODate() } }),
      created_by_user_id: facilitatorId,
      created_at: sharedAt,
      expires_at: DateTime.fromISO(sharedAt).plus({ days: 30 }).toUTC().toISO(),
      views: 2,
      last_viewed_at: days.at({ d: -2 }, 8, 40),
    },
  ]);
  audit.byUser(facilitatorId, 'share.created', ['share_link', shareId!], { kind: 'report', days: 30 }, sharedAt);

  // the form units ask through has an address (shared on the intranet), and the home care unit asked yesterday
  const addressAt = days.at({ m: -2, day: 10 }, 10, 0);
  await trx('ask_addresses').insert({ organisation_id: orgId, token_hash: newToken().hash, created_at: addressAt });
  audit.byUser(facilitatorId, 'ask.address_made', ['organisation', orgId], {}, addressAt);
  await trx('unit_requests').insert({
    organisation_id: orgId,
    unit_name: 'Hjemmetjenesten sone Nord',
    improve:
      'Vi vil gjøre de første dagene hjemme etter sykehusopphold tryggere.\nMange ringer oss fordi de ikke vet hvem som gjør hva.',
    for_whom: 'Eldre som skrives ut fra sykehus, og pårørende deres',
    when_text: 'Oppstart i februar, tre møter før sommeren',
    contact_name: 'Ingrid Haugen',
    contact_email: 'ingrid.haugen@eksempel.kommune.no',
    contact_phone: '',
    created_at: days.at({ d: -1 }, 11, 25),
    status: 'open',
  });

  // issue 22: areas, genders and the population's shares; the survey "how was it" on two finished projects
  await seedVoice(trx, {
    organisationId: orgId,
    organisationName: 'Eksempel kommune',
    facilitatorId,
    days,
    random,
    audit,
    mail,
    baseUrl,
  });

  // two personal links that have run out (the housekeeping purges them)
  for (const first of ['Anne', 'Turid']) {
    const person = people.get(first)!;
    mail.meUrl(person.id, days.at({ d: -200 }, 12, 0));
  }

  await insertInChunks(trx, 'outbox_messages', mail.sorted());
  await insertInChunks(trx, 'participation_links', mail.links);
  await insertInChunks(trx, 'audit_events', audit.sorted());
}
