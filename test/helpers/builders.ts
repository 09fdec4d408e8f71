import type { Db } from '../../src/db.js';
import { insertReturningIds } from '../../src/db.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { defaultOrganisationSettings } from '../../src/features/organisations/settings.js';
import type { Role } from '../../src/features/users/users.types.js';
import { searchKey, sortKey } from '../../src/lib/text.js';

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

export const TEST_PASSWORD = 'correct horse battery staple';

export async function buildOrganisation(db: Db, overrides: { name?: string } = {}): Promise<number> {
  const [id] = await insertReturningIds(db, 'organisations', [
    {
      name: overrides.name ?? `Testkommune ${next()}`,
      default_locale: 'nb',
      time_zone: 'Europe/Oslo',
      settings: JSON.stringify(defaultOrganisationSettings),
      created_at: new Date().toISOString(),
    },
  ]);
  return id!;
}

export interface BuiltUser {
  id: number;
  organisationId: number;
  email: string;
  password: string;
  name: string;
  role: Role;
}

export async function buildUser(
  db: Db,
  organisationId: number,
  overrides: Partial<{
    role: Role;
    name: string;
    email: string;
    password: string;
    active: boolean;
    mustChangePassword: boolean;
    locale: 'nb' | 'nn' | 'en';
  }> = {},
): Promise<BuiltUser> {
  const n = next();
  const role = overrides.role ?? 'facilitator';
  const email = overrides.email ?? `${role}${n}@test.example`;
  const password = overrides.password ?? TEST_PASSWORD;
  const name = overrides.name ?? `Test ${role} ${n}`;
  const now = new Date().toISOString();
  const [id] = await insertReturningIds(db, 'users', [
    {
      organisation_id: organisationId,
      name,
      email,
      role,
      password_hash: await hashPassword(password, 10),
      locale: overrides.locale ?? 'nb',
      active: overrides.active ?? true,
      must_change_password: overrides.mustChangePassword ?? false,
      created_at: now,
      updated_at: now,
    },
  ]);
  return { id: id!, organisationId, email, password, name, role };
}

export async function buildSkill(
  db: Db,
  organisationId: number,
  overrides: Partial<{ nameNb: string; nameEn: string; category: string; archived: boolean }> = {},
): Promise<number> {
  const n = next();
  const [id] = await insertReturningIds(db, 'skills', [
    {
      organisation_id: organisationId,
      name_nb: overrides.nameNb ?? `Ferdighet ${n}`,
      name_en: overrides.nameEn ?? `Skill ${n}`,
      category: overrides.category ?? 'competence',
      archived: overrides.archived ?? false,
      created_at: new Date().toISOString(),
    },
  ]);
  await db('organisations').where({ id: organisationId }).increment('roster_version', 1);
  return id!;
}

export interface RepresentativeOverrides {
  name: string;
  email: string | null;
  kind: string;
  status: string;
  pausedUntil: string | null;
  area: string;
  languages: string;
  termStart: string | null;
  termEnd: string | null;
  consents: string[];
  skills: Array<{ skillId: number; level: number }>;
  createdAt: string;
}

export async function buildRepresentative(
  db: Db,
  organisationId: number,
  overrides: Partial<RepresentativeOverrides> = {},
): Promise<number> {
  const n = next();
  const name = overrides.name ?? `Representant ${n}`;
  const now = overrides.createdAt ?? new Date().toISOString();
  const [id] = await insertReturningIds(db, 'representatives', [
    {
      organisation_id: organisationId,
      name,
      search_key: searchKey(name),
      sort_key: sortKey(name),
      email: overrides.email === undefined ? `rep${n}@test.example` : overrides.email,
      phone: null,
      locale: 'nb',
      kind: overrides.kind ?? 'patient',
      status: overrides.status ?? 'active',
      paused_until: overrides.pausedUntil ?? null,
      area: overrides.area ?? 'Sentrum',
      languages: overrides.languages ?? 'nb',
      term_start: overrides.termStart ?? null,
      term_end: overrides.termEnd ?? null,
      preferred_contact: 'email',
      email_undeliverable: false,
      created_at: now,
      updated_at: now,
    },
  ]);
  for (const purpose of overrides.consents ?? ['roster', 'email_contact']) {
    await db('consents').insert({
      organisation_id: organisationId,
      representative_id: id,
      purpose,
      given_at: now,
      method: 'written',
    });
  }
  for (const skill of overrides.skills ?? []) {
    await db('representative_skills').insert({ representative_id: id, skill_id: skill.skillId, level: skill.level });
  }
  // as the app does on every roster change, so that cached counts are not reused
  await db('organisations').where({ id: organisationId }).increment('roster_version', 1);
  return id!;
}

export async function buildProject(
  db: Db,
  organisationId: number,
  overrides: Partial<{ title: string; seats: number; startsOn: string; endsOn: string; whatMatters: string }> = {},
): Promise<number> {
  const now = new Date().toISOString();
  const [id] = await insertReturningIds(db, 'projects', [
    {
      organisation_id: organisationId,
      title: overrides.title ?? `Prosjekt ${next()}`,
      // invitations are not sent before a project says what matters to patients and next of kin
      what_matters: overrides.whatMatters ?? 'Å bli hørt',
      phase: 'idea',
      target_level: 'involve',
      seats: overrides.seats ?? 2,
      starts_on: overrides.startsOn ?? '2027-01-01',
      ends_on: overrides.endsOn ?? '2027-12-31',
      working_languages: 'nb',
      created_at: now,
      updated_at: now,
    },
  ]);
  return id!;
}

export async function buildContact(
  db: Db,
  organisationId: number,
  overrides: Partial<{ name: string; email: string }> = {},
): Promise<number> {
  const [id] = await insertReturningIds(db, 'contacts', [
    {
      organisation_id: organisationId,
      name: overrides.name ?? `Kontakt ${next()}`,
      title: 'Fagutvikler',
      email: overrides.email ?? null,
      champion: false,
      created_at: new Date().toISOString(),
    },
  ]);
  return id!;
}

/** An e-mail in the outbox, already through the worker (captured by the mailbox unless another state is asked). */
export async function buildOutboxMessage(
  db: Db,
  organisationId: number,
  overrides: Partial<{
    status: 'queued' | 'sent' | 'failed';
    to: string;
    subject: string;
    text: string;
    html: string;
  }> = {},
): Promise<number> {
  const n = next();
  const now = new Date().toISOString();
  const status = overrides.status ?? 'sent';
  const [id] = await insertReturningIds(db, 'outbox_messages', [
    {
      organisation_id: organisationId,
      kind: 'password_reset',
      dedupe_key: `built:${n}`,
      to_address: overrides.to ?? `mail${n}@test.example`,
      subject: overrides.subject ?? `Emne ${n}`,
      text_body: overrides.text ?? `Hei\n\nhttps://medvirk.test/x/${n}`,
      html_body: overrides.html ?? `<p>Hei ${n}</p>`,
      status,
      attempts: status === 'queued' ? 0 : 1,
      next_attempt_at: now,
      last_error: status === 'failed' ? '554 5.7.1 rejected' : null,
      sent_at: status === 'sent' ? now : null,
      delivered_via: status === 'sent' ? 'mailbox' : null,
      created_at: now,
    },
  ]);
  return id!;
}

export { buildMeeting, buildInvitation, buildInvolvement } from './project-work-builders.js';
export type { InvitationStatus } from './project-work-builders.js';
export {
  buildRequirements,
  buildImpact,
  buildParticipationLink,
  buildPasswordReset,
  buildHonorariumRuleVersions,
  buildImportBatch,
  buildRepresentativeRequest,
} from './record-builders.js';
