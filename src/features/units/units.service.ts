import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { Contact, ContactNote, Unit, UnitsRepository } from './units.repository.js';

export interface ContactInput {
  unitId: number | null;
  name: string;
  title: string;
  email: string | null;
  phone: string | null;
  champion: boolean;
}

/** Units and HCP contacts, scoped to the signed-in user's organisation; changes are audited. */
export class UnitsService {
  constructor(
    private readonly repo: UnitsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private record(actor: CurrentUser, action: string, entityType: string, entityId: number) {
    return this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action,
      entityType,
      entityId,
    });
  }

  units(actor: CurrentUser): Promise<Unit[]> {
    return this.repo.units(actor.organisationId);
  }

  async unit(actor: CurrentUser, id: number): Promise<Unit> {
    const unit = await this.repo.unit(actor.organisationId, id);
    if (!unit) throw new AppError(404, 'errors.notFound.body');
    return unit;
  }

  async createUnit(actor: CurrentUser, input: { name: string; kind: string }): Promise<number> {
    const id = await this.repo.createUnit(actor.organisationId, input, this.clock.now().toISO()!);
    await this.record(actor, 'unit.created', 'unit', id);
    return id;
  }

  async updateUnit(
    actor: CurrentUser,
    id: number,
    changes: { name?: string; kind?: string; archived?: boolean },
  ): Promise<void> {
    await this.unit(actor, id);
    await this.repo.updateUnit(actor.organisationId, id, changes);
    await this.record(actor, 'unit.updated', 'unit', id);
  }

  contacts(actor: CurrentUser, filter: { unitId?: number; champion?: boolean } = {}): Promise<Contact[]> {
    return this.repo.contacts(actor.organisationId, filter);
  }

  async contact(actor: CurrentUser, id: number): Promise<{ contact: Contact; notes: ContactNote[] }> {
    const contact = await this.repo.contact(actor.organisationId, id);
    if (!contact) throw new AppError(404, 'errors.notFound.body');
    return { contact, notes: await this.repo.notes(actor.organisationId, id) };
  }

  /** Creates or updates a contact; the unit must be one of the organisation's. */
  async saveContact(
    actor: CurrentUser,
    id: number | undefined,
    input: ContactInput,
  ): Promise<number | { field: string; key: string }> {
    if (id) await this.contact(actor, id);
    if (input.unitId && !(await this.repo.unit(actor.organisationId, input.unitId)))
      return { field: 'unitId', key: 'contacts.errors.unitUnknown' };
    const saved = await this.repo.saveContact(actor.organisationId, id, input, this.clock.now().toISO()!);
    await this.record(actor, id ? 'contact.updated' : 'contact.created', 'contact', saved);
    return saved;
  }

  async addNote(
    actor: CurrentUser,
    contactId: number,
    note: { notedOn: string; discussed: string; nextStep: string; followUpOn: string | null },
  ): Promise<void> {
    await this.contact(actor, contactId);
    await this.repo.addNote(actor.organisationId, contactId, note, actor.id, this.clock.now().toISO()!);
    await this.record(actor, 'contact.note_added', 'contact', contactId);
  }

  async markFollowedUp(actor: CurrentUser, contactId: number, noteId: number): Promise<void> {
    await this.contact(actor, contactId);
    await this.repo.markFollowedUp(actor.organisationId, noteId);
  }

  followUpsDue(actor: CurrentUser, by: string) {
    return this.repo.followUpsDue(actor.organisationId, by);
  }
}
