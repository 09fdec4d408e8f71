import type { Clock } from '../../lib/clock.js';
import { renderEmail } from '../../lib/email.js';
import { AppError, notFound } from '../../lib/errors.js';
import { translator } from '../../lib/i18n.js';
import { hashPassword } from '../../lib/passwords.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/tokens.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { CurrentUser, User, UserAccounts } from '../users/users.types.js';
import type { PasswordResetsRepository } from './password-resets.repository.js';

/** How long a new user's welcome link works. */
export const WELCOME_LINK_HOURS = 72;

export type WelcomeState = { kind: 'valid'; linkId: number; user: User } | { kind: 'unknown' } | { kind: 'gone' };

export interface WelcomeDeps {
  transact: Transact;
  /** The welcome_links table (the same single-use links as password resets). */
  links: PasswordResetsRepository;
  /** The password_resets table: ended with the welcome links when an address changes. */
  resets: PasswordResetsRepository;
  users: UserAccounts;
  organisations: OrganisationDirectory;
  outbox: OutboxService;
  audit: AuditService;
  clock: Clock;
  baseUrl: string;
  scryptLog2N: number;
}

/**
 * New users invited by e-mail: an admin adds a user, who gets a single-use link (only its hash kept, 72 hours) in
 * their own language to choose a password at /welcome/:token. Until then the account has no password and cannot
 * be signed in to. A new link (the admin's "send again") ends the earlier ones.
 */
export class WelcomeService {
  constructor(private readonly deps: WelcomeDeps) {}

  /** Makes a link for a new user and queues its e-mail, in the caller's transaction (the user's creation). */
  async invite(user: Pick<User, 'id' | 'organisationId' | 'name' | 'email' | 'locale'>, tx: Tx): Promise<void> {
    const { links, organisations, outbox, clock, baseUrl } = this.deps;
    const now = clock.now();
    const { token, hash } = newToken();
    const t = translator(user.locale);
    const organisation = await organisations.name(user.organisationId, tx);
    const expiresAt = now.plus({ hours: WELCOME_LINK_HOURS });
    await links.invalidateForUser(user.id, now.toISO()!, tx);
    const linkId = await links.create(
      { organisationId: user.organisationId, userId: user.id, tokenHash: hash, expiresAt: expiresAt.toISO()! },
      now.toISO()!,
      tx,
    );
    const mail = renderEmail(
      {
        locale: user.locale,
        subject: t('email.welcome.subject', { organisation }),
        paragraphs: [
          t('email.greeting', { name: user.name }),
          t('email.welcome.intro', { organisation, email: user.email }),
        ],
        action: { label: t('email.welcome.action'), url: `${baseUrl}/welcome/${token}` },
        after: [t('email.welcome.expiry', { hours: WELCOME_LINK_HOURS }), t('email.welcome.notYou')],
        signature: t('email.signature', { organisation }),
      },
      t,
    );
    await outbox.enqueue(tx, {
      organisationId: user.organisationId,
      kind: 'user_welcome',
      dedupeKey: `welcome:${linkId}`,
      to: user.email,
      userId: user.id,
      ...mail,
    });
  }

  /** The admin sends a new link to a user who has not chosen a password yet (the earlier links stop working). */
  async resend(actor: CurrentUser, userId: number): Promise<void> {
    const { transact, users, audit } = this.deps;
    const user = await users.findWithHash(actor.organisationId, userId);
    if (!user) throw notFound();
    if (user.passwordHash) throw new AppError(422, 'users.errors.hasPassword');
    if (!user.active) throw new AppError(422, 'users.errors.inviteDeactivated');
    await transact(async (tx) => {
      await this.invite(user, tx);
      await audit.byUser(actor, 'user.invitation_sent', { type: 'user', id: userId }, {}, tx);
    });
  }

  /**
   * A user's address changed, or they were deactivated: links already sent (welcome and password reset) stop
   * working, in the caller's transaction; with a new address and no password yet, a new welcome goes there.
   */
  async accountChanged(
    user: Pick<User, 'id' | 'organisationId' | 'name' | 'email' | 'locale'>,
    change: 'email' | 'deactivated',
    tx: Tx,
  ): Promise<void> {
    const now = this.deps.clock.now().toISO()!;
    await this.deps.links.invalidateForUser(user.id, now, tx);
    await this.deps.resets.invalidateForUser(user.id, now, tx);
    if (change !== 'email') return;
    const account = await this.deps.users.findWithHash(user.organisationId, user.id, tx);
    if (account && !account.passwordHash && account.active) await this.invite(user, tx);
  }

  /** When the user's current link expires, while they have no password (shown on the admin's page). */
  async pending(actor: CurrentUser, userId: number): Promise<{ createdAt: string; expiresAt: string } | undefined> {
    const user = await this.deps.users.findWithHash(actor.organisationId, userId);
    if (!user || user.passwordHash) return undefined;
    return this.deps.links.latestUnused(userId);
  }

  /**
   * What a welcome link is worth now: 404 unknown, 410 used, expired or its user deactivated. A refused link is
   * audited by the user's id and the reason, counted per source and hour (so that reloading it cannot grow the log).
   */
  async check(token: string, source: string): Promise<WelcomeState> {
    if (!isTokenShaped(token)) return { kind: 'unknown' };
    const link = await this.deps.links.findByHash(hashToken(token));
    if (!link) return { kind: 'unknown' };
    const user = await this.deps.users.findWithHash(link.organisationId, link.userId);
    const expired = Date.parse(link.expiresAt) <= this.deps.clock.now().toMillis();
    // a link only ever gives a first password: once the user has one (by any road), it opens nothing
    const reason =
      !user || !user.active
        ? 'deactivated'
        : link.usedAt
          ? 'used'
          : user.passwordHash
            ? 'has_password'
            : expired
              ? 'expired'
              : undefined;
    if (reason || !user) {
      await this.deps.audit.recordRefusal(
        {
          organisationId: link.organisationId,
          actorType: 'anonymous',
          action: 'auth.welcome_link_refused',
          entityType: 'user',
          entityId: link.userId,
          details: { reason: reason ?? 'deactivated' },
        },
        source,
      );
      return { kind: 'gone' };
    }
    const { passwordHash: _none, ...account } = user;
    return { kind: 'valid', linkId: link.id, user: account };
  }

  /** Sets the user's first password through a valid link; false when the link was used meanwhile. */
  async accept(linkId: number, user: User, password: string): Promise<boolean> {
    const { transact, links, users, audit, clock, scryptLog2N } = this.deps;
    // hashed before the transaction: scrypt takes a while, and SQLite holds its write lock for a transaction
    const passwordHash = await hashPassword(password, scryptLog2N);
    const now = clock.now().toISO()!;
    return transact(async (tx) => {
      if (!(await links.use(linkId, now, tx))) return false;
      // chosen meanwhile (a reset, an admin's one-time password): the link gives nothing
      if ((await users.findWithHash(user.organisationId, user.id, tx))?.passwordHash) return false;
      await users.setPassword(user.id, passwordHash, false, now, tx);
      await links.invalidateForUser(user.id, now, tx);
      await audit.record(
        {
          organisationId: user.organisationId,
          actorType: 'anonymous',
          action: 'user.welcome_accepted',
          entityType: 'user',
          entityId: user.id,
        },
        tx,
      );
      return true;
    });
  }
}
