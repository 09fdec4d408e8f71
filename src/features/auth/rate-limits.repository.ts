import type { Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';

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
    const row = await this.db('rate_limits').where({ key }).first();
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
    const result = await this.db.raw(
      `INSERT INTO rate_limits (key, window_start, count, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.expires_at <= ? THEN excluded.count ELSE rate_limits.count + excluded.count END,
         window_start = CASE WHEN rate_limits.expires_at <= ? THEN excluded.window_start ELSE rate_limits.window_start END,
         expires_at = CASE WHEN rate_limits.expires_at <= ? THEN excluded.expires_at ELSE rate_limits.expires_at END
       RETURNING count, expires_at`,
      [key, nowIso, amount, expires, nowIso, nowIso, nowIso],
    );
    const row = (Array.isArray(result) ? result[0] : result.rows[0]) as { count: unknown; expires_at: unknown };
    return { count: toNumber(row.count), resetsAt: toInstant(row.expires_at)! };
  }

  async clear(key: string): Promise<void> {
    await this.db('rate_limits').where({ key }).delete();
  }

  /** Removes windows that have ended (a scheduled job calls this). */
  async purgeExpired(now: Date): Promise<number> {
    return this.db('rate_limits').where('expires_at', '<=', now.toISOString()).delete();
  }
}
