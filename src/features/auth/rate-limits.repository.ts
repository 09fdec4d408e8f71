import type { Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';

interface RateLimitRow {
  count: number | string;
  expires_at: unknown;
  blocked_until: unknown;
}

export interface WindowState {
  count: number;
  /** When the current window ends (ISO). */
  resetsAt: string;
}

/**
 * Fixed-window counters in the database, so that several app instances share them. One atomic upsert per hit
 * (INSERT … ON CONFLICT DO UPDATE … RETURNING works on SQLite ≥ 3.35 and PostgreSQL alike).
 */
export class RateLimitsRepository {
  constructor(private readonly db: Db) {}

  async peek(key: string, now: Date): Promise<WindowState | undefined> {
    const row = await this.db('rate_limits').where({ key }).first<RateLimitRow | undefined>('count', 'expires_at');
    if (!row) return undefined;
    const resetsAt = toInstant(row.expires_at)!;
    if (Date.parse(resetsAt) <= now.getTime()) return undefined;
    return { count: toNumber(row.count), resetsAt };
  }

  async hit(key: string, windowMs: number, now: Date): Promise<WindowState> {
    return this.add(key, 1, windowMs, now);
  }

  /**
   * Takes up to `wanted` units of a budget of `limit` per window that several instances share (the outbox's send
   * rate); returns how many were granted. Never grants more than the limit; what a racing instance over-asks is
   * simply not granted this window.
   */
  async take(key: string, wanted: number, limit: number, windowMs: number, now: Date): Promise<number> {
    if (wanted <= 0) return 0;
    const state = await this.add(key, wanted, windowMs, now);
    const before = state.count - wanted;
    return Math.max(0, Math.min(wanted, limit - before));
  }

  private async add(key: string, amount: number, windowMs: number, now: Date): Promise<WindowState> {
    const nowIso = now.toISOString();
    const expires = new Date(now.getTime() + windowMs).toISOString();
    const result: unknown = await this.db.raw(
      `INSERT INTO rate_limits (key, window_start, count, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.expires_at <= ? THEN excluded.count ELSE rate_limits.count + excluded.count END,
         window_start = CASE WHEN rate_limits.expires_at <= ? THEN excluded.window_start ELSE rate_limits.window_start END,
         expires_at = CASE WHEN rate_limits.expires_at <= ? THEN excluded.expires_at ELSE rate_limits.expires_at END
       RETURNING count, expires_at`,
      [key, nowIso, amount, expires, nowIso, nowIso, nowIso],
    );
    const row = returnedRow<{ count: number | string; expires_at: unknown }>(result)!;
    return { count: toNumber(row.count), resetsAt: toInstant(row.expires_at)! };
  }

  async clear(key: string): Promise<void> {
    await this.db('rate_limits').where({ key }).delete();
  }

  /**
   * Reserves one attempt of a budget of `limit` per fixed window, in one conditional upsert: granted (with the
   * window's count including this attempt) or not, never a read-then-write that parallel requests could all pass.
   */
  async reserveInWindow(key: string, limit: number, windowMs: number, now: Date): Promise<number | undefined> {
    const nowIso = now.toISOString();
    const expires = new Date(now.getTime() + windowMs).toISOString();
    const result: unknown = await this.db.raw(
      `INSERT INTO rate_limits (key, window_start, count, expires_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.expires_at <= ? THEN 1 ELSE rate_limits.count + 1 END,
         window_start = CASE WHEN rate_limits.expires_at <= ? THEN excluded.window_start ELSE rate_limits.window_start END,
         expires_at = CASE WHEN rate_limits.expires_at <= ? THEN excluded.expires_at ELSE rate_limits.expires_at END
       WHERE rate_limits.expires_at <= ? OR rate_limits.count < ?
       RETURNING count`,
      [key, nowIso, expires, nowIso, nowIso, nowIso, nowIso, limit],
    );
    const row = returnedRow<{ count: number | string }>(result);
    return row ? toNumber(row.count) : undefined;
  }

  /**
   * Reserves the next attempt of a back-off key (an account and an address): granted while fewer than `free`
   * attempts are counted, else only once `blocked_until` has passed. The same upsert counts the attempt and holds
   * the key until `holdUntil`, so that parallel requests wait while this one is checked; the caller then records
   * the outcome (`setBlockedUntil` on a failure, `clear` on a success). Returns the attempt's number in the row.
   */
  async reserveBackoff(
    key: string,
    free: number,
    holdUntil: Date,
    forgetMs: number,
    now: Date,
  ): Promise<number | undefined> {
    const nowIso = now.toISOString();
    const expires = new Date(now.getTime() + forgetMs).toISOString();
    const result: unknown = await this.db.raw(
      `INSERT INTO rate_limits (key, window_start, count, expires_at, blocked_until) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.expires_at <= ? THEN 1 ELSE rate_limits.count + 1 END,
         window_start = CASE WHEN rate_limits.expires_at <= ? THEN excluded.window_start ELSE rate_limits.window_start END,
         expires_at = excluded.expires_at,
         blocked_until = excluded.blocked_until
       WHERE rate_limits.expires_at <= ? OR rate_limits.count < ?
         OR rate_limits.blocked_until IS NULL OR rate_limits.blocked_until <= ?
       RETURNING count`,
      [key, nowIso, expires, holdUntil.toISOString(), nowIso, nowIso, nowIso, free, nowIso],
    );
    const row = returnedRow<{ count: number | string }>(result);
    return row ? toNumber(row.count) : undefined;
  }

  /** After a failed attempt: the next one waits until `until` (unless a later attempt has been counted since). */
  async setBlockedUntil(key: string, attempt: number, until: Date): Promise<void> {
    await this.db('rate_limits').where({ key, count: attempt }).update({ blocked_until: until.toISOString() });
  }

  /** Gives back an attempt reserved with `reserveInWindow` that turned out not to count (a success). */
  async release(key: string): Promise<void> {
    await this.db('rate_limits')
      .where({ key })
      .where('count', '>', 0)
      .update({ count: this.db.raw('count - 1') });
  }

  /** A key's state, for telling a refused client when to try again (never to decide whether to refuse). */
  async state(key: string): Promise<{ count: number; resetsAt: string; blockedUntil: string | null } | undefined> {
    const row = await this.db('rate_limits')
      .where({ key })
      .first<RateLimitRow | undefined>('count', 'expires_at', 'blocked_until');
    if (!row) return undefined;
    return {
      count: toNumber(row.count),
      resetsAt: toInstant(row.expires_at)!,
      blockedUntil: toInstant(row.blocked_until),
    };
  }

  /** Removes windows that have ended (a scheduled job calls this). */
  async purgeExpired(now: Date): Promise<number> {
    return this.db('rate_limits').where('expires_at', '<=', now.toISOString()).delete();
  }
}

/** The row of an INSERT … RETURNING through knex.raw on either engine (SQLite: an array; pg: a result). */
function returnedRow<Row>(result: unknown): Row | undefined {
  const rows = Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;
  return rows[0];
}
