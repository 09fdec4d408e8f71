import { createHash } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { PASSWORD_MAX } from '../../lib/password-policy.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { CurrentUser, User } from '../users/users.types.js';
import type { SessionsRepository } from './sessions.repository.js';
import type { SignInThrottle } from './sign-in-throttle.js';

export { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './sign-in-policy.js';

export type SignInResult =
  { kind: 'ok'; user: User } | { kind: 'invalid' } | { kind: 'limited'; retryAfterSeconds: number };

export type PasswordChangeResult =
  { kind: 'ok' } | { kind: 'problem'; field: string; key: string } | { kind: 'limited'; retryAfterSeconds: number };

// the throttle key for an account and an address holds a hash of the e-mail, not the address itself
const accountIpKey = (email: string, ip: string) =>
  `login:account-ip:${createHash('sha256').update(email).digest('hex')}:${ip}`;
// a signed-in user's current password: one key per user, whatever the address (only its session can use it)
const passwordChangeKey = (userId: number) => `password-change:user:${userId}`;

export interface AuthServiceDeps {
  users: UsersRepository;
  sessions: SessionsRepository;
  throttle: SignInThrottle;
  audit: AuditService;
  clock: Clock;
  scryptLog2N: number;
}

/**
 * Sign-in and the current password on /password/change: the attempt is reserved (throttled) before any hashing;
 * unknown e-mails cost the same time and get the same answer.
 */
export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: AuthServiceDeps) {}

  async signIn(emailInput: string, password: string, ip: string): Promise<SignInResult> {
    const { users, throttle, audit, clock } = this.deps;
    const email = emailInput.trim().toLowerCase();
    const reserved = await throttle.reserve(accountIpKey(email, ip), ip);
    if (reserved.kind === 'limited') {
      // refusals are counted per source and hour (one row, a count), so that a flood cannot grow the audit log
      await audit.recordRefusal(
        { organisationId: null, actorType: 'anonymous', action: 'auth.sign_in_rate_limited' },
        ip,
      );
      return reserved;
    }

    const user = password.length <= PASSWORD_MAX ? await users.findByEmailWithHash(email) : undefined;
    // an unknown e-mail still costs one scrypt, so that timing does not reveal which addresses have accounts
    const hash = user?.passwordHash ?? (await this.dummy());
    const matches = password.length <= PASSWORD_MAX && (await verifyPassword(password, hash));
    if (!user || !matches || !user.active) {
      await throttle.failed(reserved.reservation);
      await audit.recordRefusal(
        {
          organisationId: user?.organisationId ?? null,
          actorType: 'anonymous',
          action: 'auth.sign_in_failed',
          entityType: user ? 'user' : '',
          entityId: user?.id ?? null,
          details: { reason: !user ? 'unknown_account' : !user.active ? 'deactivated' : 'wrong_password' },
        },
        ip,
      );
      return { kind: 'invalid' };
    }
    await throttle.succeeded(reserved.reservation);
    await users.recordSignIn(user.id, clock.now().toISO()!);
    await audit.record({
      organisationId: user.organisationId,
      actorType: 'user',
      actorUserId: user.id,
      action: 'auth.signed_in',
      entityType: 'user',
      entityId: user.id,
    });
    return { kind: 'ok', user };
  }

  /**
   * Changes a signed-in user's own password. A wrong current password is a password guess: throttled like a
   * sign-in (per user, and towards the address's ceiling) and audited.
   */
  async changeOwnPassword(
    actor: CurrentUser,
    current: string,
    next: string,
    ip: string,
  ): Promise<PasswordChangeResult> {
    const { users, sessions, throttle, audit, clock, scryptLog2N } = this.deps;
    const reserved = await throttle.reserve(passwordChangeKey(actor.id), ip);
    if (reserved.kind === 'limited') return reserved;
    const user = await users.findWithHash(actor.organisationId, actor.id);
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      await throttle.failed(reserved.reservation);
      await audit.record({
        organisationId: actor.organisationId,
        actorType: 'user',
        actorUserId: actor.id,
        action: 'user.password_change_failed',
        entityType: 'user',
        entityId: actor.id,
      });
      return { kind: 'problem', field: 'currentPassword', key: 'password.errors.currentWrong' };
    }
    await throttle.succeeded(reserved.reservation);
    if (await verifyPassword(next, user.passwordHash)) {
      return { kind: 'problem', field: 'newPassword', key: 'password.errors.same' };
    }
    await users.setPassword(actor.id, await hashPassword(next, scryptLog2N), false, clock.now().toISO()!);
    await sessions.destroyAllForUser(actor.id);
    await audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'user.password_changed',
      entityType: 'user',
      entityId: actor.id,
    });
    return { kind: 'ok' };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('not-a-real-password-for-timing', this.deps.scryptLog2N);
    return this.dummyHash;
  }
}
