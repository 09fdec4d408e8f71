import type { Knex } from 'knex';
import type { Config } from '../src/config.js';
import { insertReturningIds, insertInChunks } from '../src/db.js';
import type { Clock } from '../src/lib/clock.js';
import { hashPassword } from '../src/lib/passwords.js';
import { searchKey, sortKey } from '../src/lib/text.js';
import { defaultOrganisationSettings } from '../src/features/organisations/settings.js';

export const DEMO_PASSWORD = 'medvirk-demo';
export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@example.no', password: DEMO_PASSWORD },
  { role: 'facilitator', email: 'facilitator@example.no', password: DEMO_PASSWORD },
  { role: 'supervisor', email: 'supervisor@example.no', password: DEMO_PASSWORD },
] as const;

const UNITS = [
  ['Hjemmetjenesten sone nord', 'home_care'],
  ['Hjemmetjenesten sone sør', 'home_care'],
  ['Sentrum legekontor', 'gp_office'],
  ['Helsestasjon og skolehelsetjeneste', 'health_station'],
  ['Solheim sykehjem', 'nursing_home'],
  ['Psykisk helse og rus', 'mental_health'],
  ['Frisklivssentralen', 'healthy_life_centre'],
  ['Tildelingskontoret', 'allocation_office'],
] as const;

const CONTACTS = [
  ['Ingrid Haugen', 'Avdelingsleder', 0, true],
  ['Lars Bakke', 'Sykepleier, fagutvikler', 0, false],
  ['Sofie Strand', 'Avdelingsleder', 1, false],
  ['Dr. Henrik Aas', 'Fastlege', 2, true],
  ['Mona Lie', 'Helsesykepleier', 3, true],
  ['Øystein Moen', 'Institusjonssjef', 4, false],
  ['Camilla Solberg', 'Fagsykepleier demens', 4, true],
  ['Ahmed Hussein', 'Psykologspesialist', 5, true],
  ['Åse Kristiansen', 'Enhetsleder', 5, false],
  ['Per Nygård', 'Fysioterapeut', 6, false],
  ['Hilde Ødegård', 'Saksbehandler', 7, false],
] as const;

// [nb, en, category]
const SKILLS = [
  ['Pårørende til person med demens', 'Next of kin of a person with dementia', 'lived_experience'],
  ['Psykisk helse', 'Mental health', 'lived_experience'],
  ['Rusavhengighet', 'Substance use', 'lived_experience'],
  ['Kreft', 'Cancer', 'lived_experience'],
  ['KOLS', 'COPD', 'lived_experience'],
  ['Diabetes', 'Diabetes', 'lived_experience'],
  ['Hjerneslag', 'Stroke', 'lived_experience'],
  ['Nedsatt funksjonsevne', 'Disability', 'lived_experience'],
  ['Mottaker av hjemmetjenester', 'Home care recipient', 'lived_experience'],
  ['Foreldre til barn med kronisk sykdom', 'Parent of a child with a chronic illness', 'lived_experience'],
  ['Prosjektarbeid', 'Project work', 'competence'],
  ['Styre- og utvalgsarbeid', 'Board and committee work', 'competence'],
  ['Undervisning og foredrag', 'Teaching and talks', 'competence'],
  ['Klarspråk og skriving', 'Plain language and writing', 'competence'],
  ['Engelsk', 'English', 'language'],
  ['Arabisk', 'Arabic', 'language'],
  ['Polsk', 'Polish', 'language'],
  ['Somali', 'Somali', 'language'],
  ['Nordsamisk', 'Northern Sami', 'language'],
  ['Kurs for brukerrepresentanter', 'Course for patient representatives', 'training'],
  ['Personvern og taushetsplikt', 'Privacy and confidentiality', 'training'],
] as const;

// prettier-ignore
const FIRST_NAMES = [
  'Anne', 'Bjørn', 'Åshild', 'Eirik', 'Gunn', 'Håkon', 'Ingeborg', 'Jon', 'Kjersti', 'Leif', 'Marit', 'Nils',
  'Oddny', 'Pål', 'Ragnhild', 'Sigurd', 'Tove', 'Ulf', 'Vigdis', 'Øyvind', 'Æsa', 'Amina', 'Tomasz', 'Fadumo',
  'Elle Márjá', 'Berit', 'Geir', 'Hanne', 'Inger', 'Jørgen', 'Karin', 'Magnus', 'Randi', 'Svein', 'Turid', 'Arne',
];
// prettier-ignore
const LAST_NAMES = [
  'Andersen', 'Bråthen', 'Ødegaard', 'Dahl', 'Eriksen', 'Fjeld', 'Gundersen', 'Holm', 'Isaksen', 'Jacobsen',
  'Karlsen', 'Lund', 'Myhre', 'Nilsen', 'Olsen', 'Pedersen', 'Rønning', 'Sæther', 'Thorsen', 'Ullmann',
  'Vik', 'Wold', 'Ås', 'Ali', 'Kowalski', 'Warsame', 'Gaup', 'Berg', 'Hagen', 'Johansen', 'Kristoffersen',
  'Larsen', 'Mathisen', 'Nordby', 'Strøm', 'Aasen',
];
const AREAS = ['Sentrum', 'Nordbyen', 'Sørlia', 'Vestsida', 'Østmarka'];
const KINDS = ['patient', 'next_of_kin', 'patient', 'user_organisation', 'next_of_kin', 'patient'] as const;
const USER_ORGANISATIONS = ['', 'Demensforeningen', 'Mental Helse', 'Kreftforeningen', 'LHL', 'FFO', ''];

/** Fills an empty database with the demo organisation of DESIGN.md. Development only; refuses production. */
export async function seedDemoIfEmpty(
  db: Knex,
  config: Pick<Config, 'env' | 'scryptLog2N'>,
  clock: Clock,
): Promise<boolean> {
  if (config.env === 'production') throw new Error('The demo organisation is never seeded in production');
  const existing = await db('organisations').count({ n: '*' }).first();
  if (Number(existing?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD, config.scryptLog2N);
  const now = clock.now();
  const nowIso = now.toISO()!;
  const day = (offsetDays: number) => now.plus({ days: offsetDays }).toISODate()!;

  await db.transaction(async (trx) => {
    const [orgId] = await insertReturningIds(trx, 'organisations', [
      {
        name: 'Eksempel kommune',
        default_locale: 'nb',
        time_zone: 'Europe/Oslo',
        settings: JSON.stringify(defaultOrganisationSettings),
        created_at: nowIso,
      },
    ]);
    const userIds = await insertReturningIds(
      trx,
      'users',
      [
        ['Astrid Administrator', 'admin@example.no', 'admin'],
        ['Kari Tilrettelegger', 'facilitator@example.no', 'facilitator'],
        ['Ola Leder', 'supervisor@example.no', 'supervisor'],
      ].map(([name, email, role]) => ({
        organisation_id: orgId,
        name,
        email,
        role,
        password_hash: passwordHash,
        locale: 'nb',
        active: true,
        must_change_password: false,
        created_at: nowIso,
        updated_at: nowIso,
      })),
    );
    const facilitatorId = userIds[1]!;

    const unitIds = await insertReturningIds(
      trx,
      'units',
      UNITS.map(([name, kind]) => ({ organisation_id: orgId, name, kind, archived: false, created_at: nowIso })),
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
        created_at: nowIso,
      })),
    );
    const skillIds = await insertReturningIds(
      trx,
      'skills',
      SKILLS.map(([nb, en, category]) => ({
        organisation_id: orgId,
        name_nb: nb,
        name_en: en,
        category,
        archived: false,
        created_at: nowIso,
      })),
    );

    const reps = FIRST_NAMES.map((first, i) => {
      const name = `${first} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`;
      const status = i % 11 === 5 ? 'prospective' : i % 13 === 7 ? 'paused' : i === 34 ? 'retired' : 'active';
      const preferred = i % 9 === 4 ? 'phone' : i % 17 === 8 ? 'letter' : 'email';
      const languages =
        i === 21 ? 'nb,ar,en' : i === 22 ? 'nb,pl' : i === 23 ? 'nb,so' : i === 24 ? 'nb,se' : i % 3 ? 'nb' : 'nb,en';
      return {
        organisation_id: orgId,
        name,
        search_key: searchKey(name),
        sort_key: sortKey(name),
        email: preferred === 'letter' ? null : `rep${i + 1}@example.org`,
        phone: `+47 4${String(2000000 + i * 104729).slice(0, 7)}`,
        locale: i % 5 === 3 ? 'en' : 'nb',
        kind: KINDS[i % KINDS.length],
        status,
        paused_until: status === 'paused' ? day(60) : null,
        area: AREAS[i % AREAS.length],
        nominating_organisation: KINDS[i % KINDS.length] === 'user_organisation' ? USER_ORGANISATIONS[(i % 5) + 1] : '',
        term_start: day(-400 + i * 5),
        term_end: day(330 + i * 10),
        languages,
        accessibility_needs:
          i % 8 === 2
            ? 'Bruker rullestol; trenger trinnfri adkomst.'
            : i % 10 === 6
              ? 'Nedsatt hørsel: trenger teleslynge.'
              : '',
        preferred_contact: preferred,
        postal_address: preferred === 'letter' ? `Storgata ${i + 1}, 1234 Eksempelby` : '',
        load_cap: null,
        age_band: ['18-29', '30-49', '50-66', '67-79', '80+'][i % 5],
        gender: null,
        notes: '',
        email_undeliverable: false,
        last_reviewed_at: now.minus({ months: (i * 5) % 30 }).toISO(),
        erased_at: null,
        created_at: now.minus({ days: 500 - i * 10 }).toISO(),
        updated_at: nowIso,
      };
    });
    const repIds = await insertReturningIds(trx, 'representatives', reps);

    const repSkills: object[] = [];
    const consents: object[] = [];
    const statusChanges: object[] = [];
    repIds.forEach((repId, i) => {
      const rep = reps[i]!;
      const chosen = new Set([i % 10, 10 + (i % 4), (i * 3) % 21, 19]);
      for (const s of chosen) {
        const category = SKILLS[s]![2];
        repSkills.push({
          representative_id: repId,
          skill_id: skillIds[s],
          level: 1 + ((i + s) % 3),
          since: day(-800 + s * 20),
          expires_on: category === 'training' ? day(200 + i * 7) : null,
        });
      }
      const purposes = ['roster', 'health_experience', 'named_in_reports'];
      if (rep.preferred_contact === 'email') purposes.push('email_contact');
      for (const purpose of purposes) {
        if (purpose === 'named_in_reports' && i % 3 === 0) continue;
        consents.push({
          organisation_id: orgId,
          representative_id: repId,
          purpose,
          given_at: rep.created_at,
          withdrawn_at: null,
          method: 'written',
          recorded_by_user_id: facilitatorId,
        });
      }
      statusChanges.push({
        organisation_id: orgId,
        representative_id: repId,
        from_status: null,
        to_status: 'prospective',
        reason: '',
        changed_by_user_id: facilitatorId,
        changed_at: rep.created_at,
      });
      if (rep.status !== 'prospective') {
        statusChanges.push({
          organisation_id: orgId,
          representative_id: repId,
          from_status: 'prospective',
          to_status: rep.status,
          paused_until: rep.paused_until,
          reason: '',
          changed_by_user_id: facilitatorId,
          changed_at: rep.updated_at,
        });
      }
    });
    await insertInChunks(trx, 'representative_skills', repSkills);
    await insertInChunks(trx, 'consents', consents);
    await insertInChunks(trx, 'representative_status_changes', statusChanges);

    await insertReturningIds(trx, 'projects', [
      {
        organisation_id: orgId,
        unit_id: unitIds[4],
        owner_contact_id: contactIds[6],
        facilitator_user_id: facilitatorId,
        title: 'Bedre innkomst på sykehjemmet',
        purpose: 'Gjøre de første ukene på Solheim tryggere for nye beboere og deres pårørende.',
        what_matters: 'Å bli kjent med de ansatte før flyttingen; å vite hvem man skal ringe.',
        phase: 'planning',
        target_level: 'collaborate',
        seats: 3,
        starts_on: day(14),
        ends_on: day(200),
        location: 'Solheim sykehjem, møterom 2',
        online: false,
        working_languages: 'nb',
        sensitive_topic: false,
        honorarium_applies: true,
        created_at: nowIso,
        updated_at: nowIso,
      },
      {
        organisation_id: orgId,
        unit_id: unitIds[5],
        owner_contact_id: contactIds[7],
        facilitator_user_id: facilitatorId,
        title: 'Lavterskeltilbud for unge voksne',
        purpose: 'Utforme et drop-in-tilbud innen psykisk helse for unge voksne.',
        what_matters: 'Å slippe å vente på henvisning; å bli møtt av noen som har vært der selv.',
        phase: 'idea',
        target_level: 'involve',
        seats: 4,
        starts_on: day(30),
        ends_on: day(300),
        location: '',
        online: true,
        working_languages: 'nb,en',
        sensitive_topic: true,
        honorarium_applies: true,
        created_at: nowIso,
        updated_at: nowIso,
      },
    ]);
  });
  return true;
}
