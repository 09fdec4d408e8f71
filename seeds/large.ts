import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { insertInChunks, insertReturningIds } from '../src/db.js';
import { hashPassword } from '../src/lib/passwords.js';
import { searchKey, sortKey } from '../src/lib/text.js';
import { defaultOrganisationSettings } from '../src/features/organisations/settings.js';
import { DEMO_LOGINS } from './demo.js';
import { mulberry32 } from './demo-kit.js';

export interface LargeSeedSize {
  representatives: number;
  projects: number;
  involvements: number;
  skills: number;
  skillsPerRepresentative: number;
}

/** The benchmark's data set (DESIGN.md "Quality targets"). */
export const BENCH_SIZE: LargeSeedSize = {
  representatives: 10_000,
  projects: 1_000,
  involvements: 100_000,
  skills: 100,
  skillsPerRepresentative: 40,
};

// prettier-ignore
const FIRST = ['Anne', 'Bjørn', 'Åse', 'Eirik', 'Gunn', 'Håkon', 'Ingrid', 'Jon', 'Kari', 'Leif', 'Marit', 'Nils', 'Ola', 'Pål', 'Randi', 'Sigrid', 'Tove', 'Ulf', 'Vigdis', 'Øyvind', 'Amina', 'Tomasz', 'Fadumo', 'Hanne', 'Jørgen', 'Magnus', 'Turid', 'Arne', 'Liv', 'Odd'];
// prettier-ignore
const LAST = ['Andersen', 'Bråthen', 'Ødegaard', 'Dahl', 'Eriksen', 'Fjeld', 'Hansen', 'Holm', 'Isaksen', 'Johansen', 'Karlsen', 'Lund', 'Myhre', 'Nilsen', 'Olsen', 'Pedersen', 'Rønning', 'Sæther', 'Thorsen', 'Vik', 'Ås', 'Ali', 'Kowalski', 'Warsame', 'Berg', 'Hagen', 'Larsen', 'Strøm', 'Aasen', 'Ødegård'];
const KINDS = ['patient', 'next_of_kin', 'user_organisation'];
const STATUSES = ['active', 'active', 'active', 'active', 'prospective', 'paused', 'retired'];
const ACTIVITIES = ['meeting', 'workshop', 'document_review', 'interview', 'survey', 'training', 'other'];
const LEVELS = ['inform', 'consult', 'involve', 'collaborate', 'empower'];
const PHASES = ['idea', 'planning', 'running', 'running', 'evaluating', 'closed', 'closed'];
const AGE_BANDS = ['18-29', '30-49', '50-66', '67-79', '80+'];

/** How one organisation of the national bench differs from the single large one (issue 26). */
export interface LargeSeedOptions {
  /** The organisation's name (default "Stor kommune"). */
  name?: string;
  /** Each demo login's e-mail (users' e-mails are unique across organisations); default the demo's own. */
  loginEmail?: (login: (typeof DEMO_LOGINS)[number]) => string;
  /** The generator's seed, so organisations differ (default the bench's). */
  seed?: number;
  /** ANALYZE after seeding (default true); the national seed runs it once at the end instead. */
  analyze?: boolean;
}

/**
 * Seeds one organisation ("Stor kommune") with the demo logins and a large data set, in one transaction with
 * batch inserts, so that 10,000 representatives take seconds, then ANALYZE so the planner knows them.
 */
export async function seedLarge(
  db: Knex,
  size: LargeSeedSize,
  scryptLog2N: number,
  options: LargeSeedOptions = {},
): Promise<{ organisationId: number; skillIds: number[] }> {
  const random = mulberry32(options.seed ?? 20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const now = DateTime.fromISO('2026-11-23T09:00:00Z', { zone: 'utc' });
  const nowIso = now.toISO()!;
  const passwordHash = await hashPassword(DEMO_LOGINS[0].password, scryptLog2N);

  const seeded = await db.transaction(async (trx) => {
    const [orgId] = await insertReturningIds(trx, 'organisations', [
      {
        name: options.name ?? 'Stor kommune',
        default_locale: 'nb',
        time_zone: 'Europe/Oslo',
        settings: JSON.stringify(defaultOrganisationSettings),
        created_at: nowIso,
      },
    ]);
    const userIds = await insertReturningIds(
      trx,
      'users',
      DEMO_LOGINS.map((login) => ({
        organisation_id: orgId,
        name: `Demo ${login.role}`,
        email: options.loginEmail ? options.loginEmail(login) : login.email,
        role: login.role,
        password_hash: passwordHash,
        locale: 'nb',
        active: true,
        must_change_password: false,
        created_at: nowIso,
        updated_at: nowIso,
      })),
    );
    const unitIds = await insertReturningIds(
      trx,
      'units',
      Array.from({ length: 40 }, (_, i) => ({
        organisation_id: orgId,
        name: `Enhet ${i + 1}`,
        kind: 'home_care',
        archived: false,
        created_at: nowIso,
      })),
    );
    const contactIds = await insertReturningIds(
      trx,
      'contacts',
      Array.from({ length: 200 }, (_, i) => ({
        organisation_id: orgId,
        unit_id: unitIds[i % unitIds.length],
        name: `${pick(FIRST)} ${pick(LAST)}`,
        title: 'Fagutvikler',
        email: `kontakt${i}@stor.kommune.no`,
        champion: i % 4 === 0,
        created_at: nowIso,
      })),
    );
    const skillIds = await insertReturningIds(
      trx,
      'skills',
      Array.from({ length: size.skills }, (_, i) => ({
        organisation_id: orgId,
        name_nb: `Ferdighet ${i + 1}`,
        name_en: `Skill ${i + 1}`,
        category: ['lived_experience', 'competence', 'language', 'training'][i % 4],
        archived: false,
        created_at: nowIso,
      })),
    );

    // issue 22: the twelve districts as the organisation's areas (each person's set as they are written)
    const areaIds = await insertReturningIds(
      trx,
      'areas',
      Array.from({ length: 12 }, (_, i) => ({
        organisation_id: orgId,
        name: `Bydel ${i + 1}`,
        name_key: `bydel ${i + 1}`,
        created_at: nowIso,
      })),
    );
    const reps = Array.from({ length: size.representatives }, (_, i) => {
      const name = `${pick(FIRST)} ${pick(LAST)} ${i + 1}`;
      const status = pick(STATUSES);
      return {
        organisation_id: orgId,
        name,
        search_key: searchKey(name),
        sort_key: sortKey(name),
        email: `rep${i + 1}@example.org`,
        phone: `+47 4${String(1000000 + i).padStart(7, '0')}`,
        locale: random() < 0.85 ? 'nb' : 'en',
        kind: pick(KINDS),
        status,
        paused_until: status === 'paused' ? now.plus({ days: 30 + Math.floor(random() * 200) }).toISODate() : null,
        ...((district) => ({ area: `Bydel ${district + 1}`, area_id: areaIds[district] }))(Math.floor(random() * 12)),
        nominating_organisation: '',
        term_start: now.minus({ days: Math.floor(random() * 1000) }).toISODate(),
        term_end: now.plus({ days: Math.floor(random() * 1000) }).toISODate(),
        languages: random() < 0.2 ? 'nb,en' : 'nb',
        accessibility_needs: '',
        preferred_contact: random() < 0.9 ? 'email' : 'phone',
        postal_address: '',
        load_cap: null,
        // from the index, not the generator, so that the rest of the data set stays as it was before issue 22
        age_band: AGE_BANDS[i % AGE_BANDS.length],
        gender: i % 7 === 3 ? null : i % 2 === 0 ? 'woman' : 'man',
        notes: '',
        email_undeliverable: false,
        last_reviewed_at: now.minus({ days: Math.floor(random() * 900) }).toISO(),
        erased_at: null,
        created_at: now.minus({ days: Math.floor(random() * 1500) }).toISO(),
        updated_at: nowIso,
      };
    });
    const repIds = await insertReturningIds(trx, 'representatives', reps, 400);

    const repSkills: object[] = [];
    const consents: object[] = [];
    repIds.forEach((repId) => {
      const chosen = new Set<number>();
      while (chosen.size < size.skillsPerRepresentative) chosen.add(Math.floor(random() * skillIds.length));
      for (const s of chosen) {
        repSkills.push({
          representative_id: repId,
          skill_id: skillIds[s],
          level: 1 + Math.floor(random() * 3),
          since: null,
          expires_on: null,
        });
      }
      for (const purpose of ['roster', 'health_experience', 'email_contact']) {
        consents.push({
          organisation_id: orgId,
          representative_id: repId,
          purpose,
          given_at: nowIso,
          withdrawn_at: null,
          method: 'written',
          recorded_by_user_id: userIds[1],
        });
      }
    });
    await insertInChunks(trx, 'representative_skills', repSkills, 1000);
    await insertInChunks(trx, 'consents', consents, 1000);

    const projects = Array.from({ length: size.projects }, (_, i) => {
      const start = now.minus({ days: Math.floor(random() * 700) });
      return {
        organisation_id: orgId,
        unit_id: unitIds[i % unitIds.length],
        owner_contact_id: contactIds[i % contactIds.length],
        facilitator_user_id: userIds[1],
        title: `Tjenesteutviklingsprosjekt ${i + 1}`,
        purpose: 'Bedre tjenester sammen med brukere og pårørende.',
        what_matters: 'Å bli hørt.',
        phase: pick(PHASES),
        target_level: pick(LEVELS),
        seats: 2 + Math.floor(random() * 4),
        starts_on: start.toISODate(),
        ends_on: start.plus({ days: 60 + Math.floor(random() * 300) }).toISODate(),
        location: 'Rådhuset',
        online: random() < 0.3,
        working_languages: 'nb',
        sensitive_topic: random() < 0.1,
        honorarium_applies: true,
        created_at: start.toISO(),
        updated_at: nowIso,
      };
    });
    const projectIds = await insertReturningIds(trx, 'projects', projects, 400);
    const requirements: object[] = [];
    projectIds.forEach((projectId) => {
      const chosen = new Set<number>();
      while (chosen.size < 3) chosen.add(Math.floor(random() * skillIds.length));
      [...chosen].forEach((s, k) =>
        requirements.push({ project_id: projectId, skill_id: skillIds[s], must: k === 0, min_level: 1 + (k % 2) }),
      );
    });
    await insertInChunks(trx, 'project_requirements', requirements, 1000);

    const involvements: Array<Record<string, unknown>> = [];
    for (let i = 0; i < size.involvements; i += 1) {
      const p = Math.floor(random() * projectIds.length);
      const occurred = DateTime.fromISO(projects[p]!.starts_on!).plus({ days: Math.floor(random() * 60) });
      involvements.push({
        organisation_id: orgId,
        project_id: projectIds[p],
        representative_id: repIds[Math.floor(random() * repIds.length)],
        meeting_id: null,
        occurred_on: occurred.toISODate(),
        activity: pick(ACTIVITIES),
        minutes: 30 * (1 + Math.floor(random() * 6)),
        preparation_minutes: 30 * Math.floor(random() * 3),
        level_delivered: pick(LEVELS),
        attended: random() < 0.95,
        in_person: random() < 0.7,
        as_part_of_paid_job: random() < 0.05,
        honorarium_ore: 30000 * (1 + Math.floor(random() * 3)),
        honorarium_rule_version: 1,
        travel_cost_ore: random() < 0.3 ? 8000 : 0,
        payment_declined: false,
        note: '',
        created_at: occurred.toISO(),
      });
    }
    // the time paid for, at the seed's 300 kr an hour
    for (const v of involvements) v.paid_minutes = Number(v.honorarium_ore) / 500;
    await insertInChunks(trx, 'involvements', involvements, 1000);

    // issue 22: the population's shares, and survey answers
    const shares = [
      ...AGE_BANDS.map((band, i) => ['age', band, [200, 330, 250, 145, 75][i]!] as const),
      ['gender', 'woman', 500] as const,
      ['gender', 'man', 500] as const,
      ...areaIds.map((id, i) => ['area', String(id), i < 4 ? 86 : 82] as const),
    ];
    await insertInChunks(
      trx,
      'population_shares',
      shares.map(([dimension, category, tenths]) => ({
        organisation_id: orgId,
        dimension,
        category,
        share_tenths: tenths,
      })),
    );
    await insertInChunks(
      trx,
      'population_sources',
      ['age', 'gender', 'area'].map((dimension) => ({
        organisation_id: orgId,
        dimension,
        source: 'SSB',
        year: 2025,
        updated_at: nowIso,
      })),
    );
    // a survey on every fifth project, eight answers each, spread over its first weeks
    const surveyed = projectIds.filter((_, i) => i % 5 === 0);
    const surveyIds = await insertReturningIds(
      trx,
      'surveys',
      surveyed.map((projectId, i) => ({
        organisation_id: orgId,
        project_id: projectId,
        trigger: 'evaluating',
        round_key: `${projectId}:evaluating`,
        created_by_user_id: userIds[1],
        created_at: projects[i * 5]!.created_at,
        remind_at: projects[i * 5]!.created_at,
        closes_at: projects[i * 5]!.created_at,
      })),
      400,
    );
    const answers = surveyIds.flatMap((surveyId, i) =>
      Array.from({ length: 8 }, (_, k) => ({
        organisation_id: orgId,
        survey_id: surveyId,
        project_id: surveyed[i],
        answered_on: DateTime.fromISO(projects[i * 5]!.starts_on!)
          .plus({ days: 30 + k * 3 })
          .toISODate(),
        prepared: 1 + ((i + k) % 5),
        listened: 1 + ((i + 2 * k) % 5),
        difference: 1 + ((i + 3 * k) % 5),
        equal: 1 + ((2 * i + k) % 5),
        again: 1 + ((i * k) % 5),
        free_text: k % 3 === 0 ? 'Godt å bli hørt.' : '',
      })),
    );
    await insertInChunks(trx, 'survey_answers', answers, 1000);
    return { organisationId: orgId!, skillIds };
  });
  // the planner's statistics for the new rows (both engines know ANALYZE): without them SQLite guesses every index
  // equally selective, and the bench would measure plans that a running installation's housekeeping job avoids
  if (options.analyze !== false) await db.raw('ANALYZE');
  return seeded;
}
