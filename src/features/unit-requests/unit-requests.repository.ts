import { toLocale, type Locale } from '../../config.js';
import { insertReturningIds, on, type Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { UnitRequest, UnitRequestInput, UnitRequestStatus } from './unit-requests.model.js';

interface Row {
  id: number | string;
  unit_name: string;
  improve: string;
  for_whom: string;
  when_text: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  created_at: string | Date;
  status: UnitRequestStatus;
  project_id: number | string | null;
  handled_at: string | Date | null;
  handled_by_name: string | null;
}

const toRequest = (r: Row): UnitRequest => ({
  id: toNumber(r.id),
  unitName: r.unit_name,
  improve: r.improve,
  forWhom: r.for_whom,
  whenText: r.when_text,
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  contactPhone: r.contact_phone,
  createdAt: toInstant(r.created_at)!,
  status: r.status,
  projectId: r.project_id === null ? null : toNumber(r.project_id),
  handledAt: toInstant(r.handled_at),
  handledByName: r.handled_by_name,
});

/** Units' requests for involvement, and the organisation's secret form address (its hash). */
export class UnitRequestsRepository {
  constructor(private readonly db: Db) {}

  async organisationByAskHash(hash: string): Promise<{ id: number; name: string } | undefined> {
    const row = await this.db('ask_addresses as a')
      .join('organisations as o', 'o.id', 'a.organisation_id')
      .where('a.token_hash', hash)
      .first<{ id: number | string; name: string } | undefined>('o.id', 'o.name');
    return row && { id: toNumber(row.id), name: row.name };
  }

  async organisationLocale(organisationId: number): Promise<Locale> {
    const row = await this.db('organisations')
      .where({ id: organisationId })
      .first<{ default_locale: string } | undefined>('default_locale');
    return toLocale(row?.default_locale);
  }

  async askAddressMadeAt(organisationId: number): Promise<string | null> {
    const row = await this.db('ask_addresses')
      .where({ organisation_id: organisationId })
      .first<{ created_at: string | Date } | undefined>('created_at');
    return toInstant(row?.created_at ?? null);
  }

  /** Sets the organisation's form address (the one before it stops working). */
  async setAskHash(organisationId: number, hash: string, now: string, tx: Tx): Promise<void> {
    await on(
      this.db,
      tx,
    )('ask_addresses')
      .insert({ organisation_id: organisationId, token_hash: hash, created_at: now })
      .onConflict('organisation_id')
      .merge(['token_hash', 'created_at']);
  }

  async insert(organisationId: number, input: UnitRequestInput, now: string): Promise<number> {
    const [id] = await insertReturningIds(this.db, 'unit_requests', [
      {
        organisation_id: organisationId,
        unit_name: input.unitName,
        improve: input.improve,
        for_whom: input.forWhom,
        when_text: input.whenText,
        contact_name: input.contactName,
        contact_email: input.contactEmail,
        contact_phone: input.contactPhone,
        created_at: now,
        status: 'open',
      },
    ]);
    return id!;
  }

  private base(organisationId: number, tx?: Tx) {
    return on(
      this.db,
      tx,
    )('unit_requests as q')
      .leftJoin('users as u', 'u.id', 'q.handled_by_user_id')
      .where('q.organisation_id', organisationId)
      .select<Row[]>('q.*', 'u.name as handled_by_name');
  }

  /** Open requests first (oldest first), then the handled ones of the last year, newest first. */
  async list(organisationId: number): Promise<UnitRequest[]> {
    const rows = await this.base(organisationId)
      .orderByRaw("case when q.status = 'open' then 0 else 1 end")
      .orderBy('q.created_at', 'asc')
      .limit(200);
    return rows.map(toRequest);
  }

  async find(organisationId: number, id: number, tx?: Tx): Promise<UnitRequest | undefined> {
    const row = (await this.base(organisationId, tx).where('q.id', id))[0];
    return row ? toRequest(row) : undefined;
  }

  /** Marks an open request handled (a project made, or declined); false when it was not open any more. */
  async handle(
    organisationId: number,
    id: number,
    change: { status: UnitRequestStatus; projectId: number | null; userId: number },
    now: string,
    tx: Tx,
  ): Promise<boolean> {
    const n = await on(
      this.db,
      tx,
    )('unit_requests')
      .where({ organisation_id: organisationId, id, status: 'open' })
      .update({
        status: change.status,
        project_id: change.projectId,
        handled_by_user_id: change.userId,
        handled_at: now,
      });
    return n > 0;
  }

  async setProject(organisationId: number, id: number, projectId: number, tx: Tx): Promise<void> {
    await on(
      this.db,
      tx,
    )('unit_requests')
      .where({ organisation_id: organisationId, id })
      .update({ project_id: projectId });
  }

  /** Opens a request again (making its project failed). */
  async reopen(organisationId: number, id: number): Promise<void> {
    await this.db('unit_requests')
      .where({ organisation_id: organisationId, id })
      .update({ status: 'open', handled_at: null, handled_by_user_id: null });
  }

  /** Open requests, oldest first, at most `limit` (the facilitators' worklist lists them). */
  async openForWorklist(
    organisationId: number,
    limit: number,
  ): Promise<Array<{ requestId: number; unitName: string; improve: string; createdAt: string }>> {
    const rows = await this.db('unit_requests')
      .where({ organisation_id: organisationId, status: 'open' })
      .orderBy('created_at')
      .limit(limit)
      .select<Array<{ id: number; unit_name: string; improve: string; created_at: string | Date }>>(
        'id',
        'unit_name',
        'improve',
        'created_at',
      );
    return rows.map((row) => ({
      requestId: toNumber(row.id),
      unitName: row.unit_name,
      improve: row.improve.split(/\r?\n/)[0]!.slice(0, 200),
      createdAt: toInstant(row.created_at)!,
    }));
  }
}
