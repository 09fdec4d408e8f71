import type { Db } from '../../db.js';
import { insertReturningIds, on } from '../../db.js';
import type { Locale } from '../../config.js';
import { toBool, toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type {
  DigestSubscriber,
  NewUser,
  Role,
  StaffMember,
  User,
  UserAccounts,
  UserDetails,
  UserWithHash,
} from './users.types.js';

interface UserRow {
  id: number;
  organisation_id: number;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  active: unknown;
  must_change_password: unknown;
  last_sign_in_at: unknown;
}

interface UserWithHashRow extends UserRow {
  password_hash: string | null;
}

interface SubscriberRow extends UserRow {
  organisation_name: string | null;
  time_zone: string | null;
}

const COLUMNS = [
  'users.id',
  'users.organisation_id',
  'users.name',
  'users.email',
  'users.role',
  'users.locale',
  'users.active',
  'users.must_change_password',
  'users.last_sign_in_at',
];

function toUser(row: UserRow): User {
  return {
    id: toNumber(row.id),
    organisationId: toNumber(row.organisation_id),
    name: row.name,
    email: row.email,
    role: row.role,
    locale: row.locale,
    active: toBool(row.active),
    mustChangePassword: toBool(row.must_change_password),
    lastSignInAt: toInstant(row.last_sign_in_at),
  };
}

export class UsersRepository implements UserAccounts {
  constructor(private readonly db: Db) {}

  /** For sign-in: looks up by e-mail across the installation (e-mail is the sign-in name). */
  async findByEmailWithHash(email: string): Promise<UserWithHash | undefined> {
    const row = await this.db('users')
      .where('users.email', email)
      .first<UserWithHashRow | undefined>([...COLUMNS, 'users.password_hash']);
    return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
  }

  async findWithHash(organisationId: number, id: number, tx?: Tx): Promise<UserWithHash | undefined> {
    const row = await on(
      this.db,
      tx,
    )('users')
      .where({ 'users.id': id, 'users.organisation_id': organisationId })
      .first<UserWithHashRow | undefined>([...COLUMNS, 'users.password_hash']);
    return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
  }

  async find(organisationId: number, id: number, tx?: Tx): Promise<User | undefined> {
    const row = await on(
      this.db,
      tx,
    )('users')
      .where({ 'users.id': id, 'users.organisation_id': organisationId })
      .first<UserRow | undefined>(COLUMNS);
    return row ? toUser(row) : undefined;
  }

  /** The user, if active and wanting an e-mail for every answer to their projects' invitations. */
  async findNotifiable(organisationId: number, id: number, tx?: Tx): Promise<User | undefined> {
    const row = await on(
      this.db,
      tx,
    )('users')
      .where({ 'users.id': id, 'users.organisation_id': organisationId, 'users.active': true, notify_answers: true })
      .first<UserRow | undefined>(COLUMNS);
    return row ? toUser(row) : undefined;
  }

  /** Active users of every organisation who asked for the weekly digest. */
  async digestSubscribers(): Promise<DigestSubscriber[]> {
    const rows = await this.db('users')
      .join('organisations as o', 'o.id', 'users.organisation_id')
      .where({ 'users.active': true, 'users.weekly_digest': true })
      .select<SubscriberRow[]>([...COLUMNS, 'o.time_zone', 'o.name as organisation_name']);
    return rows.map((r) => ({
      ...toUser(r),
      timeZone: r.time_zone ?? 'Europe/Oslo',
      organisationName: r.organisation_name ?? '',
    }));
  }

  async weeklyDigest(id: number): Promise<boolean> {
    const row = await this.db('users').where({ id }).first<{ weekly_digest: unknown } | undefined>('weekly_digest');
    return toBool(row?.weekly_digest);
  }

  async setWeeklyDigest(organisationId: number, id: number, wanted: boolean): Promise<void> {
    await this.db('users').where({ organisation_id: organisationId, id }).update({ weekly_digest: wanted });
  }

  /** The user's e-mail choices: the weekly digest and an e-mail for every answer to their projects' invitations. */
  async emailChoices(organisationId: number, id: number): Promise<{ digest: boolean; notify: boolean }> {
    const row = await this.db('users')
      .where({ organisation_id: organisationId, id })
      .first<{ weekly_digest: unknown; notify_answers: unknown } | undefined>('weekly_digest', 'notify_answers');
    return { digest: toBool(row?.weekly_digest), notify: toBool(row?.notify_answers) };
  }

  async setEmailChoices(
    organisationId: number,
    id: number,
    choices: { digest: boolean; notify: boolean },
  ): Promise<void> {
    await this.db('users')
      .where({ organisation_id: organisationId, id })
      .update({ weekly_digest: choices.digest, notify_answers: choices.notify });
  }

  /** Who holds an e-mail address, in any organisation (addresses are unique across the installation). */
  async emailHolder(email: string, exceptId?: number): Promise<{ id: number; organisationId: number } | undefined> {
    const query = this.db('users').where({ email });
    if (exceptId) query.whereNot({ id: exceptId });
    const row = await query.first<Pick<UserRow, 'id' | 'organisation_id'> | undefined>('id', 'organisation_id');
    return row ? { id: row.id, organisationId: row.organisation_id } : undefined;
  }

  async emailTaken(email: string, exceptId?: number): Promise<boolean> {
    const query = this.db('users').where({ email });
    if (exceptId) query.whereNot({ id: exceptId });
    return (await query.first('id')) !== undefined;
  }

  async list(organisationId: number): Promise<User[]> {
    const rows = await this.db('users').where({ organisation_id: organisationId }).select<UserRow[]>(COLUMNS);
    return rows.map(toUser);
  }

  /** The admin's list: every user with whether they have chosen a password yet (an invited user has not). */
  async listWithAccess(organisationId: number): Promise<Array<User & { hasPassword: boolean }>> {
    const rows = await this.db('users')
      .where({ organisation_id: organisationId })
      .select<Array<UserRow & { has_password: unknown }>>([
        ...COLUMNS,
        this.db.raw('(users.password_hash is not null) as has_password'),
      ]);
    return rows.map((r) => ({ ...toUser(r), hasPassword: toBool(r.has_password) }));
  }

  async countActiveAdmins(organisationId: number): Promise<number> {
    const row = await this.db('users')
      .where({ organisation_id: organisationId, role: 'admin', active: true })
      .count({ n: '*' })
      .first();
    return toNumber(row?.n);
  }

  async create(user: NewUser, now: string, tx?: Tx): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'users', [
      {
        organisation_id: user.organisationId,
        name: user.name,
        email: user.email,
        role: user.role,
        locale: user.locale,
        password_hash: user.passwordHash,
        active: true,
        must_change_password: user.mustChangePassword,
        phone: user.phone ?? '',
        created_at: now,
        updated_at: now,
        password_changed_at: now,
      },
    ]);
    return id!;
  }

  async update(
    organisationId: number,
    id: number,
    changes: Partial<Pick<UserDetails, 'name' | 'email' | 'role' | 'locale' | 'active' | 'phone'>>,
    now: string,
    tx?: Tx,
  ): Promise<void> {
    const row: Partial<Pick<UserRow, 'name' | 'email' | 'role' | 'locale'>> & {
      active?: boolean;
      phone?: string;
      updated_at: string;
    } = { updated_at: now };
    if (changes.name !== undefined) row.name = changes.name;
    if (changes.email !== undefined) row.email = changes.email;
    if (changes.role !== undefined) row.role = changes.role;
    if (changes.locale !== undefined) row.locale = changes.locale;
    if (changes.active !== undefined) row.active = changes.active;
    if (changes.phone !== undefined) row.phone = changes.phone;
    await on(this.db, tx)('users').where({ id, organisation_id: organisationId }).update(row);
  }

  async setPassword(id: number, passwordHash: string, mustChange: boolean, now: string, tx?: Tx): Promise<void> {
    await on(this.db, tx)('users').where({ id }).update({
      password_hash: passwordHash,
      must_change_password: mustChange,
      password_changed_at: now,
      updated_at: now,
    });
  }

  async recordSignIn(id: number, now: string, tx?: Tx): Promise<void> {
    await on(this.db, tx)('users').where({ id }).update({ last_sign_in_at: now });
  }

  async setLocale(id: number, locale: Locale): Promise<void> {
    await this.db('users').where({ id }).update({ locale });
  }

  /** The user with their work phone (the admin's form, the user's own page). */
  async details(organisationId: number, id: number, tx?: Tx): Promise<UserDetails | undefined> {
    const row = await on(
      this.db,
      tx,
    )('users')
      .where({ 'users.id': id, 'users.organisation_id': organisationId })
      .first<(UserRow & { phone: string | null; has_password: unknown }) | undefined>([
        ...COLUMNS,
        'users.phone',
        this.db.raw('(users.password_hash is not null) as has_password'),
      ]);
    return row ? { ...toUser(row), phone: row.phone ?? '', hasPassword: toBool(row.has_password) } : undefined;
  }

  async setPhone(organisationId: number, id: number, phone: string, now: string, tx?: Tx): Promise<void> {
    await on(this.db, tx)('users').where({ id, organisation_id: organisationId }).update({ phone, updated_at: now });
  }

  /** The active facilitators and admins of the organisation: who can be a contact person or take over work. */
  async activeStaff(organisationId: number, tx?: Tx): Promise<StaffMember[]> {
    const rows = await on(
      this.db,
      tx,
    )('users')
      .where({ organisation_id: organisationId, active: true })
      .whereIn('role', ['facilitator', 'admin'])
      .select<Array<{ id: number | string; name: string; phone: string | null }>>('id', 'name', 'phone');
    return rows.map((r) => ({ id: toNumber(r.id), name: r.name, phone: r.phone ?? '' }));
  }

  /** When the user's calendar feed address was made, or null when they have none. */
  async calendarTokenCreatedAt(organisationId: number, id: number): Promise<string | null> {
    const row = await this.db('users')
      .where({ id, organisation_id: organisationId })
      .first<{ calendar_token_created_at: unknown } | undefined>('calendar_token_created_at');
    return toInstant(row?.calendar_token_created_at ?? null);
  }

  /** Sets (or with null, removes) the SHA-256 of the user's calendar feed token; the old one stops working. */
  async setCalendarToken(organisationId: number, id: number, hash: string | null, now: string, tx?: Tx): Promise<void> {
    await on(
      this.db,
      tx,
    )('users')
      .where({ id, organisation_id: organisationId })
      .update({ calendar_token_hash: hash, calendar_token_created_at: hash ? now : null, updated_at: now });
  }

  /** The active user whose calendar feed token has this SHA-256 (an indexed lookup of the hash, never the token). */
  async findByCalendarToken(hash: string): Promise<User | undefined> {
    const row = await this.db('users')
      .where({ calendar_token_hash: hash, active: true })
      .first<UserRow | undefined>(COLUMNS);
    return row ? toUser(row) : undefined;
  }
}
