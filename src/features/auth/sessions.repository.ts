import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db.js';
import { on, skipIfWriteLocked, WITHOUT_WRITE_WAIT } from '../../db.js';
import type { Tx } from '../../lib/transact.js';
import type { Clock } from '../../lib/clock.js';
import { toBool, toInstant, toNumber } from '../../lib/db-values.js';
import type { CurrentUser, Role } from '../users/users.types.js';
import type {
  LoadedSession,
  OwnSession,
  SessionData,
  SessionStore,
  SignInMethod,
  UserSessions,
} from './sessions.types.js';
import { toLocale, type Locale } from '../../config.js';

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
  /** An unchanged session is written back (last seen) at most this often. */
  touchEverySeconds: number;
}

/** A session joined with its user and organisation, as one query loads it. */
interface SessionRow {
  data: string;
  created_at: unknown;
  last_seen_at: unknown;
  session_organisation_id: number | string;
  id: number | string;
  organisation_id: number | string;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  active: unknown;
  must_change_password: unknown;
  last_sign_in_at: unknown;
  organisation_name: string;
  time_zone: string;
  roster_version: number | string;
  require_second_factor: unknown;
  has_second_factor: unknown;
  signed_in_with: SignInMethod;
  organisation_locale: string;
}

/** How many characters of the id's hash make a session's public handle (64 bits: no two sessions of one user share it). */
const HANDLE_LENGTH = 16;

const hashId = (sid: string) => createHash('sha256').update(sid).digest('hex');

/**
 * Sessions in the database, so that several instances share them. A row holds a hash of the session id (a copy
 * of the table cannot be replayed as cookies) with its user and organisation, so that sign-out everywhere and
 * deactivation end sessions at once. Loading a session and its user is one query; the idle timeout and the
 * absolute lifetime are enforced on load; an unchanged session is written back at most once a minute (with
 * synchronous=FULL every write is an fsync).
 */
export class SessionsRepository implements SessionStore, UserSessions {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly limits: SessionLimits,
  ) {}

  /** Starts a session for a user; returns the new session id (the cookie's value). */
  async create(
    user: { id: number; organisationId: number },
    data: SessionData,
    how: { device: string; signedInWith: SignInMethod } = { device: '', signedInWith: 'password' },
  ): Promise<string> {
    const sid = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.db('sessions').insert({
      id_hash: hashId(sid),
      organisation_id: user.organisationId,
      user_id: user.id,
      data: JSON.stringify(data),
      created_at: now.toISO(),
      last_seen_at: now.toISO(),
      expires_at: now.plus({ hours: this.limits.absoluteHours }).toISO(),
      device: how.device.slice(0, 80),
      signed_in_with: how.signedInWith,
    });
    return sid;
  }

  /** The session and its (active) user, or undefined when unknown, expired, idle too long or the user is gone. */
  async load(sid: string): Promise<LoadedSession | undefined> {
    const idHash = hashId(sid);
    const row = await this.db('sessions as s')
      .join('users as u', 'u.id', 's.user_id')
      .join('organisations as o', 'o.id', 'u.organisation_id')
      .leftJoin('organisation_sign_in as osi', 'osi.organisation_id', 'u.organisation_id')
      .where('s.id_hash', idHash)
      .first<SessionRow | undefined>(
        's.data',
        's.created_at',
        's.last_seen_at',
        's.organisation_id as session_organisation_id',
        's.signed_in_with',
        'u.id',
        'u.organisation_id',
        'u.name',
        'u.email',
        'u.role',
        'u.locale',
        'u.active',
        'u.must_change_password',
        'u.last_sign_in_at',
        'o.name as organisation_name',
        'o.time_zone',
        'o.roster_version',
        'o.default_locale as organisation_locale',
        'osi.require_second_factor',
        this.db.raw('exists (select 1 from user_second_factors f where f.user_id = u.id) as has_second_factor'),
      );
    if (!row) return undefined;
    const now = this.clock.now().toMillis();
    const lastSeenAt = Date.parse(toInstant(row.last_seen_at)!);
    const createdAt = Date.parse(toInstant(row.created_at)!);
    const expired =
      now - lastSeenAt > this.limits.idleMinutes * 60_000 || now - createdAt > this.limits.absoluteHours * 3_600_000;
    if (expired || !toBool(row.active) || toNumber(row.session_organisation_id) !== toNumber(row.organisation_id)) {
      await this.db('sessions').where({ id_hash: idHash }).delete();
      return undefined;
    }
    const user: CurrentUser = {
      id: toNumber(row.id),
      organisationId: toNumber(row.organisation_id),
      name: row.name,
      email: row.email,
      role: row.role,
      locale: row.locale,
      active: true,
      mustChangePassword: toBool(row.must_change_password),
      lastSignInAt: toInstant(row.last_sign_in_at),
      organisationName: row.organisation_name,
      timeZone: row.time_zone,
      rosterVersion: toNumber(row.roster_version),
      hasSecondFactor: toBool(row.has_second_factor),
      secondFactorRequired: toBool(row.require_second_factor),
      signedInWith: row.signed_in_with,
      organisationLocale: toLocale(row.organisation_locale),
    };
    return { data: JSON.parse(row.data) as SessionData, user, lastSeenAt };
  }

  /**
   * Records activity, at most once a minute per session. Not waited for while another process holds SQLite's write
   * lock: a page that only reads is served at once, and the next request records the activity.
   */
  async touch(sid: string, lastSeenAt: number): Promise<void> {
    const now = this.clock.now().toMillis();
    if (now - lastSeenAt < this.limits.touchEverySeconds * 1000) return;
    await skipIfWriteLocked(
      this.db('sessions')
        .where({ id_hash: hashId(sid) })
        .update({ last_seen_at: new Date(now).toISOString() })
        .queryContext(WITHOUT_WRITE_WAIT),
    );
  }

  async saveData(sid: string, data: SessionData): Promise<void> {
    await this.db('sessions')
      .where({ id_hash: hashId(sid) })
      .update({ data: JSON.stringify(data) });
  }

  async destroy(sid: string): Promise<void> {
    await this.db('sessions')
      .where({ id_hash: hashId(sid) })
      .delete();
  }

  /** Ends every session of a user (sign-out everywhere, deactivation, password change). */
  async destroyAllForUser(userId: number, tx?: Tx): Promise<number> {
    return on(this.db, tx)('sessions').where({ user_id: userId }).delete();
  }

  /** A user's own sessions, the newest first; `current` marks the one with this id. */
  async listForUser(userId: number, currentSid: string | undefined): Promise<OwnSession[]> {
    const currentHash = currentSid ? hashId(currentSid) : '';
    const rows = await this.db('sessions').where({ user_id: userId }).orderBy('last_seen_at', 'desc').select<
      {
        id_hash: string;
        device: string;
        signed_in_with: SignInMethod;
        created_at: unknown;
        last_seen_at: unknown;
        data: string;
      }[]
    >('id_hash', 'device', 'signed_in_with', 'created_at', 'last_seen_at', 'data');
    return rows
      .filter((r) => !(JSON.parse(r.data) as SessionData).pendingSecondFactor)
      .map((r) => ({
        handle: r.id_hash.slice(0, HANDLE_LENGTH),
        device: r.device,
        signedInWith: r.signed_in_with,
        createdAt: toInstant(r.created_at)!,
        lastSeenAt: toInstant(r.last_seen_at)!,
        current: r.id_hash === currentHash,
      }));
  }

  /** Ends one of a user's sessions by its handle; false when the user has none with it. */
  async destroyByHandle(userId: number, handle: string, tx?: Tx): Promise<boolean> {
    if (!/^[0-9a-f]{16}$/.test(handle)) return false;
    const n = await on(
      this.db,
      tx,
    )('sessions')
      .where({ user_id: userId })
      .where('id_hash', 'like', `${handle}%`)
      .delete();
    return n > 0;
  }

  /** Ends every session of a user but the one with this id; returns how many ended. */
  async destroyOthers(userId: number, keepSid: string, tx?: Tx): Promise<number> {
    return on(
      this.db,
      tx,
    )('sessions')
      .where({ user_id: userId })
      .whereNot({ id_hash: hashId(keepSid) })
      .delete();
  }

  async countForUser(userId: number): Promise<number> {
    const row = await this.db('sessions').where({ user_id: userId }).count({ n: '*' }).first();
    return toNumber(row?.n);
  }

  /** Removes sessions past their lifetime or idle too long (a scheduled job calls this). */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    return this.db('sessions')
      .where('expires_at', '<', now.toISO())
      .orWhere('last_seen_at', '<', now.minus({ minutes: this.limits.idleMinutes }).toISO())
      .delete();
  }
}
