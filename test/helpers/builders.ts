import type { Db } from '../../src/db.js';
import { insertReturningIds } from '../../src/db.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { defaultOrganisationSettings } from '../../src/features/organisations/settings.js';
import type { Role } from '../../src/features/users/users.repository.js';

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
    locale: 'nb' | 'en';
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
