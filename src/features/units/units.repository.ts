import type { Db } from '../../db.js';
import { insertReturningIds } from '../../db.js';
import { toBool, toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';

export const UNIT_KINDS = [
  'home_care',
  'gp_office',
  'health_station',
  'nursing_home',
  'mental_health',
  'healthy_life_centre',
  'allocation_office',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: number;
  name: string;
  kind: string;
  archived: boolean;
}

export interface Contact {
  id: number;
  unitId: number | null;
  unitName: string | null;
  name: string;
  title: string;
  email: string | null;
  phone: string | null;
  champion: boolean;
  archived: boolean;
}

export interface ContactNote {
  id: number;
  notedOn: string;
  discussed: string;
  nextStep: string;
  followUpOn: string | null;
  followedUp: boolean;
  userName: string | null;
  createdAt: string;
}

type Row = Record<string, unknown>;
const toContact = (r: Row): Contact => ({
  id: toNumber(r.id),
  unitId: r.unit_id === null ? null : toNumber(r.unit_id),
  unitName: (r.unit_name as string | null) ?? null,
  name: r.name as string,
  title: r.title as string,
  email: (r.email as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  champion: toBool(r.champion),
  archived: toBool(r.archived),
});

/** Units (services) and the health-care professionals in them, with the facilitator's engagement notes. */
export class UnitsRepository {
  constructor(private readonly db: Db) {}

  async units(organisationId: number): Promise<Unit[]> {
    const rows = (await this.db('units')
      .where({ organisation_id: organisationId })
      .select('id', 'name', 'kind', 'archived')
      .orderBy('name')) as Row[];
    return rows.map((r) => ({
      id: toNumber(r.id),
      name: r.name as string,
      kind: r.kind as string,
      archived: toBool(r.archived),
    }));
  }

  async unit(organisationId: number, id: number): Promise<Unit | undefined> {
    return (await this.units(organisationId)).find((u) => u.id === id);
  }

  async createUnit(organisationId: number, input: { name: string; kind: string }, now: string): Promise<number> {
    const [id] = await insertReturningIds(this.db, 'units', [
      { organisation_id: organisationId, name: input.name, kind: input.kind, archived: false, created_at: now },
    ]);
    return id!;
  }

  async updateUnit(
    organisationId: number,
    id: number,
    changes: { name?: string; kind?: string; archived?: boolean },
  ): Promise<void> {
    await this.db('units').where({ organisation_id: organisationId, id }).update(changes);
  }

  async contacts(organisationId: number, filter: { unitId?: number; champion?: boolean } = {}): Promise<Contact[]> {
    const q = this.db('contacts as c')
      .leftJoin('units as u', 'u.id', 'c.unit_id')
      .where('c.organisation_id', organisationId)
      .select('c.*', 'u.name as unit_name')
      .orderBy('c.name');
    if (filter.unitId) q.where('c.unit_id', filter.unitId);
    if (filter.champion) q.where('c.champion', true);
    return ((await q) as Row[]).map(toContact);
  }

  async contact(organisationId: number, id: number): Promise<Contact | undefined> {
    const row = (await this.db('contacts as c')
      .leftJoin('units as u', 'u.id', 'c.unit_id')
      .where({ 'c.organisation_id': organisationId, 'c.id': id })
      .first('c.*', 'u.name as unit_name')) as Row | undefined;
    return row ? toContact(row) : undefined;
  }

  async saveContact(
    organisationId: number,
    id: number | undefined,
    input: {
      unitId: number | null;
      name: string;
      title: string;
      email: string | null;
      phone: string | null;
      champion: boolean;
    },
    now: string,
  ): Promise<number> {
    const row = {
      unit_id: input.unitId,
      name: input.name,
      title: input.title,
      email: input.email,
      phone: input.phone,
      champion: input.champion,
    };
    if (id) {
      await this.db('contacts').where({ organisation_id: organisationId, id }).update(row);
      return id;
    }
    const [newId] = await insertReturningIds(this.db, 'contacts', [
      { ...row, organisation_id: organisationId, archived: false, created_at: now },
    ]);
    return newId!;
  }

  async notes(organisationId: number, contactId: number): Promise<ContactNote[]> {
    const rows = (await this.db('contact_notes as n')
      .leftJoin('users as u', 'u.id', 'n.user_id')
      .where({ 'n.organisation_id': organisationId, 'n.contact_id': contactId })
      .orderBy([
        { column: 'n.noted_on', order: 'desc' },
        { column: 'n.id', order: 'desc' },
      ])
      .select('n.*', 'u.name as user_name')) as Row[];
    return rows.map((r) => ({
      id: toNumber(r.id),
      notedOn: toIsoDate(r.noted_on)!,
      discussed: r.discussed as string,
      nextStep: r.next_step as string,
      followUpOn: toIsoDate(r.follow_up_on),
      followedUp: toBool(r.followed_up),
      userName: (r.user_name as string | null) ?? null,
      createdAt: toInstant(r.created_at)!,
    }));
  }

  async addNote(
    organisationId: number,
    contactId: number,
    note: { notedOn: string; discussed: string; nextStep: string; followUpOn: string | null },
    userId: number,
    now: string,
  ): Promise<void> {
    await this.db('contact_notes').insert({
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

  /** Follow-ups due by a date that nobody has marked done, for the facilitator's dashboard. */
  async followUpsDue(
    organisationId: number,
    by: string,
  ): Promise<Array<{ contactId: number; contactName: string; followUpOn: string; nextStep: string }>> {
    const rows = (await this.db('contact_notes as n')
      .join('contacts as c', 'c.id', 'n.contact_id')
      .where('n.organisation_id', organisationId)
      .where('n.followed_up', false)
      .whereNotNull('n.follow_up_on')
      .where('n.follow_up_on', '<=', by)
      .orderBy('n.follow_up_on')
      .limit(20)
      .select('n.contact_id', 'c.name as contact_name', 'n.follow_up_on', 'n.next_step')) as Row[];
    return rows.map((r) => ({
      contactId: toNumber(r.contact_id),
      contactName: r.contact_name as string,
      followUpOn: toIsoDate(r.follow_up_on)!,
      nextStep: r.next_step as string,
    }));
  }
}
