import type { Clock } from '../../lib/clock.js';
import { renderEmail } from '../../lib/email.js';
import { AppError, notFound } from '../../lib/errors.js';
import { translator } from '../../lib/i18n.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { CurrentUser, User, UserAccounts } from '../users/users.types.js';
import type { SecondFactorsRepository } from './second-factors.repository.js';
import type { SignInMethod, UserSessions } from './sessions.types.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import {
  codeShape,
  newRecoveryCode,
  newTotpSecret,
  qrSvg,
  RECOVERY_CODE_COUNT,
  recoveryCodeHash,
  totpStep,
  totpUri,
} from './totp.js';

/** How long the code step waits after the password before the user must start again. */
export const SECOND_FACTOR_STEP_MINUTES = 10;

export type Limited = { kind: 'limited'; retryAfterSeconds: number };

/** Why a code was refused: `wrong` (not this account's, or too old), `reused` (already used once). */
export type CodeResult<T> = ({ kind: 'ok' } & T) | { kind: 'refused'; reason: 'wrong' | 'reused' } | Limited;

export interface SecondFactorStatus {
  enabled: boolean;
  since: string | null;
  lastUsedAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
}

export interface SecondFactorDeps {
  transact: Transact;
  factors: SecondFactorsRepository;
  users: UserAccounts;
  sessions: UserSessions;
  throttle: SignInThrottle;
  audit: AuditService;
  outbox: OutboxService;
  organisations: OrganisationDirectory;
  clock: Clock;
  baseUrl: string;
  /** Records a completed sign-in (AuthService.recordSignIn). */
  signedIn(user: User, method: SignInMethod): Promise<void>;
}

// a second-factor code is a guess like a password: one back-off key per user, and the address's ceiling
const codeKey = (userId: number) => `second-factor:user:${userId}`;

/**
 * The second factor of password accounts: an authenticator app (TOTP, RFC 6238) set up from /account/security and
 * confirmed with a first code, ten one-time recovery codes, the code step of sign-in, an organisation's
 * requirement, and an admin's or operator's reset. A code is accepted once: its step must be later than the last
 * one accepted (one conditional UPDATE). Wrong codes are throttled like passwords; everything is audited by id.
 */
export class SecondFactorService {
  constructor(private readonly deps: SecondFactorDeps) {}

  async status(actor: CurrentUser): Promise<SecondFactorStatus> {
    const { factors } = this.deps;
    const [factor, left, required] = await Promise.all([
      factors.find(actor.id),
      factors.recoveryCodesLeft(actor.id),
      factors.required(actor.organisationId),
    ]);
    return {
      enabled: factor !== undefined,
      since: factor?.createdAt ?? null,
      lastUsedAt: factor?.lastUsedAt ?? null,
      recoveryCodesLeft: factor ? left : 0,
      required,
    };
  }

  /** A new secret for the set-up page (kept in the session until confirmed). */
  newSecret(): string {
    return newTotpSecret();
  }

  /** The QR code an app scans: the organisation's name as issuer, the user's e-mail as the account. */
  async qrCode(actor: CurrentUser, secret: string): Promise<string> {
    return qrSvg(totpUri(secret, `Medvirk (${actor.organisationName})`, actor.email));
  }

  /** Confirms a set-up with a first code from the app; on success the factor is stored and recovery codes made. */
  async confirm(
    actor: CurrentUser,
    secret: string,
    input: string,
    ip: string,
  ): Promise<CodeResult<{ codes: string[] }>> {
    const { transact, factors, audit, throttle, clock } = this.deps;
    const reserved = await throttle.reserve(codeKey(actor.id), ip);
    if (reserved.kind === 'limited') {
      await this.limited(actor, ip);
      return reserved;
    }
    const shape = codeShape(input);
    const step = shape?.kind === 'totp' ? totpStep(secret, shape.code, clock.now().toMillis()) : undefined;
    if (step === undefined) {
      await throttle.failed(reserved.reservation);
      await audit.byUser(actor, 'user.second_factor_setup_failed', { type: 'user', id: actor.id });
      return { kind: 'refused', reason: 'wrong' };
    }
    await throttle.succeeded(reserved.reservation);
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const now = clock.now().toISO()!;
    const added = await transact(async (tx) => {
      // a second tab that confirmed first wins; this one changes nothing
      if (await factors.find(actor.id, tx)) return false;
      await factors.create({ organisationId: actor.organisationId, userId: actor.id, secret, step }, now, tx);
      await factors.replaceRecoveryCodes(actor.id, codes.map(recoveryCodeHash), now, tx);
      await audit.byUser(actor, 'user.second_factor_added', { type: 'user', id: actor.id }, { kind: 'totp' }, tx);
      return true;
    });
    if (!added) throw new AppError(409, 'security.errors.alreadySetUp');
    return { kind: 'ok', codes };
  }

  /**
   * New recovery codes (the old ones stop working), for a user with a second factor, with a current code: a browser
   * left signed in must not be enough to make a way in that outlives the session.
   */
  async newRecoveryCodes(actor: CurrentUser, input: string, ip: string): Promise<CodeResult<{ codes: string[] }>> {
    const { transact, factors, audit, clock } = this.deps;
    if (!(await factors.find(actor.id))) throw new AppError(409, 'security.errors.notSetUp');
    const checked = await this.check(actor, input, ip);
    if (checked.kind !== 'ok') return checked;
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await transact(async (tx) => {
      if (!(await factors.find(actor.id, tx))) throw new AppError(409, 'security.errors.notSetUp');
      await factors.replaceRecoveryCodes(actor.id, codes.map(recoveryCodeHash), clock.now().toISO()!, tx);
      await audit.byUser(actor, 'user.recovery_codes_renewed', { type: 'user', id: actor.id }, {}, tx);
    });
    return { kind: 'ok', codes };
  }

  /**
   * Turns one's own second factor off, with a current code (or a recovery code); refused while the organisation
   * requires one.
   */
  async turnOff(actor: CurrentUser, input: string, ip: string): Promise<CodeResult<object>> {
    const { transact, factors, audit } = this.deps;
    if (await factors.required(actor.organisationId)) throw new AppError(422, 'security.errors.required');
    const checked = await this.check(actor, input, ip);
    if (checked.kind !== 'ok') return checked;
    await transact(async (tx) => {
      await factors.remove(actor.id, tx);
      await audit.byUser(actor, 'user.second_factor_removed', { type: 'user', id: actor.id }, {}, tx);
    });
    return { kind: 'ok' };
  }

  /**
   * The code step of sign-in, after the right password: a code from the app or a recovery code, each accepted once.
   * On success the sign-in is recorded with how, and the caller starts the signed-in session.
   */
  async signIn(user: User, input: string, ip: string): Promise<CodeResult<{ method: SignInMethod; left?: number }>> {
    const checked = await this.check(user, input, ip);
    if (checked.kind !== 'ok') return checked;
    const method: SignInMethod = checked.recovery ? 'password_recovery' : 'password_totp';
    await this.deps.signedIn(user, method);
    return checked.recovery
      ? { kind: 'ok', method, left: await this.deps.factors.recoveryCodesLeft(user.id) }
      : { kind: 'ok', method };
  }

  /** Which users of the organisation have a second factor (the admin's list). */
  usersWithSecondFactor(actor: CurrentUser): Promise<Set<number>> {
    return this.deps.factors.usersWith(actor.organisationId);
  }

  /** Whether the organisation requires a second factor of every password account. */
  required(actor: CurrentUser): Promise<boolean> {
    return this.deps.factors.required(actor.organisationId);
  }

  async setRequired(actor: CurrentUser, required: boolean): Promise<void> {
    const { transact, factors, audit, clock } = this.deps;
    if ((await factors.required(actor.organisationId)) === required) return;
    await transact(async (tx) => {
      await factors.setRequired(actor.organisationId, required, clock.now().toISO()!, tx);
      await audit.byUser(
        actor,
        'organisation.second_factor_required',
        { type: 'organisation', id: actor.organisationId },
        { required },
        tx,
      );
    });
  }

  /**
   * An admin removes another user's second factor (a lost phone): their sessions end, the user is told by e-mail,
   * and they set up a new one at their next sign-in when the organisation requires it.
   */
  async resetByAdmin(actor: CurrentUser, userId: number): Promise<void> {
    if (userId === actor.id) throw new AppError(422, 'security.errors.resetSelf');
    const user = await this.deps.users.find(actor.organisationId, userId);
    if (!user) throw notFound();
    const reset = await this.reset(user, (tx) =>
      this.deps.audit.byUser(actor, 'user.second_factor_reset', { type: 'user', id: userId }, {}, tx),
    );
    if (!reset) throw new AppError(409, 'security.errors.noneToReset');
  }

  /** The operator's break-glass reset (`npm run user:reset-mfa`): audited as the system's, the user told. */
  async resetByOperatorEmail(email: string): Promise<'reset' | 'none' | 'unknown'> {
    const user = await this.deps.users.findByEmailWithHash(email.trim().toLowerCase());
    if (!user) return 'unknown';
    const reset = await this.reset(user, (tx) =>
      this.deps.audit.record(
        {
          organisationId: user.organisationId,
          actorType: 'system',
          action: 'user.second_factor_reset',
          entityType: 'user',
          entityId: user.id,
          details: { by: 'operator' },
        },
        tx,
      ),
    );
    return reset ? 'reset' : 'none';
  }

  private async reset(user: User, audited: (tx: Tx) => Promise<void>): Promise<boolean> {
    const { transact, factors, sessions, outbox, organisations, baseUrl } = this.deps;
    const t = translator(user.locale);
    const organisationName = await organisations.name(user.organisationId);
    const mail = renderEmail(
      {
        locale: user.locale,
        subject: t('email.secondFactorReset.subject'),
        paragraphs: [t('email.greeting', { name: user.name }), t('email.secondFactorReset.intro')],
        action: { label: t('email.secondFactorReset.action'), url: `${baseUrl}/login` },
        after: [t('email.secondFactorReset.notYou')],
        signature: t('email.signature', { organisation: organisationName }),
      },
      t,
    );
    return transact(async (tx) => {
      const removed = await factors.remove(user.id, tx);
      if (!removed) return false;
      await sessions.destroyAllForUser(user.id, tx);
      await audited(tx);
      await outbox.enqueue(tx, {
        organisationId: user.organisationId,
        kind: 'second_factor_reset',
        dedupeKey: `second-factor-reset:${user.id}:${this.deps.clock.now().toMillis()}`,
        to: user.email,
        userId: user.id,
        ...mail,
      });
      return true;
    });
  }

  /** A throttled code, audited as a count per source and hour (so that a flood cannot grow the log). */
  private limited(user: Pick<User, 'id' | 'organisationId'>, ip: string): Promise<void> {
    return this.deps.audit.recordRefusal(
      {
        organisationId: user.organisationId,
        actorType: 'user',
        actorUserId: user.id,
        action: 'auth.second_factor_rate_limited',
        entityType: 'user',
        entityId: user.id,
      },
      ip,
    );
  }

  /** Checks a code of the user's own factor, throttled and audited; uses it up when right. */
  private async check(
    user: Pick<User, 'id' | 'organisationId'>,
    input: string,
    ip: string,
  ): Promise<CodeResult<{ recovery: boolean }>> {
    const { factors, throttle, audit, clock } = this.deps;
    const reserved = await throttle.reserve(codeKey(user.id), ip);
    if (reserved.kind === 'limited') {
      await this.limited(user, ip);
      return reserved;
    }
    const factor = await factors.find(user.id);
    const shape = codeShape(input);
    const now = clock.now();
    let result: CodeResult<{ recovery: boolean }> = { kind: 'refused', reason: 'wrong' };
    if (factor && shape?.kind === 'totp') {
      const step = totpStep(factor.secret, shape.code, now.toMillis());
      if (step !== undefined) {
        const used = await factors.useStep(user.id, step, now.toISO()!);
        result = used ? { kind: 'ok', recovery: false } : { kind: 'refused', reason: 'reused' };
      }
    } else if (factor && shape?.kind === 'recovery') {
      const used = await factors.useRecoveryCode(user.id, recoveryCodeHash(shape.code), now.toISO()!);
      result = used === 'used' ? { kind: 'ok', recovery: true } : { kind: 'refused', reason: used };
    }
    if (result.kind === 'ok') {
      await throttle.succeeded(reserved.reservation);
      if (result.recovery) await audit.byUser(user, 'auth.recovery_code_used', { type: 'user', id: user.id });
    } else {
      await throttle.failed(reserved.reservation);
      const reason = result.kind === 'refused' ? result.reason : 'wrong';
      await audit.byUser(user, 'auth.second_factor_failed', { type: 'user', id: user.id }, { reason });
    }
    return result;
  }
}
