import type { Db } from '../../db.js';
import { insertReturningIds, on } from '../../db.js';
import { toBool, toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { Contact, ContactInput, ContactNote, Unit } from './units.model.js';

interface UnitRow {
  id: number | string;
  name: string;
  kind: string;
  archived: unknown;
}

/** A contact joined with its unit's name. */
interface ContactRow {
  id: number | string;
  unit_id: number | string | null;
  unit_name: string | null;
  name: string;
  title: string;
  email: string | null;
  locale?: string | null;
  phone: string | null;
  champion: unknown;
  archived: unknown;
}

/** A note joined with its author's name. */
interface ContactNoteRow {
  id: number | string;
  noted_on: unknown;
  discussed: string;
  next_step: string;
  follow_up_on: unknown;
  followed_up: unknown;
  user_name: string | null;
  created_at: unknown;
}

const toContact = (r: ContactRow): Contact => ({
  id: toNumber(r.id),
  unitId: r.unit_id === null ? null : toNumber(r.unit_id),
  unitName: r.unit_name ?? null,
  name: r.name,
  title: r.title,
  email: r.email ?? null,
  locale: r.locale === 'nb' || r.locale === 'nn' || r.locale === 'en' ? r.locale : null,
  phone: r.phone ?? null,
  champion: toBool(r.champion),
  archived: toBool(r.archived),
});

/** Units (services) and the health-care professionals in them, with the facilitator's engagement notes. */
export class UnitsRepository {
  constructor(private readonly db: Db) {}

  async units(organisationId: number): Promise<Unit[]> {
    const rows = await this.db('units')
      .where({ organisation_id: organisationId })
      .select<UnitRow[]>('id', 'name', 'kind', 'archived')
      .orderBy('name');
    return rows.map((r) => ({
      id: toNumber(r.id),
      name: r.name,
      kind: r.kind,
      archived: toBool(r.archived),
    }));
  }

  async unit(organisationId: number, id: number): Promise<Unit | undefined> {
    return (await this.units(organisationId)).find((u) => u.id === id);
  }

  async createUnit(
    organisationId: number,
    input: { name: string; kind: string },
    now: string,
    tx?: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'units', [
      { organisation_id: organisationId, name: input.name, kind: input.kind, archived: false, created_at: now },
    ]);
    return id!;
  }

  async updateUnit(
    organisationId: number,
    id: number,
    changes: { name?: string; kind?: string; archived?: boolean },
    tx?: Tx,
  ): Promise<void> {
    await on(this.db, tx)('units').where({ organisation_id: organisationId, id }).update(changes);
  }

  async contacts(organisationId: number, filter: { unitId?: number; champion?: boolean } = {}): Promise<Contact[]> {
    const q = this.db('contacts as c')
      .leftJoin('units as u', 'u.id', 'c.unit_id')
      .where('c.organisation_id', organisationId)
      .select<ContactRow[]>('c.*', 'u.name as unit_name')
      .orderBy('c.name');
    if (filter.unitId) q.where('c.unit_id', filter.unitId);
    if (filter.champion) q.where('c.champion', true);
    return (await q).map(toContact);
  }

  async contact(organisationId: number, id: number): Promise<Contact | undefined> {
    const row = await this.db('contacts as c')
      .leftJoin('units as u', 'u.id', 'c.unit_id')
      .where({ 'c.organisation_id': organisationId, 'c.id': id })
      .first<ContactRow | undefined>('c.*', 'u.name as unit_name');
    return row ? toContact(row) : undefined;
  }

  async saveContact(
    organisationId: number,
    id: number | undefined,
    input: ContactInput,
    now: string,
    tx?: Tx,
  ): Promise<number> {
    const db = on(this.db, tx);
    const row = {
      unit_id: input.unitId,
      name: input.name,
      title: input.title,
      email: input.email,
      locale: input.locale,
      phone: input.phone,
      champion: input.champion,
    };
    if (id) {
      await db('contacts').where({ organisation_id: organisationId, id }).update(row);
      return id;
    }
    const [newId] = await insertReturningIds(db, 'contacts', [
      { ...row, organisation_id: organisationId, archived: false, created_at: now },
    ]);
    return newId!;
  }

  async notes(organisationId: number, contactId: number): Promise<ContactNote[]> {
    const rows = await this.db('contact_notes as n')
      .leftJoin('users as u', 'u.id', 'n.user_id')
      .where({ 'n.organisation_id': organisationId, 'n.contact_id': contactId })
      .orderBy([
        { column: 'n.noted_on', order: 'desc' },
        { column: 'n.id', order: 'desc' },
      ])
      .select<ContactNoteRow[]>('n.*', 'u.name as user_name');
    return rows.map((r) => ({
      id: toNumber(r.id),
      notedOn: toIsoDate(r.noted_on)!,
      discussed: r.discussed,
      nextStep: r.next_step,
      followUpOn: toIsoDate(r.follow_up_on),
      followedUp: toBool(r.followed_up),
      userName: r.user_name ?? null,
      createdAt: toInstant(r.created_at)!,
    }));
  }

  async addNote(
    organisationId: number,
    contactId: number,
    note: { notedOn: string; discussed: string; nextStep: string; followUpOn: string | null },
    userId: number,
    now: string,
    tx?: Tx,
  ): Promise<void> {
    await on(
      this.db,
      tx,
    )('contact_notes').insert({
      organisation_id: organisationId,
      contact_id: contactId,
      noted_on: note.notedOn,
      discussed: note.discussed,
      next_step: note.nextStep,
      follow_up_on: note.followUpOn,
      followed_up: false,
      user_id: userId,
      created_at: now,
    });
  }

  async markFollowedUp(organisationId: number, noteId: number): Promise<number> {
    return this.db('contact_notes')
      .where({ organisation_id: organisationId, id: noteId })
      .update({ followed_up: true });
  }
}
