import { insertReturningIds, on, type Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { ShareKind, ShareLink, ShareTarget } from './sharing.model.js';

interface Row {
  id: number | string;
  organisation_id: number | string;
  kind: ShareKind;
  target: string;
  created_by_name: string | null;
  created_at: string | Date;
  expires_at: string | Date;
  revoked_at: string | Date | null;
  views: number | string;
  last_viewed_at: string | Date | null;
}

const toLink = (r: Row): ShareLink => ({
  id: toNumber(r.id),
  organisationId: toNumber(r.organisation_id),
  target: { kind: r.kind, ...(JSON.parse(r.target) as object) } as ShareTarget,
  createdByName: r.created_by_name,
  createdAt: toInstant(r.created_at)!,
  expiresAt: toInstant(r.expires_at)!,
  revokedAt: toInstant(r.revoked_at),
  views: toNumber(r.views),
  lastViewedAt: toInstant(r.last_viewed_at),
});

/** Share links: only the hash of each secret is kept. */
export class SharingRepository {
  constructor(private readonly db: Db) {}

  private base(tx?: Tx) {
    return on(
      this.db,
      tx,
    )('share_links as l')
      .leftJoin('users as u', 'u.id', 'l.created_by_user_id')
      .select<Row[]>(
        'l.id',
        'l.organisation_id',
        'l.kind',
        'l.target',
        'u.name as created_by_name',
        'l.created_at',
        'l.expires_at',
        'l.revoked_at',
        'l.views',
        'l.last_viewed_at',
      );
  }

  async insert(
    link: { organisationId: number; hash: string; target: ShareTarget; userId: number; expiresAt: string },
    now: string,
    tx: Tx,
  ): Promise<number> {
    const { kind, ...rest } = link.target;
    const [id] = await insertReturningIds(on(this.db, tx), 'share_links', [
      {
        organisation_id: link.organisationId,
        token_hash: link.hash,
        kind,
        target: JSON.stringify(rest),
        project_id: link.target.kind === 'results' ? link.target.projectId : null,
        created_by_user_id: link.userId,
        created_at: now,
        expires_at: link.expiresAt,
      },
    ]);
    return id!;
  }

  async byHash(hash: string): Promise<ShareLink | undefined> {
    const row = (await this.base().where('l.token_hash', hash))[0];
    return row ? toLink(row) : undefined;
  }

  async find(organisationId: number, id: number, tx?: Tx): Promise<ShareLink | undefined> {
    const row = (await this.base(tx).where({ 'l.organisation_id': organisationId, 'l.id': id }))[0];
    return row ? toLink(row) : undefined;
  }

  /** The organisation's links of a kind (a project's, for results) that have not expired, newest first. */
  async live(organisationId: number, kind: ShareKind, now: string, projectId?: number): Promise<ShareLink[]> {
    const q = this.base()
      .where({ 'l.organisation_id': organisationId, 'l.kind': kind })
      .where('l.expires_at', '>', now)
      .orderBy('l.created_at', 'desc')
      .limit(50);
    if (projectId !== undefined) q.where('l.project_id', projectId);
    return (await q).map(toLink);
  }

  async revoke(organisationId: number, id: number, userId: number, now: string, tx: Tx): Promise<boolean> {
    const n = await on(
      this.db,
      tx,
    )('share_links')
      .where({ organisation_id: organisationId, id })
      .whereNull('revoked_at')
      .update({ revoked_at: now, revoked_by_user_id: userId });
    return n > 0;
  }

  async viewed(id: number, now: string, tx: Tx): Promise<void> {
    await on(this.db, tx)('share_links').where({ id }).increment('views', 1).update({ last_viewed_at: now });
  }
}
