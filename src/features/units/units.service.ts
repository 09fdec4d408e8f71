import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { Contact, ContactInput, ContactNote, Unit } from './units.model.js';
import type { UnitsRepository } from './units.repository.js';

export interface UnitsServiceDeps {
  transact: Transact;
  units: UnitsRepository;
  audit: AuditService;
  clock: Clock;
}

/** Units and HCP contacts, scoped to the signed-in user's organisation; changes are audited in their transaction. */
export class UnitsService {
  constructor(private readonly deps: UnitsServiceDeps) {}

  units(actor: CurrentUser): Promise<Unit[]> {
    return this.deps.units.units(actor.organisationId);
  }

  async unit(actor: CurrentUser, id: number): Promise<Unit> {
    const unit = await this.deps.units.unit(actor.organisationId, id);
    if (!unit) throw notFound();
    return unit;
  }

  async createUnit(actor: CurrentUser, input: { name: string; kind: string }): Promise<number> {
    const { transact, units, audit, clock } = this.deps;
    return transact(async (tx) => {
      const id = await units.createUnit(actor.organisationId, input, clock.now().toISO()!, tx);
      await audit.byUser(actor, 'unit.created', { type: 'unit', id }, {}, tx);
      return id;
    });
  }

  async updateUnit(
    actor: CurrentUser,
    id: number,
    changes: { name?: string; kind?: string; archived?: boolean },
  ): Promise<void> {
    const { transact, units, audit } = this.deps;
    await this.unit(actor, id);
    await transact(async (tx) => {
      await units.updateUnit(actor.organisationId, id, changes, tx);
      await audit.byUser(actor, 'unit.updated', { type: 'unit', id }, {}, tx);
    });
  }

  contacts(actor: CurrentUser, filter: { unitId?: number; champion?: boolean } = {}): Promise<Contact[]> {
    return this.deps.units.contacts(actor.organisationId, filter);
  }

  async contact(actor: CurrentUser, id: number): Promise<{ contact: Contact; notes: ContactNote[] }> {
    const contact = await this.deps.units.contact(actor.organisationId, id);
    if (!contact) throw notFound();
    return { contact, notes: await this.deps.units.notes(actor.organisationId, id) };
  }

  /** Creates or updates a contact; the unit must be one of the organisation's. */
  async saveContact(actor: CurrentUser, id: number | undefined, input: ContactInput): Promise<number | FieldProblem> {
    const { transact, units, audit, clock } = this.deps;
    if (id) await this.contact(actor, id);
    if (input.unitId && !(await units.unit(actor.organisationId, input.unitId)))
      return { field: 'unitId', key: 'contacts.errors.unitUnknown' };
    return transact(async (tx) => {
      const saved = await units.saveContact(actor.organisationId, id, input, clock.now().toISO()!, tx);
      await audit.byUser(actor, id ? 'contact.updated' : 'contact.created', { type: 'contact', id: saved }, {}, tx);
      return saved;
    });
  }

  async addNote(
    actor: CurrentUser,
    contactId: number,
    note: { notedOn: string; discussed: string; nextStep: string; followUpOn: string | null },
  ): Promise<void> {
    const { transact, units, audit, clock } = this.deps;
    await this.contact(actor, contactId);
    await transact(async (tx) => {
      await units.addNote(actor.organisationId, contactId, note, actor.id, clock.now().toISO()!, tx);
      await audit.byUser(actor, 'contact.note_added', { type: 'contact', id: contactId }, {}, tx);
    });
  }

  async markFollowedUp(actor: CurrentUser, contactId: number, noteId: number): Promise<void> {
    await this.contact(actor, contactId);
    await this.deps.units.markFollowedUp(actor.organisationId, noteId);
  }
}
