import { toLocale } from '../../config.js';
import { on, type Db } from '../../db.js';
import { REPRESENTATIVE_LOCALE_SQL, toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { LinkOwner, OpenRequest, RequestKind } from './participation.model.js';

/** A participation_links row with the person's language and the organisation's time zone. */
interface LinkRow {
  organisation_id: number | string;
  representative_id: number | string;
  expires_at: string | Date;
  locale: string;
  time_zone: string;
}

/** A representative_requests row with the person's name. */
interface RequestRow {
  id: number | string;
  representative_id: number | string;
  kind: RequestKind;
  created_at: string | Date;
  name: string;
}

/** Personal links to /me and the requests people make there. */
export class ParticipationRepository {
  constructor(private readonly db: Db) {}

  /** The link's representative, or why it does not work. */
  async findLink(tokenHash: string, tx?: Tx): Promise<LinkOwner | undefined> {
    const db = on(this.db, tx);
    const row = await db('participation_links as l')
      .join('representatives as r', 'r.id', 'l.representative_id')
      .join('organisations as o', 'o.id', 'l.organisation_id')
      .where('l.token_hash', tokenHash)
      .whereNull('r.erased_at')
      .first<LinkRow | undefined>(
        'l.organisation_id',
        'l.representative_id',
        'l.expires_at',
        db.raw(`${REPRESENTATIVE_LOCALE_SQL} as locale`),
        'o.time_zone',
      );
    if (!row) return undefined;
    return {
      organisationId: toNumber(row.organisation_id),
      representativeId: toNumber(row.representative_id),
      expiresAt: toInstant(row.expires_at)!,
      locale: toLocale(row.locale),
      timeZone: row.time_zone,
    };
  }

  /** Deletes the personal links that expired before the instant; returns how many. */
  async purgeLinksExpiredBefore(instant: string, tx?: Tx): Promise<number> {
    return on(this.db, tx)('participation_links').where('expires_at', '<', instant).delete();
  }

  /** Adds a request unless the same kind is already open; returns whether one was added. */
  async addRequest(
    organisationId: number,
    representativeId: number,
    kind: RequestKind,
    now: string,
    tx?: Tx,
  ): Promise<boolean> {
    const db = on(this.db, tx);
    const open = await db('representative_requests')
      .where({ organisation_id: organisationId, representative_id: representativeId, kind })
      .whereNull('handled_at')
      .first<{ id: number | string } | undefined>('id');
    if (open) return false;
    await db('representative_requests').insert({
      organisation_id: organisationId,
      representative_id: representativeId,
      kind,
      created_at: now,
    });
    return true;
  }

  async openRequests(organisationId: number, representativeId?: number, tx?: Tx): Promise<OpenRequest[]> {
    const db = on(this.db, tx);
    const q = db('representative_requests as q')
      .join('representatives as r', 'r.id', 'q.representative_id')
      .where('q.organisation_id', organisationId)
      .whereNull('q.handled_at')
      .orderBy('q.created_at')
      .select('q.id', 'q.representative_id', 'q.kind', 'q.created_at', 'r.name');
    if (representativeId) q.where('q.representative_id', representativeId);
    const rows = (await q) as RequestRow[];
    return rows.map((r) => ({
      id: toNumber(r.id),
      representativeId: toNumber(r.representative_id),
      name: r.name,
      kind: r.kind,
      createdAt: toInstant(r.created_at)!,
    }));
  }

  /** Marks a request handled: 'done', 'already' (someone else did), or 'missing' (not the organisation's). */
  async markHandled(
    organisationId: number,
    id: number,
    userId: number,
    now: string,
    tx?: Tx,
  ): Promise<'done' | 'already' | 'missing'> {
    const db = on(this.db, tx);
    const n = await db('representative_requests')
      .where({ organisation_id: organisationId, id })
      .whereNull('handled_at')
      .update({ handled_at: now, handled_by_user_id: userId });
    if (n > 0) return 'done';
    const exists = await db('representative_requests')
      .where({ organisation_id: organisationId, id })
      .first<{ id: number | string } | undefined>('id');
    return exists ? 'already' : 'missing';
  }
}
