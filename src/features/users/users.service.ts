import { randomInt } from 'node:crypto';
import type { Locale } from '../../config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UserSessions } from '../auth/sessions.types.js';
import type { UsersRepository } from './users.repository.js';
import type { CurrentUser, Role, User, UserDetails } from './users.types.js';

export interface UserInput {
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  phone: string;
}

export interface UsersServiceDeps {
  transact: Transact;
  users: UsersRepository;
  sessions: UserSessions;
  audit: AuditService;
  clock: Clock;
  scryptLog2N: number;
  /** New users' welcome links (WelcomeService): sent when a user is created, ended when their account changes. */
  welcome: {
    invite(user: Pick<User, 'id' | 'organisationId' | 'name' | 'email' | 'locale'>, tx: Tx): Promise<void>;
    accountChanged(
      user: Pick<User, 'id' | 'organisationId' | 'name' | 'email' | 'locale'>,
      change: 'email' | 'deactivated',
      tx: Tx,
    ): Promise<void>;
  };
}

/** How a new user gets in the first time: a welcome link by e-mail, or a one-time password the admin passes on. */
export type FirstAccess = 'invite' | 'show';

const TEMP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A temporary password an admin can read out or type: 16 unambiguous characters in four groups. */
export function temporaryPassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/** Admins manage the users of their own organisation; every change is audited in its transaction. */
export class UsersService {
  constructor(private readonly deps: UsersServiceDeps) {}

  list(actor: CurrentUser): Promise<Array<User & { hasPassword: boolean }>> {
    return this.deps.users.listWithAccess(actor.organisationId);
  }

  async get(actor: CurrentUser, id: number): Promise<UserDetails> {
    const user = await this.deps.users.details(actor.organisationId, id);
    if (!user) throw notFound();
    return user;
  }

  /**
   * Creates a user. Invited (the default), they have no password until they choose one through the link e-mailed
   * to them; otherwise they get a temporary password, shown to the admin once and changed at the first sign-in.
   */
  async create(
    actor: CurrentUser,
    input: UserInput,
    access: FirstAccess = 'invite',
  ): Promise<{ id: number; temporaryPassword?: string } | FieldProblem> {
    const { transact, users, audit, clock, scryptLog2N, welcome } = this.deps;
    const email = input.email.trim().toLowerCase();
    const taken = await this.emailProblem(actor, email);
    if (taken) return taken;
    const password = access === 'show' ? temporaryPassword() : undefined;
    // hashed before the transaction: scrypt takes a while, and SQLite holds its write lock for a transaction
    const passwordHash = password ? await hashPassword(password, scryptLog2N) : null;
    const now = clock.now().toISO()!;
    const id = await transact(async (tx) => {
      const created = await users.create(
        {
          organisationId: actor.organisationId,
          name: input.name.trim(),
          email,
          role: input.role,
          locale: input.locale,
          passwordHash,
          mustChangePassword: password !== undefined,
          phone: input.phone,
        },
        now,
        tx,
      );
      await audit.byUser(actor, 'user.created', { type: 'user', id: created }, { role: input.role, access }, tx);
      if (!password) {
        const user = { id: created, organisationId: actor.organisationId, name: input.name.trim(), email };
        await welcome.invite({ ...user, locale: input.locale }, tx);
      }
      return created;
    });
    return password ? { id, temporaryPassword: password } : { id };
  }

  async update(actor: CurrentUser, id: number, input: UserInput): Promise<FieldProblem | undefined> {
    const { transact, users, audit, clock } = this.deps;
    const user = await this.get(actor, id);
    const email = input.email.trim().toLowerCase();
    const taken = await this.emailProblem(actor, email, id);
    if (taken) return taken;
    if (user.id === actor.id && input.role !== 'admin') return { field: 'role', key: 'users.errors.ownRole' };
    await transact(async (tx) => {
      await users.update(
        actor.organisationId,
        id,
        { name: input.name.trim(), email, role: input.role, locale: input.locale, phone: input.phone },
        clock.now().toISO()!,
        tx,
      );
      await audit.byUser(actor, 'user.updated', { type: 'user', id }, {}, tx);
      // links sent to the old address stop working (a mistyped address must not keep a way in)
      if (user.email !== email) {
        const changed = { id, organisationId: actor.organisationId, name: input.name.trim(), email };
        await this.deps.welcome.accountChanged({ ...changed, locale: input.locale }, 'email', tx);
      }
      // the number itself stays out of the audit (it is read in the user's record)
      if (user.phone !== input.phone) await audit.byUser(actor, 'user.phone_changed', { type: 'user', id }, {}, tx);
      if (user.role !== input.role) {
        await audit.byUser(actor, 'user.role_changed', { type: 'user', id }, { from: user.role, to: input.role }, tx);
      }
    });
    return undefined;
  }

  /** Deactivates a user and ends their sessions at once. An admin cannot deactivate themselves. */
  async deactivate(actor: CurrentUser, id: number): Promise<void> {
    const { transact, users, sessions, audit, clock } = this.deps;
    const user = await this.get(actor, id);
    if (user.id === actor.id) throw new AppError(422, 'users.errors.deactivateSelf');
    await transact(async (tx) => {
      await users.update(actor.organisationId, id, { active: false }, clock.now().toISO()!, tx);
      await sessions.destroyAllForUser(id, tx);
      await this.deps.welcome.accountChanged(user, 'deactivated', tx);
      await audit.byUser(actor, 'user.deactivated', { type: 'user', id }, {}, tx);
    });
  }

  async reactivate(actor: CurrentUser, id: number): Promise<void> {
    const { transact, users, audit, clock } = this.deps;
    await this.get(actor, id);
    await transact(async (tx) => {
      await users.update(actor.organisationId, id, { active: true }, clock.now().toISO()!, tx);
      await audit.byUser(actor, 'user.reactivated', { type: 'user', id }, {}, tx);
    });
  }

  async signOutEverywhere(actor: CurrentUser, id: number): Promise<number> {
    const { transact, sessions, audit } = this.deps;
    await this.get(actor, id);
    return transact(async (tx) => {
      const ended = await sessions.destroyAllForUser(id, tx);
      await audit.byUser(actor, 'user.signed_out_everywhere', { type: 'user', id }, { sessions: ended }, tx);
      return ended;
    });
  }

  /** Gives a user a new temporary password (to be changed at sign-in) and ends their sessions. */
  async resetPassword(actor: CurrentUser, id: number): Promise<string> {
    const { transact, users, sessions, audit, clock, scryptLog2N } = this.deps;
    await this.get(actor, id);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password, scryptLog2N);
    await transact(async (tx) => {
      await users.setPassword(id, passwordHash, true, clock.now().toISO()!, tx);
      await sessions.destroyAllForUser(id, tx);
      await audit.byUser(actor, 'user.password_reset', { type: 'user', id }, {}, tx);
    });
    return password;
  }

  /**
   * The operator's break glass (`npm run user:reset-password`): a one-time password for the user with this address,
   * to be changed at the next sign-in; their sessions end. Audited as the system's; undefined when nobody has it.
   */
  async resetPasswordByOperator(emailInput: string): Promise<string | undefined> {
    const { transact, users, sessions, audit, clock, scryptLog2N } = this.deps;
    const user = await users.findByEmailWithHash(emailInput.trim().toLowerCase());
    if (!user) return undefined;
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password, scryptLog2N);
    await transact(async (tx) => {
      await users.setPassword(user.id, passwordHash, true, clock.now().toISO()!, tx);
      await sessions.destroyAllForUser(user.id, tx);
      await audit.record(
        {
          organisationId: user.organisationId,
          actorType: 'system',
          action: 'user.password_reset',
          entityType: 'user',
          entityId: user.id,
          details: { by: 'operator' },
        },
        tx,
      );
    });
    return password;
  }

  /**
   * An address already in use. In the admin's own organisation, say so (the admin sees those users anyway); in
   * another, say only that it cannot be used, and leave the operator an audit row outside any organisation (ids
   * only), so that an admin never learns who has an account elsewhere.
   */
  private async emailProblem(actor: CurrentUser, email: string, exceptId?: number): Promise<FieldProblem | undefined> {
    const holder = await this.deps.users.emailHolder(email, exceptId);
    if (!holder) return undefined;
    if (holder.organisationId === actor.organisationId) return { field: 'email', key: 'users.errors.emailTaken' };
    await this.deps.audit.record({
      organisationId: null,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'user.email_conflict',
      entityType: 'user',
      entityId: holder.id,
      details: { organisationId: actor.organisationId },
    });
    return { field: 'email', key: 'users.errors.emailUnavailable' };
  }

  setLocale(actor: CurrentUser, locale: Locale): Promise<void> {
    return this.deps.users.setLocale(actor.id, locale);
  }

  /** Whether the user asked for the weekly digest (shown on their dashboard). */
  weeklyDigest(actor: CurrentUser): Promise<boolean> {
    return this.deps.users.weeklyDigest(actor.id);
  }

  setWeeklyDigest(actor: CurrentUser, wanted: boolean): Promise<void> {
    return this.deps.users.setWeeklyDigest(actor.organisationId, actor.id, wanted);
  }

  /** The user's e-mail choices on /account (the digest; every answer, for facilitators and admins). */
  emailChoices(actor: CurrentUser): Promise<{ digest: boolean; notify: boolean }> {
    return this.deps.users.emailChoices(actor.organisationId, actor.id);
  }

  /** Saves both choices; a supervisor has no projects of their own, so "every answer" stays off for them. */
  setEmailChoices(actor: CurrentUser, choices: { digest: boolean; notify: boolean }): Promise<void> {
    const notify = actor.role !== 'supervisor' && choices.notify;
    return this.deps.users.setEmailChoices(actor.organisationId, actor.id, { digest: choices.digest, notify });
  }

  /** The user's own work phone and language, changed on /account; a new phone is audited like an admin's change. */
  async setOwnDetails(actor: CurrentUser, input: { phone: string; locale: Locale }): Promise<void> {
    const { transact, users, audit, clock } = this.deps;
    const current = await this.get(actor, actor.id);
    await transact(async (tx) => {
      const now = clock.now().toISO()!;
      if (current.locale !== input.locale)
        await users.update(actor.organisationId, actor.id, { locale: input.locale }, now, tx);
      if (current.phone === input.phone) return;
      await users.setPhone(actor.organisationId, actor.id, input.phone, now, tx);
      await audit.byUser(actor, 'user.phone_changed', { type: 'user', id: actor.id }, {}, tx);
    });
  }
}
