import { createHash } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { PASSWORD_MAX } from '../../lib/password-policy.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UsersRepository, User } from '../users/users.repository.js';
import type { RateLimitsRepository } from './rate-limits.repository.js';

export interface SignInLimits {
  accountFailures: number;
  ipFailures: number;
  windowMinutes: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { accountFailures: 5, ipFailures: 30, windowMinutes: 15 };

export type SignInResult =
  { kind: 'ok'; user: User } | { kind: 'invalid' } | { kind: 'limited'; retryAfterSeconds: number };

// the rate-limit key for an account holds a hash of the e-mail, not the address itself
const accountKey = (email: string) => `login:account:${createHash('sha256').update(email).digest('hex')}`;
const ipKey = (ip: string) => `login:ip:${ip}`;

/** Sign-in: limits act before any hashing; unknown e-mails cost the same time and get the same answer. */
export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UsersRepository,
    private readonly rateLimits: RateLimitsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scryptLog2N: number,
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  ) {}

  async signIn(emailInput: string, password: string, ip: string): Promise<SignInResult> {
    const email = emailInput.trim().toLowerCase();
    const now = this.clock.now().toJSDate();
    const [account, byIp] = await Promise.all([
      this.rateLimits.peek(accountKey(email), now),
      this.rateLimits.peek(ipKey(ip), now),
    ]);
    const blocked = [
      account && account.count >= this.limits.accountFailures ? account : undefined,
      byIp && byIp.count >= this.limits.ipFailures ? byIp : undefined,
    ].filter((w) => w !== undefined);
    if (blocked.length) {
      const resetsAt = Math.max(...blocked.map((w) => Date.parse(w.resetsAt)));
      // refusals are counted per source and hour (one row, a count), so that a flood cannot grow the audit log
      await this.audit.recordRefusal(
        { organisationId: null, actorType: 'anonymous', action: 'auth.sign_in_rate_limited' },
        ip,
      );
      return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)) };
    }

    const user = password.length <= PASSWORD_MAX ? await this.users.findByEmailWithHash(email) : undefined;
    // an unknown e-mail still costs one scrypt, so that timing does not reveal which addresses have accounts
    const hash = user?.passwordHash ?? (await this.dummy());
    const matches = password.length <= PASSWORD_MAX && (await verifyPassword(password, hash));
    if (!user || !matches || !user.active) {
      const windowMs = this.limits.windowMinutes * 60_000;
      await Promise.all([
        this.rateLimits.hit(accountKey(email), windowMs, now),
        this.rateLimits.hit(ipKey(ip), windowMs, now),
      ]);
      await this.audit.recordRefusal(
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
    await this.rateLimits.clear(accountKey(email));
    await this.users.recordSignIn(user.id, this.clock.now().toISO()!);
    await this.audit.record({
      organisationId: user.organisationId,
      actorType: 'user',
      actorUserId: user.id,
      action: 'auth.signed_in',
      entityType: 'user',
      entityId: user.id,
    });
    return { kind: 'ok', user };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('not-a-real-password-for-timing', this.scryptLog2N);
    return this.dummyHash;
  }
}
