import { randomInt } from 'node:crypto';
import type { Locale } from '../../config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import type { AuditService } from '../audit/audit.service.js';
import type { SessionsRepository } from '../auth/sessions.repository.js';
import type { UsersRepository } from './users.repository.js';
import type { CurrentUser, Role, User } from './users.types.js';

export interface UserInput {
  name: string;
  email: string;
  role: Role;
  locale: Locale;
}

export type UserProblem = { field: string; key: string };

const TEMP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A temporary password an admin can read out or type: 16 unambiguous characters in four groups. */
export function temporaryPassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/** Admins manage the users of their own organisation; every change is audited. */
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scryptLog2N: number,
  ) {}

  list(actor: CurrentUser): Promise<User[]> {
    return this.users.list(actor.organisationId);
  }

  async get(actor: CurrentUser, id: number): Promise<User> {
    const user = await this.users.find(actor.organisationId, id);
    if (!user) throw new AppError(404, 'errors.notFound.body');
    return user;
  }

  /** Creates a user with a temporary password that must be changed at first sign-in. */
  async create(actor: CurrentUser, input: UserInput): Promise<{ id: number; temporaryPassword: string } | UserProblem> {
    const email = input.email.trim().toLowerCase();
    const taken = await this.emailProblem(actor, email);
    if (taken) return taken;
    const password = temporaryPassword();
    const now = this.clock.now().toISO()!;
    const id = await this.users.create(
      {
        organisationId: actor.organisationId,
        name: input.name.trim(),
        email,
        role: input.role,
        locale: input.locale,
        passwordHash: await hashPassword(password, this.scryptLog2N),
        mustChangePassword: true,
      },
      now,
    );
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      details: { role: input.role },
    });
    return { id, temporaryPassword: password };
  }

  async update(actor: CurrentUser, id: number, input: UserInput): Promise<UserProblem | undefined> {
    const user = await this.get(actor, id);
    const email = input.email.trim().toLowerCase();
    const taken = await this.emailProblem(actor, email, id);
    if (taken) return taken;
    if (user.id === actor.id && input.role !== 'admin') return { field: 'role', key: 'users.errors.ownRole' };
    await this.users.update(
      actor.organisationId,
      id,
      { name: input.name.trim(), email, role: input.role, locale: input.locale },
      this.clock.now().toISO()!,
    );
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
    });
    if (user.role !== input.role) {
      await this.audit.record({
        organisationId: actor.organisationId,
        actorType: 'user',
        actorUserId: actor.id,
        action: 'user.role_changed',
        entityType: 'user',
        entityId: id,
        details: { from: user.role, to: input.role },
      });
    }
    return undefined;
  }

  /** Deactivates a user and ends their sessions at once. An admin cannot deactivate themselves. */
  async deactivate(actor: CurrentUser, id: number): Promise<void> {
    const user = await this.get(actor, id);
    if (user.id === actor.id) throw new AppError(422, 'users.errors.deactivateSelf');
    await this.users.update(actor.organisationId, id, { active: false }, this.clock.now().toISO()!);
    await this.sessions.destroyAllForUser(id);
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'user.deactivated',
      entityType: 'user',
      entityId: id,
    });
  }

  async reactivate(actor: CurrentUser, id: number): Promise<void> {
    await this.get(actor, id);
    await this.users.update(actor.organisationId, id, { active: true }, this.clock.now().toISO()!);
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'user.reactivated',
      entityType: 'user',
      entityId: id,
    });
  }

  async signOutEverywhere(actor: CurrentUser, id: number): Promise<number> {
    await this.get(actor, id);
    const ended = await this.sessions.destroyAllForUser(id);
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'user.signed_out_everywhere',
      entityType: 'user',
      entityId: id,
      details: { sessions: ended },
    });
    return ended;
  }

  /** Gives a user a new temporary password (to be changed at sign-in) and ends their sessions. */
  async resetPassword(actor: CurrentUser, id: number): Promise<string> {
    await this.get(actor, id);
    const password = temporaryPassword();
    await this.users.setPassword(id, await hashPassword(password, this.scryptLog2N), true, this.clock.now().toISO()!);
    await this.sessions.destroyAllForUser(id);
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
    });
    return password;
  }

  /** A user changes their own password; every session of theirs ends (the caller starts a new one). */
  /**
   * An address already in use. In the admin's own organisation, say so (the admin sees those users anyway); in
   * another, say only that it cannot be used, and leave the operator an audit row outside any organisation (ids
   * only), so that an admin never learns who has an account elsewhere.
   */
  private async emailProblem(actor: CurrentUser, email: string, exceptId?: number): Promise<UserProblem | undefined> {
    const holder = await this.users.emailHolder(email, exceptId);
    if (!holder) return undefined;
    if (holder.organisationId === actor.organisationId) return { field: 'email', key: 'users.errors.emailTaken' };
    await this.audit.record({
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
    return this.users.setLocale(actor.id, locale);
  }
}
