import { createHash } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import { renderEmail } from '../../lib/email.js';
import { translator } from '../../lib/i18n.js';
import { hashPassword } from '../../lib/passwords.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/tokens.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { User, UserAccounts } from '../users/users.types.js';
import type { PasswordResetsRepository } from './password-resets.repository.js';
import type { RateLimitsRepository } from './rate-limits.repository.js';
import type { UserSessions } from './sessions.types.js';

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

export interface PasswordResetDeps {
  transact: Transact;
  resets: PasswordResetsRepository;
  users: UserAccounts;
  organisations: OrganisationDirectory;
  sessions: UserSessions;
  outbox: OutboxService;
  rateLimits: RateLimitsRepository;
  audit: AuditService;
  clock: Clock;
  baseUrl: string;
  scryptLog2N: number;
  limits: ResetLimits;
}

const emailKey = (email: string) => createHash('sha256').update(email).digest('hex');

/**
 * Password reset by e-mail for staff. Asking gives the same answer whether or not the address has an account;
 * the link holds 32 random bytes of which only a hash is stored, works once for 30 minutes, and using it ends
 * every session of the account.
 */
export class PasswordResetService {
  constructor(private readonly deps: PasswordResetDeps) {}

  /** Sends a link when the address belongs to an active account; otherwise does nothing, visibly the same. */
  async request(emailInput: string, ip: string): Promise<{ kind: 'accepted' } | Limited> {
    const email = emailInput.trim().toLowerCase();
    const now = this.deps.clock.now();
    const hour = 60 * 60_000;
    const [byAccount, byIp] = await Promise.all([
      this.deps.rateLimits.hit(`reset:account:${emailKey(email)}`, hour, now.toJSDate()),
      this.deps.rateLimits.hit(`reset:ip:${ip}`, hour, now.toJSDate()),
    ]);
    const over = [
      byAccount.count > this.deps.limits.perAccount ? byAccount : undefined,
      byIp.count > this.deps.limits.perIp ? byIp : undefined,
    ].filter((w) => w !== undefined);
    if (over.length) {
      await this.deps.audit.recordRefusal(
        { organisationId: null, actorType: 'anonymous', action: 'auth.reset_rate_limited' },
        ip,
      );
      return { kind: 'limited', retryAfterSeconds: this.secondsUntil(over.map((w) => w.resetsAt)) };
    }

    const user = await this.deps.users.findByEmailWithHash(email);
    if (!user || !user.active) return { kind: 'accepted' };
    const { token, hash: tokenHash } = newToken();
    const organisationName = await this.deps.organisations.name(user.organisationId);
    const t = translator(user.locale);
    const mail = renderEmail(
      {
        locale: user.locale,
        subject: t('email.passwordReset.subject'),
        paragraphs: [t('email.greeting', { name: user.name }), t('email.passwordReset.intro', { email: user.email })],
        action: { label: t('email.passwordReset.action'), url: `${this.deps.baseUrl}/password/reset/${token}` },
        after: [t('email.passwordReset.expiry', { minutes: RESET_LINK_MINUTES }), t('email.passwordReset.notYou')],
        signature: t('email.signature', { organisation: organisationName }),
      },
      t,
    );
    await this.deps.transact(async (tx) => {
      const nowIso = now.toISO()!;
      await this.deps.resets.invalidateForUser(user.id, nowIso, tx);
      const resetId = await this.deps.resets.create(
        {
          organisationId: user.organisationId,
          userId: user.id,
          tokenHash,
          expiresAt: now.plus({ minutes: RESET_LINK_MINUTES }).toISO()!,
        },
        nowIso,
        tx,
      );
      await this.deps.outbox.enqueue(tx, {
        organisationId: user.organisationId,
        kind: 'password_reset',
        dedupeKey: `password-reset:${resetId}`,
        to: user.email,
        userId: user.id,
        ...mail,
      });
      await this.deps.audit.record(
        {
          organisationId: user.organisationId,
          actorType: 'anonymous',
          action: 'auth.password_reset_requested',
          entityType: 'user',
          entityId: user.id,
        },
        tx,
      );
    });
    return { kind: 'accepted' };
  }

  /** Visits to reset links per IP address per 15 minutes (counted by the token route registry, before a lookup). */
  get linkVisitsPerIp(): number {
    return this.deps.limits.linkVisitsPerIp;
  }

  /** What a reset link is worth now: 404 unknown, 410 used or expired. */
  async check(token: string): Promise<Exclude<LinkState, Limited>> {
    const now = this.deps.clock.now();
    if (!isTokenShaped(token)) return { kind: 'unknown' };
    const reset = await this.deps.resets.findByHash(hashToken(token));
    if (!reset) return { kind: 'unknown' };
    const user = await this.deps.users.find(reset.organisationId, reset.userId);
    if (!user || !user.active || reset.usedAt || Date.parse(reset.expiresAt) <= now.toMillis()) return { kind: 'gone' };
    return { kind: 'valid', resetId: reset.id, user };
  }

  /** Sets the new password through a valid link: the link is used up and every session of the account ends. */
  async reset(resetId: number, user: User, newPassword: string): Promise<boolean> {
    // hashed before the transaction: scrypt takes a while, and SQLite holds its write lock for a transaction
    const passwordHash = await hashPassword(newPassword, this.deps.scryptLog2N);
    const now = this.deps.clock.now().toISO()!;
    const done = await this.deps.transact(async (tx) => {
      if (!(await this.deps.resets.use(resetId, now, tx))) return false;
      await this.deps.users.setPassword(user.id, passwordHash, false, now, tx);
      await this.deps.resets.invalidateForUser(user.id, now, tx);
      await this.deps.audit.record(
        {
          organisationId: user.organisationId,
          actorType: 'anonymous',
          action: 'auth.password_reset',
          entityType: 'user',
          entityId: user.id,
        },
        tx,
      );
      return true;
    });
    if (done) await this.deps.sessions.destroyAllForUser(user.id);
    return done;
  }

  private secondsUntil(instants: string[]): number {
    const until = Math.max(...instants.map((i) => Date.parse(i)));
    return Math.max(1, Math.ceil((until - this.deps.clock.now().toMillis()) / 1000));
  }
}
