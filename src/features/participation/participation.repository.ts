import type { Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';

/** What a person asks for on their own page. */
export type OwnRequestKind = 'data_copy' | 'erasure';
export const REQUEST_KINDS: readonly OwnRequestKind[] = ['data_copy', 'erasure'];
/** Tasks for the facilitators: the person's own requests, and a new address someone else on the roster has. */
export type RequestKind = OwnRequestKind | 'email_conflict';

export interface OpenRequest {
  id: number;
  representativeId: number;
  name: string;
  kind: RequestKind;
  createdAt: string;
}

/** Personal links to /me and the requests people make there. */
export class ParticipationRepository {
  constructor(private readonly db: Db) {}

  /** The link's representative, or why it does not work. */
  async findLink(
    tokenHash: string,
  ): Promise<
    | { organisationId: number; representativeId: number; expiresAt: string; locale: 'nb' | 'en'; timeZone: string }
    | undefined
  > {
    const row = await this.db('participation_links as l')
      .join('representatives as r', 'r.id', 'l.representative_id')
      .join('organisations as o', 'o.id', 'l.organisation_id')
      .where('l.token_hash', tokenHash)
      .whereNull('r.erased_at')
      .first('l.organisation_id', 'l.representative_id', 'l.expires_at', 'r.locale', 'o.time_zone');
    if (!row) return undefined;
    return {
      organisationId: toNumber(row.organisation_id),
      representativeId: toNumber(row.representative_id),
      expiresAt: toInstant(row.expires_at)!,
      locale: row.locale === 'en' ? 'en' : 'nb',
      timeZone: row.time_zone as string,
    };
  }

  /** Adds a request unless the same kind is already open; returns whether one was added. */
  async addRequest(organisationId: number, representativeId: number, kind: RequestKind, now: string, trx: Db) {
    const open = await trx('representative_requests')
      .where({ organisation_id: organisationId, representative_id: representativeId, kind })
      .whereNull('handled_at')
      .first('id');
    if (open) return false;
    await trx('representative_requests').insert({
      organisation_id: organisationId,
      representative_id: representativeId,
      kind,
      created_at: now,
    });
    return true;
  }

  async openRequests(organisationId: number, representativeId?: number): Promise<OpenRequest[]> {
    const q = this.db('representative_requests as q')
      .join('representatives as r', 'r.id', 'q.representative_id')
      .where('q.organisation_id', organisationId)
      .whereNull('q.handled_at')
      .orderBy('q.created_at')
      .select('q.id', 'q.representative_id', 'q.kind', 'q.created_at', 'r.name');
    if (representativeId) q.where('q.representative_id', representativeId);
    const rows = await q;
    return rows.map((r: Record<string, unknown>) => ({
      id: toNumber(r.id),
      representativeId: toNumber(r.representative_id),
      name: r.name as string,
      kind: r.kind as RequestKind,
      createdAt: toInstant(r.created_at)!,
    }));
  }

  /** Marks a request handled: 'done', 'already' (someone else did), or 'missing' (not the organisation's). */
  async markHandled(
    organisationId: number,
    id: number,
    userId: number,
    now: string,
  ): Promise<'done' | 'already' | 'missing'> {
    const n = await this.db('representative_requests')
      .where({ organisation_id: organisationId, id })
      .whereNull('handled_at')
      .update({ handled_at: now, handled_by_user_id: userId });
    if (n > 0) return 'done';
    const exists = await this.db('representative_requests').where({ organisation_id: organisationId, id }).first('id');
    return exists ? 'already' : 'missing';
  }
}
