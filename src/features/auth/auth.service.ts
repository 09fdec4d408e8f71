import { createHash } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { PASSWORD_MAX } from '../../lib/password-policy.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser, User, UserAccounts } from '../users/users.types.js';
import type { UserSessions } from './sessions.types.js';
import type { SignInThrottle } from './sign-in-throttle.js';

export { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './sign-in-policy.js';

/** The password was right: `secondFactor` when a code is still to be asked for before the user is signed in. */
export type SignInResult =
  | { kind: 'ok'; user: User; secondFactor: boolean }
  | { kind: 'invalid' }
  /** The password was right, but the user's organisation signs in through its provider only. */
  | { kind: 'sso_only' }
  | { kind: 'limited'; retryAfterSeconds: number };

export type PasswordChangeResult =
  { kind: 'ok' } | ({ kind: 'problem' } & FieldProblem) | { kind: 'limited'; retryAfterSeconds: number };

// the throttle key for an account and an address holds a hash of the e-mail, not the address itself
const accountIpKey = (email: string, ip: string) =>
  `login:account-ip:${createHash('sha256').update(email).digest('hex')}:${ip}`;
// a signed-in user's current password: one key per user, whatever the address (only its session can use it)
const passwordChangeKey = (userId: number) => `password-change:user:${userId}`;

export interface AuthServiceDeps {
  transact: Transact;
  users: UserAccounts;
  sessions: UserSessions;
  throttle: SignInThrottle;
  audit: AuditService;
  clock: Clock;
  scryptLog2N: number;
  /** Whether a user has a second factor (SecondFactorsRepository). */
  secondFactors: { has(userId: number): Promise<boolean> };
  /** Whether an organisation's users may sign in with a password (its single sign-on may say no). */
  passwords: { passwordsAllowed(organisationId: number): Promise<boolean> };
}

/**
 * Sign-in and the current password on /password/change: the attempt is reserved (throttled) before any hashing;
 * unknown e-mails cost the same time and get the same answer.
 */
export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: AuthServiceDeps) {}

  async signIn(emailInput: string, password: string, ip: string): Promise<SignInResult> {
    const { users, throttle, audit } = this.deps;
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
    if (!user || !user.passwordHash || !matches || !user.active) {
      await throttle.failed(reserved.reservation);
      await audit.recordRefusal(
        {
          organisationId: user?.organisationId ?? null,
          actorType: 'anonymous',
          action: 'auth.sign_in_failed',
          entityType: user ? 'user' : '',
          entityId: user?.id ?? null,
          details: {
            reason: !user
              ? 'unknown_account'
              : !user.passwordHash
                ? 'no_password'
                : !user.active
                  ? 'deactivated'
                  : 'wrong_password',
          },
        },
        ip,
      );
      return { kind: 'invalid' };
    }
    await throttle.succeeded(reserved.reservation);
    if (!(await this.deps.passwords.passwordsAllowed(user.organisationId))) {
      await audit.byUser(user, 'auth.sign_in_failed', { type: 'user', id: user.id }, { reason: 'passwords_off' });
      return { kind: 'sso_only' };
    }
    if (await this.deps.secondFactors.has(user.id)) {
      // signed in only once the code is right (SecondFactorService.signIn)
      await audit.byUser(user, 'auth.password_accepted', { type: 'user', id: user.id });
      return { kind: 'ok', user, secondFactor: true };
    }
    await this.recordSignIn(user, 'password');
    return { kind: 'ok', user, secondFactor: false };
  }

  /** Records that a user is signed in (the last sign-in on their record, and the audit, with how). */
  async recordSignIn(user: User, method: string): Promise<void> {
    const { transact, users, audit, clock } = this.deps;
    await transact(async (tx) => {
      await users.recordSignIn(user.id, clock.now().toISO()!, tx);
      await audit.byUser(user, 'auth.signed_in', { type: 'user', id: user.id }, { method }, tx);
    });
  }

  /** Records a sign-out (the caller ends the session). */
  signedOut(actor: CurrentUser): Promise<void> {
    return this.deps.audit.byUser(actor, 'auth.signed_out', { type: 'user', id: actor.id });
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
    const { transact, users, sessions, throttle, audit, clock, scryptLog2N } = this.deps;
    const reserved = await throttle.reserve(passwordChangeKey(actor.id), ip);
    if (reserved.kind === 'limited') return reserved;
    const user = await users.findWithHash(actor.organisationId, actor.id);
    if (!user || !user.passwordHash || !(await verifyPassword(current, user.passwordHash))) {
      await throttle.failed(reserved.reservation);
      await audit.byUser(actor, 'user.password_change_failed', { type: 'user', id: actor.id });
      return { kind: 'problem', field: 'currentPassword', key: 'password.errors.currentWrong' };
    }
    await throttle.succeeded(reserved.reservation);
    if (await verifyPassword(next, user.passwordHash)) {
      return { kind: 'problem', field: 'newPassword', key: 'password.errors.same' };
    }
    // hashed before the transaction: scrypt takes a while, and SQLite holds its write lock for a transaction
    const passwordHash = await hashPassword(next, scryptLog2N);
    await transact(async (tx) => {
      await users.setPassword(actor.id, passwordHash, false, clock.now().toISO()!, tx);
      await sessions.destroyAllForUser(actor.id, tx);
      await audit.byUser(actor, 'user.password_changed', { type: 'user', id: actor.id }, {}, tx);
    });
    return { kind: 'ok' };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('not-a-real-password-for-timing', this.deps.scryptLog2N);
    return this.dummyHash;
  }
}
