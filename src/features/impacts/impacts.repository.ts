import { toLocale } from '../../config.js';
import type { Db } from '../../db.js';
import { insertReturningIds, on } from '../../db.js';
import { REPRESENTATIVE_LOCALE_SQL, toBool, toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { Impact, ImpactInput, ImpactStatus, Recipient } from './impacts.model.js';

/** An impact joined with its project's title. */
interface ImpactRow {
  id: number | string;
  project_id: number | string;
  project_title: string | null;
  what_said: string;
  what_changed: string;
  status: ImpactStatus;
  rejected_reason: string;
  decided_on: unknown;
  meeting_id: number | string | null;
  fed_back_at: unknown;
}

/** A person linked to an impact. */
interface LinkRow {
  impact_id: number | string;
  id: number | string;
  name: string;
}

interface RecipientRow {
  id: number | string;
  name: string;
  email: string;
  locale: string;
  email_undeliverable: unknown;
  consent: unknown;
}

/** "You said, we did": impacts per project with the representatives they came from. */
export class ImpactsRepository {
  constructor(private readonly db: Db) {}

  private async withPeople(rows: ImpactRow[]): Promise<Impact[]> {
    const ids = rows.map((r) => toNumber(r.id));
    const links = ids.length
      ? await this.db('impact_representatives as l')
          .join('representatives as r', 'r.id', 'l.representative_id')
          .whereIn('l.impact_id', ids)
          .orderBy('r.sort_key')
          .select<LinkRow[]>('l.impact_id', 'r.id', 'r.name')
      : [];
    return rows.map((r) => {
      const people = links
        .filter((l) => toNumber(l.impact_id) === toNumber(r.id))
        .map((l) => ({ id: toNumber(l.id), name: l.name }));
      return {
        id: toNumber(r.id),
        projectId: toNumber(r.project_id),
        projectTitle: r.project_title ?? '',
        whatSaid: r.what_said,
        whatChanged: r.what_changed,
        status: r.status,
        rejectedReason: r.rejected_reason,
        decidedOn: toIsoDate(r.decided_on),
        meetingId: r.meeting_id === null ? null : toNumber(r.meeting_id),
        fedBackAt: toInstant(r.fed_back_at),
        representativeIds: people.map((p) => p.id),
        people,
      };
    });
  }

  private base(organisationId: number) {
    return this.db('impacts as i')
      .join('projects as p', 'p.id', 'i.project_id')
      .where('i.organisation_id', organisationId)
      .select<ImpactRow[]>('i.*', 'p.title as project_title');
  }

  async forProject(organisationId: number, projectId: number): Promise<Impact[]> {
    return this.withPeople(await this.base(organisationId).where('i.project_id', projectId).orderBy('i.id', 'desc'));
  }

  async find(organisationId: number, id: number): Promise<Impact | undefined> {
    const row = await this.base(organisationId).where('i.id', id).first();
    return row ? (await this.withPeople([row]))[0] : undefined;
  }

  async forRepresentative(organisationId: number, representativeId: number): Promise<Impact[]> {
    const rows = await this.base(organisationId)
      .whereExists(
        this.db
          .select(this.db.raw('1'))
          .from('impact_representatives as l')
          .whereRaw('l.impact_id = i.id')
          .where('l.representative_id', representativeId),
      )
      .orderBy('i.id', 'desc');
    return this.withPeople(rows);
  }

  async save(
    organisationId: number,
    projectId: number,
    id: number | null,
    input: ImpactInput,
    now: string,
    tx?: Tx,
  ): Promise<number> {
    const db = on(this.db, tx);
    const values = {
      what_said: input.whatSaid,
      what_changed: input.whatChanged,
      status: input.status,
      rejected_reason: input.status === 'rejected' ? input.rejectedReason : '',
      decided_on: input.decidedOn,
      meeting_id: input.meetingId,
      updated_at: now,
    };
    let impactId: number;
    if (id === null) {
      [impactId] = (await insertReturningIds(db, 'impacts', [
        { ...values, organisation_id: organisationId, project_id: projectId, created_at: now },
      ])) as [number];
    } else {
      impactId = id;
      await db('impacts').where({ organisation_id: organisationId, id: impactId }).update(values);
      await db('impact_representatives').where({ impact_id: impactId }).delete();
    }
    if (input.representativeIds.length) {
      await db('impact_representatives').insert(
        input.representativeIds.map((representativeId) => ({
          impact_id: impactId,
          representative_id: representativeId,
        })),
      );
    }
    return impactId;
  }

  /** The linked people who can be told by e-mail: an address that works and consent to e-mail. */
  async recipients(impactId: number): Promise<Recipient[]> {
    const rows = await this.db('impact_representatives as l')
      .join('representatives as r', 'r.id', 'l.representative_id')
      .where('l.impact_id', impactId)
      .whereNotNull('r.email')
      .whereNull('r.erased_at')
      .select<RecipientRow[]>(
        'r.id',
        'r.name',
        'r.email',
        this.db.raw(`${REPRESENTATIVE_LOCALE_SQL} as locale`),
        'r.email_undeliverable',
        this.db.raw(
          "exists (select 1 from consents c where c.representative_id = r.id and c.purpose = 'email_contact' and c.withdrawn_at is null) as consent",
        ),
      );
    return rows
      .filter((r) => toBool(r.consent) && !toBool(r.email_undeliverable))
      .map((r) => ({
        id: toNumber(r.id),
        name: r.name,
        email: r.email,
        locale: toLocale(r.locale),
      }));
  }

  async markFedBack(id: number, now: string, tx?: Tx): Promise<void> {
    await on(this.db, tx)('impacts').where({ id }).update({ fed_back_at: now, updated_at: now });
  }
}
