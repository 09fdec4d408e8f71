import type { Clock } from '../../lib/clock.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { collator, translator } from '../../lib/i18n.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { CurrentUser, StaffMember, UserAccounts, UserDetails } from '../users/users.types.js';
import type { ContactPersons, HandOverPreview } from './handover.model.js';
import type { HandoverRepository } from './handover.repository.js';
import { handoverEmail, type Handed } from './handover-email.js';

export interface HandoverDeps {
  transact: Transact;
  handovers: HandoverRepository;
  users: Pick<UserAccounts, 'details' | 'activeStaff'>;
  outbox: OutboxService;
  organisations: Pick<OrganisationDirectory, 'name'>;
  audit: AuditService;
  clock: Clock;
  baseUrl: string;
}

/**
 * Hand-overs between colleagues: a project's responsible facilitator, a representative's contact person, or all
 * of one person's open projects and people at once (a facilitator who is away). Each runs in one transaction,
 * audited per project and per person, with one e-mail to the colleague through the outbox.
 */
export class HandoverService implements ContactPersons {
  constructor(private readonly deps: HandoverDeps) {}

  /** The colleagues who can take work over: active facilitators and admins, except the one handing over. */
  async colleagues(actor: CurrentUser, exceptUserId: number | null): Promise<StaffMember[]> {
    const staff = await this.deps.users.activeStaff(actor.organisationId);
    return staff.filter((s) => s.id !== exceptUserId);
  }

  /** The choices of contact person: the active staff, and the current one too if no longer active (kept, not lost). */
  async contactChoices(actor: CurrentUser, currentId: number | undefined): Promise<StaffMember[]> {
    const staff = await this.deps.users.activeStaff(actor.organisationId);
    if (currentId && !staff.some((s) => s.id === currentId)) {
      const current = await this.deps.users.details(actor.organisationId, currentId);
      if (current) staff.push({ id: current.id, name: current.name, phone: current.phone });
    }
    const byName = collator('nb');
    return staff.sort((a, b) => byName.compare(a.name, b.name));
  }

  /** A representative's contact person's name and work phone, and whether still active (on the person's profile). */
  async contactPerson(
    actor: Pick<CurrentUser, 'organisationId'>,
    userId: number | null,
  ): Promise<{ name: string; phone: string; active: boolean } | null> {
    if (userId === null) return null;
    const user = await this.deps.users.details(actor.organisationId, userId);
    return user ? { name: user.name, phone: user.phone, active: user.active } : null;
  }

  /**
   * The contact person a representative is shown on their own page: not one who has left (deactivated), whose
   * phone no longer answers; the facilitators see the stale link on the profile and choose someone else.
   */
  async activeContactPerson(
    owner: Pick<CurrentUser, 'organisationId'>,
    userId: number | null,
  ): Promise<{ name: string; phone: string } | null> {
    if (userId === null) return null;
    const user = await this.deps.users.details(owner.organisationId, userId);
    return user?.active ? { name: user.name, phone: user.phone } : null;
  }

  /** Who may hand over a user's work: the user themselves (not a supervisor) or an admin. */
  private async holder(actor: CurrentUser, userId: number): Promise<UserDetails> {
    if (actor.role === 'supervisor' || (actor.role !== 'admin' && userId !== actor.id)) throw forbidden();
    const user = await this.deps.users.details(actor.organisationId, userId);
    if (!user) throw notFound();
    return user;
  }

  /** A colleague to hand over to: an active facilitator or admin of the organisation, not the one handing over. */
  private async colleagueProblem(
    actor: CurrentUser,
    fromId: number | null,
    toId: number,
  ): Promise<FieldProblem | undefined> {
    if (toId === fromId) return { field: 'toUserId', key: 'handover.errors.same' };
    const staff = await this.deps.users.activeStaff(actor.organisationId);
    return staff.some((s) => s.id === toId) ? undefined : { field: 'toUserId', key: 'handover.errors.colleague' };
  }

  /** What handing over everything of a user would move now (open projects and the people they are contact for). */
  async previewAll(actor: CurrentUser, fromUserId: number): Promise<HandOverPreview> {
    const from = await this.holder(actor, fromUserId);
    const [projects, people] = await Promise.all([
      this.deps.handovers.openProjectsOf(actor.organisationId, from.id),
      this.deps.handovers.peopleOf(actor.organisationId, from.id),
    ]);
    return { from: { id: from.id, name: from.name }, projects, people: people.length };
  }

  /**
   * Hands over all of a user's open projects and the people they are contact person for, in one transaction: what
   * moves is read inside it, so that the counts e-mailed are what moved. Closed projects stay with who ran them.
   */
  async handOverAll(
    actor: CurrentUser,
    fromUserId: number,
    toUserId: number,
    message: string,
  ): Promise<{ projects: number; people: number } | FieldProblem> {
    const { transact, handovers, audit, clock } = this.deps;
    const from = await this.holder(actor, fromUserId);
    const problem = await this.colleagueProblem(actor, from.id, toUserId);
    if (problem) return problem;
    const org = actor.organisationId;
    const now = clock.now().toISO()!;
    return transact(async (tx) => {
      const projects = await handovers.openProjectsOf(org, from.id, tx);
      const people = await handovers.peopleOf(org, from.id, tx);
      for (const p of projects) {
        await handovers.setProjectFacilitator(org, p.id, toUserId, now, tx);
        await audit.byUser(
          actor,
          'project.handed_over',
          { type: 'project', id: p.id },
          { from: from.id, to: toUserId },
          tx,
        );
      }
      await handovers.moveContactPerson(org, people, toUserId, tx);
      for (const id of people) {
        await audit.byUser(
          actor,
          'representative.handed_over',
          { type: 'representative', id },
          { from: from.id, to: toUserId },
          tx,
        );
      }
      const counts = { projects: projects.length, people: people.length };
      await audit.byUser(actor, 'user.handed_over_all', { type: 'user', id: from.id }, { to: toUserId, ...counts }, tx);
      if (counts.projects + counts.people > 0) {
        await this.mail(actor, from, toUserId, { projects, people }, message, `all:${from.id}:${now}`, tx);
      }
      return counts;
    });
  }

  /** The project as its hand-over form shows it; another organisation's project is not found. */
  async project(
    actor: CurrentUser,
    projectId: number,
  ): Promise<{ id: number; title: string; facilitatorUserId: number | null }> {
    const project = await this.deps.handovers.project(actor.organisationId, projectId);
    if (!project) throw notFound();
    return project;
  }

  /** Hands one project to a colleague: its responsible facilitator changes; audited; the colleague gets an e-mail. */
  async handOverProject(
    actor: CurrentUser,
    projectId: number,
    toUserId: number,
    message: string,
  ): Promise<FieldProblem | undefined> {
    const project = await this.project(actor, projectId);
    const problem = await this.colleagueProblem(actor, project.facilitatorUserId, toUserId);
    if (problem) return problem;
    const now = this.deps.clock.now().toISO()!;
    await this.deps.transact(async (tx) => {
      await this.deps.handovers.setProjectFacilitator(actor.organisationId, project.id, toUserId, now, tx);
      await this.deps.audit.byUser(
        actor,
        'project.handed_over',
        { type: 'project', id: project.id },
        { from: project.facilitatorUserId, to: toUserId },
        tx,
      );
      if (toUserId !== actor.id) {
        const handed = { projects: [{ id: project.id, title: project.title }], people: [] };
        await this.mail(actor, actor, toUserId, handed, message, `project:${project.id}:${now}`, tx);
      }
    });
    return undefined;
  }

  async problem(actor: CurrentUser, userId: number | null, current: number | null): Promise<FieldProblem | undefined> {
    if (userId === null || userId === current) return undefined;
    const staff = await this.deps.users.activeStaff(actor.organisationId);
    return staff.some((s) => s.id === userId) ? undefined : { field: 'contactUserId', key: 'handover.errors.contact' };
  }

  async assign(
    actor: CurrentUser,
    representativeId: number,
    from: number | null,
    to: number | null,
    tx: Tx,
  ): Promise<void> {
    if (from === to) return;
    const now = this.deps.clock.now().toISO()!;
    await this.deps.handovers.setContactPerson(actor.organisationId, representativeId, to, tx);
    await this.deps.audit.byUser(
      actor,
      'representative.handed_over',
      { type: 'representative', id: representativeId },
      { from, to },
      tx,
    );
    if (to !== null && to !== actor.id) {
      const handed = { projects: [], people: [representativeId] };
      await this.mail(actor, actor, to, handed, '', `person:${representativeId}:${now}`, tx);
    }
  }

  async assignMany(
    actor: CurrentUser,
    people: Array<{ id: number; from: number | null }>,
    to: number,
    tx: Tx,
  ): Promise<void> {
    const moving = people.filter((p) => p.from !== to);
    if (!moving.length) return;
    const now = this.deps.clock.now().toISO()!;
    const ids = moving.map((p) => p.id);
    await this.deps.handovers.moveContactPerson(actor.organisationId, ids, to, tx);
    await this.deps.audit.byUserMany(
      actor,
      'representative.handed_over',
      moving.map((p) => ({ entity: { type: 'representative', id: p.id }, details: { from: p.from, to } })),
      tx,
    );
    // one e-mail for the whole change, however many people it moved
    if (to !== actor.id) await this.mail(actor, actor, to, { projects: [], people: ids }, '', `people:${now}`, tx);
  }

  /**
   * The colleague's one e-mail: project titles and how many people, in the colleague's language; never a
   * representative's name or anything about their health (the e-mail leaves the system).
   */
  private async mail(
    actor: CurrentUser,
    from: { id: number; name: string },
    toUserId: number,
    handed: Handed,
    message: string,
    key: string,
    tx: Tx,
  ): Promise<void> {
    const to = await this.deps.users.details(actor.organisationId, toUserId, tx);
    if (!to) return;
    const t = translator(to.locale);
    const organisation = await this.deps.organisations.name(actor.organisationId, tx);
    const mail = handoverEmail(t, {
      locale: to.locale,
      to,
      actor,
      from,
      handed,
      message,
      organisation,
      baseUrl: this.deps.baseUrl,
    });
    await this.deps.outbox.enqueue(tx, {
      organisationId: actor.organisationId,
      kind: 'handover',
      dedupeKey: `handover:${key}:${to.id}`,
      to: to.email,
      userId: to.id,
      ...mail,
    });
  }
}
