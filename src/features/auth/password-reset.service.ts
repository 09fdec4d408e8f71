import { createHash } from 'node:crypto';
import type { Db } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import { renderEmail } from '../../lib/email.js';
import { translator } from '../../lib/i18n.js';
import { hashPassword } from '../../lib/passwords.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/tokens.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { User } from '../users/users.types.js';
import type { PasswordResetsRepository } from './password-resets.repository.js';
import type { RateLimitsRepository } from './rate-limits.repository.js';
import type { SessionsRepository } from './sessions.repository.js';

export interface ResetLimits {
  /** Requests per address per hour (counted for every address typed, known or not). */
  perAccount: number;
  /** Requests per IP address per hour. */
  perIp: number;
  /** Visits to reset links per IP address per 15 minutes. */
  linkVisitsPerIp: number;
}

export const DEFAULT_RESET_LIMITS: ResetLimits = { perAccount: 3, perIp: 10, linkVisitsPerIp: 30 };
export const RESET_LINK_MINUTES = 30;

export type Limited = { kind: 'limited'; retryAfterSeconds: number };
export type LinkState =
  { kind: 'valid'; resetId: number; user: User } | { kind: 'unknown' } | { kind: 'gone' } | Limited;

const emailKey = (email: string) => createHash('sha256').update(email).digest('hex');

/**
 * Password reset by e-mail for staff. Asking gives the same answer whether or not the address has an account;
 * the link holds 32 random bytes of which only a hash is stored, works once for 30 minutes, and using it ends
 * every session of the account.
 */
export class PasswordResetService {
  constructor(
    private readonly db: Db,
    private readonly resets: PasswordResetsRepository,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly sessions: SessionsRepository,
    private readonly outbox: OutboxService,
    private readonly rateLimits: RateLimitsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly settings: { baseUrl: string; scryptLog2N: number; limits: ResetLimits },
  ) {}

  /** Sends a link when the address belongs to an active account; otherwise does nothing, visibly the same. */
  async request(emailInput: string, ip: string): Promise<{ kind: 'accepted' } | Limited> {
    const email = emailInput.trim().toLowerCase();
    const now = this.clock.now();
    const hour = 60 * 60_000;
    const [byAccount, byIp] = await Promise.all([
      this.rateLimits.hit(`reset:account:${emailKey(email)}`, hour, now.toJSDate()),
      this.rateLimits.hit(`reset:ip:${ip}`, hour, now.toJSDate()),
    ]);
    const over = [
      byAccount.count > this.settings.limits.perAccount ? byAccount : undefined,
      byIp.count > this.settings.limits.perIp ? byIp : undefined,
    ].filter((w) => w !== undefined);
    if (over.length) {
      await this.audit.recordRefusal(
        { organisationId: null, actorType: 'anonymous', action: 'auth.reset_rate_limited' },
        ip,
      );
      return { kind: 'limited', retryAfterSeconds: this.secondsUntil(over.map((w) => w.resetsAt)) };
    }

    const user = await this.users.findByEmailWithHash(email);
    if (!user || !user.active) return { kind: 'accepted' };
    const { token, hash: tokenHash } = newToken();
    const organisationName = await this.organisations.name(user.organisationId);
    const t = translator(user.locale);
    const mail = renderEmail(
      {
        locale: user.locale,
        subject: t('email.passwordReset.subject'),
        paragraphs: [t('email.greeting', { name: user.name }), t('email.passwordReset.intro', { email: user.email })],
        action: { label: t('email.passwordReset.action'), url: `${this.settings.baseUrl}/password/reset/${token}` },
        after: [t('email.passwordReset.expiry', { minutes: RESET_LINK_MINUTES }), t('email.passwordReset.notYou')],
        signature: t('email.signature', { organisation: organisationName }),
      },
      t,
    );
    await this.db.transaction(async (trx) => {
      const nowIso = now.toISO()!;
      await this.resets.invalidateForUser(user.id, nowIso, trx);
      const resetId = await this.resets.create(
        {
          organisationId: user.organisationId,
          userId: user.id,
          tokenHash,
          expiresAt: now.plus({ minutes: RESET_LINK_MINUTES }).toISO()!,
        },
        nowIso,
        trx,
      );
      await this.outbox.enqueue(trx, {
        organisationId: user.organisationId,
        kind: 'password_reset',
        dedupeKey: `password-reset:${resetId}`,
        to: user.email,
        userId: user.id,
        ...mail,
      });
      await this.audit.record(
        {
          organisationId: user.organisationId,
          actorType: 'anonymous',
          action: 'auth.password_reset_requested',
          entityType: 'user',
          entityId: user.id,
        },
        trx,
      );
    });
    return { kind: 'accepted' };
  }

  /** Visits to reset links per IP address per 15 minutes (counted by the token route registry, before a lookup). */
  get linkVisitsPerIp(): number {
    return this.settings.limits.linkVisitsPerIp;
  }

  /** What a reset link is worth now: 404 unknown, 410 used or expired. */
  async check(token: string): Promise<Exclude<LinkState, Limited>> {
    const now = this.clock.now();
    if (!isTokenShaped(token)) return { kind: 'unknown' };
    const reset = await this.resets.findByHash(hashToken(token));
    if (!reset) return { kind: 'unknown' };
    const user = await this.users.find(reset.organisationId, reset.userId);
    if (!user || !user.active || reset.usedAt || Date.parse(reset.expiresAt) <= now.toMillis()) return { kind: 'gone' };
    return { kind: 'valid', resetId: reset.id, user };
  }

  /** Sets the new password through a valid link: the link is used up and every session of the account ends. */
  async reset(resetId: number, user: User, newPassword: string): Promise<boolean> {
    // hashed before the transaction: scrypt takes a while, and SQLite holds its write lock for a transaction
    const passwordHash = await hashPassword(newPassword, this.settings.scryptLog2N);
    const now = this.clock.now().toISO()!;
    const done = await this.db.transaction(async (trx) => {
      if (!(await this.resets.use(resetId, now, trx))) return false;
      await this.users.setPassword(user.id, passwordHash, false, now, trx);
      await this.resets.invalidateForUser(user.id, now, trx);
      await this.audit.record(
        {
          organisationId: user.organisationId,
          actorType: 'anonymous',
          action: 'auth.password_reset',
          entityType: 'user',
          entityId: user.id,
        },
        trx,
      );
      return true;
    });
    if (done) await this.sessions.destroyAllForUser(user.id);
    return done;
  }

  private secondsUntil(instants: string[]): number {
    const until = Math.max(...instants.map((i) => Date.parse(i)));
    return Math.max(1, Math.ceil((until - this.clock.now().toMillis()) / 1000));
  }
}
