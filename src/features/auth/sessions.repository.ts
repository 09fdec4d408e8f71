import { createHash } from 'node:crypto';
import session from 'express-session';
import type { Db } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import { toInstant } from '../../lib/db-values.js';

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
  /** An unchanged session is written back (last seen) at most this often. */
  touchEverySeconds: number;
}

const hashId = (sid: string) => createHash('sha256').update(sid).digest('hex');
type Callback = (err?: unknown) => void;

/**
 * express-session's store, in the database so that several instances share sessions. Stores a hash of the
 * session id with its user and organisation; enforces the idle timeout and the absolute lifetime on read;
 * writes an unchanged session back at most once a minute (with synchronous=FULL every write is an fsync).
 */
export class SessionsRepository extends session.Store {
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly limits: SessionLimits,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.read(sid).then(
      (data) => callback(null, data),
      (err) => callback(err),
    );
  }

  private async read(sid: string): Promise<session.SessionData | null> {
    const idHash = hashId(sid);
    const row = await this.db('sessions').where({ id_hash: idHash }).first();
    if (!row) return null;
    const now = this.clock.now().toMillis();
    const lastSeen = Date.parse(toInstant(row.last_seen_at)!);
    const created = Date.parse(toInstant(row.created_at)!);
    if (now - lastSeen > this.limits.idleMinutes * 60_000 || now - created > this.limits.absoluteHours * 3_600_000) {
      await this.db('sessions').where({ id_hash: idHash }).delete();
      return null;
    }
    if (this.lastSeen.size > 50_000) this.lastSeen.clear(); // only a cache: forgetting costs one extra write
    this.lastSeen.set(idHash, lastSeen);
    return JSON.parse(row.data) as session.SessionData;
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const idHash = hashId(sid);
    const now = this.clock.now();
    const nowIso = now.toISO()!;
    const row = {
      id_hash: idHash,
      organisation_id: data.organisationId ?? null,
      user_id: data.userId ?? null,
      data: JSON.stringify(data),
      created_at: nowIso,
      last_seen_at: nowIso,
      expires_at: now.plus({ hours: this.limits.absoluteHours }).toISO(),
    };
    this.db('sessions')
      .insert(row)
      .onConflict('id_hash')
      .merge(['organisation_id', 'user_id', 'data', 'last_seen_at'])
      .then(
        () => {
          this.lastSeen.set(idHash, now.toMillis());
          callback?.();
        },
        (err) => callback?.(err),
      );
  }

  override touch(sid: string, _data: session.SessionData, callback?: Callback): void {
    const idHash = hashId(sid);
    const now = this.clock.now().toMillis();
    const last = this.lastSeen.get(idHash) ?? 0;
    if (now - last < this.limits.touchEverySeconds * 1000) {
      callback?.();
      return;
    }
    this.db('sessions')
      .where({ id_hash: idHash })
      .update({ last_seen_at: new Date(now).toISOString() })
      .then(
        () => {
          this.lastSeen.set(idHash, now);
          callback?.();
        },
        (err) => callback?.(err),
      );
  }

  override destroy(sid: string, callback?: Callback): void {
    const idHash = hashId(sid);
    this.lastSeen.delete(idHash);
    this.db('sessions')
      .where({ id_hash: idHash })
      .delete()
      .then(
        () => callback?.(),
        (err) => callback?.(err),
      );
  }

  /** Ends every session of a user (sign-out everywhere, deactivation, password change). */
  async destroyAllForUser(userId: number, exceptSid?: string): Promise<number> {
    const query = this.db('sessions').where({ user_id: userId });
    if (exceptSid) query.whereNot({ id_hash: hashId(exceptSid) });
    return query.delete();
  }

  async countForUser(userId: number): Promise<number> {
    const row = await this.db('sessions').where({ user_id: userId }).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /** Removes sessions past their lifetime (a scheduled job calls this). */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    return this.db('sessions')
      .where('expires_at', '<', now.toISO()!)
      .orWhere('last_seen_at', '<', now.minus({ minutes: this.limits.idleMinutes }).toISO()!)
      .delete();
  }
}
