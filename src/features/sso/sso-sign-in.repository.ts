import type { Db } from '../../db.js';
import { on } from '../../db.js';
import { toBool, toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { SsoClaims, SsoFlow, SsoRequest } from './sso.model.js';

interface RequestRow {
  id: number | string;
  issuer: string;
  subject: string;
  email: string;
  name: string;
  email_verified: unknown;
  status: SsoRequest['status'];
  created_at: unknown;
  last_seen_at: unknown;
}

const toRequest = (r: RequestRow): SsoRequest => ({
  id: toNumber(r.id),
  issuer: r.issuer,
  subject: r.subject,
  email: r.email,
  name: r.name,
  emailVerified: toBool(r.email_verified),
  status: r.status,
  createdAt: toInstant(r.created_at)!,
  lastSeenAt: toInstant(r.last_seen_at)!,
});

/** Sign-ins on their way through a provider, users' identities at providers, and requests for access. */
export class SsoSignInRepository {
  constructor(private readonly db: Db) {}

  async createFlow(idHash: string, flow: SsoFlow, now: string): Promise<void> {
    // expired flows are cleared here, as new ones start: no job needed for a table this small
    await this.db('sso_flows').where('expires_at', '<', now).delete();
    await this.db('sso_flows').insert({
      id_hash: idHash,
      organisation_id: flow.organisationId,
      state: flow.state,
      nonce: flow.nonce,
      code_verifier: flow.codeVerifier,
      return_to: flow.returnTo,
      expires_at: flow.expiresAt,
    });
  }

  /** Takes a flow out (it works once): undefined when unknown, taken already or expired. */
  async takeFlow(idHash: string, now: string): Promise<SsoFlow | undefined> {
    const row = await this.db('sso_flows').where({ id_hash: idHash }).first<
      | {
          organisation_id: number | string;
          state: string;
          nonce: string;
          code_verifier: string;
          return_to: string;
          expires_at: unknown;
        }
      | undefined
    >();
    if (!row) return undefined;
    // two callbacks with one cookie: only the one that deletes the row goes on
    if ((await this.db('sso_flows').where({ id_hash: idHash }).delete()) !== 1) return undefined;
    const expiresAt = toInstant(row.expires_at)!;
    if (expiresAt <= now) return undefined;
    return {
      organisationId: toNumber(row.organisation_id),
      state: row.state,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      returnTo: row.return_to,
      expiresAt,
    };
  }

  /** The user an identity at a provider belongs to. */
  async identity(issuer: string, subject: string): Promise<{ userId: number; organisationId: number } | undefined> {
    const row = await this.db('user_identities')
      .where({ issuer, subject })
      .first<{ user_id: number | string; organisation_id: number | string } | undefined>('user_id', 'organisation_id');
    return row ? { userId: toNumber(row.user_id), organisationId: toNumber(row.organisation_id) } : undefined;
  }

  async link(organisationId: number, userId: number, claims: SsoClaims, now: string, tx?: Tx): Promise<void> {
    await on(
      this.db,
      tx,
    )('user_identities').insert({
      organisation_id: organisationId,
      user_id: userId,
      issuer: claims.issuer,
      subject: claims.subject,
      created_at: now,
      last_used_at: now,
    });
  }

  async touchIdentity(issuer: string, subject: string, now: string): Promise<void> {
    await this.db('user_identities').where({ issuer, subject }).update({ last_used_at: now });
  }

  /** The users of an organisation who sign in through its provider. */
  async usersWithIdentity(organisationId: number): Promise<Set<number>> {
    const rows = await this.db('user_identities')
      .where({ organisation_id: organisationId })
      .select<{ user_id: number | string }[]>('user_id');
    return new Set(rows.map((r) => toNumber(r.user_id)));
  }

  /** Records (or refreshes) a request for access; returns it as it stands (a declined one stays declined). */
  async request(organisationId: number, claims: SsoClaims, now: string): Promise<SsoRequest> {
    const key = { organisation_id: organisationId, issuer: claims.issuer, subject: claims.subject };
    await this.db('sso_requests')
      .insert({
        ...key,
        email: claims.email.slice(0, 254),
        name: claims.name.slice(0, 200),
        email_verified: claims.emailVerified,
        status: 'pending',
        created_at: now,
        last_seen_at: now,
      })
      .onConflict(['organisation_id', 'issuer', 'subject'])
      .merge({ last_seen_at: now, email: claims.email.slice(0, 254), name: claims.name.slice(0, 200) });
    const row = await this.db('sso_requests').where(key).first<RequestRow>();
    return toRequest(row);
  }

  async pending(organisationId: number): Promise<SsoRequest[]> {
    const rows = await this.db('sso_requests')
      .where({ organisation_id: organisationId, status: 'pending' })
      .orderBy('created_at')
      .select<RequestRow[]>();
    return rows.map(toRequest);
  }

  async findRequest(organisationId: number, id: number, tx?: Tx): Promise<SsoRequest | undefined> {
    const row = await on(
      this.db,
      tx,
    )('sso_requests')
      .where({ organisation_id: organisationId, id })
      .first<RequestRow | undefined>();
    return row ? toRequest(row) : undefined;
  }

  /** Marks a pending request handled; false when it was handled meanwhile. */
  async handle(
    organisationId: number,
    id: number,
    status: 'approved' | 'declined',
    actorId: number,
    now: string,
    tx?: Tx,
  ): Promise<boolean> {
    const n = await on(
      this.db,
      tx,
    )('sso_requests')
      .where({ organisation_id: organisationId, id, status: 'pending' })
      .update({ status, handled_by_user_id: actorId, handled_at: now });
    return n > 0;
  }

  /** How many requests wait (the admin's users page says so). */
  async pendingCount(organisationId: number): Promise<number> {
    const row = await this.db('sso_requests')
      .where({ organisation_id: organisationId, status: 'pending' })
      .count({ n: '*' })
      .first();
    return toNumber(row?.n);
  }
}
