import { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ProjectInvitations } from '../invitations/invitations.model.js';
import type { Project, ProjectCatalog } from '../projects/projects.model.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import type { CurrentUser } from '../users/users.types.js';
import { computeHonorarium } from './honorarium.js';
import type { HonorariumRulesService } from './honorarium-rules.service.js';
import { paidAmountsOf, type PaidAmounts } from './payment-corrections.js';
import type { PaymentCorrections } from './payments.service.js';
import type { Activity, Involvement, InvolvementInput } from './involvement.model.js';
import type { InvolvementRepository } from './involvement.repository.js';

/** The shared part of an attendance form and each person's part. */
export interface AttendanceInput {
  activity: Activity;
  minutes: number;
  preparationMinutes: number;
  levelDelivered: string;
  people: Array<{
    representativeId: number;
    attended: boolean;
    inPerson: boolean;
    asPartOfPaidJob: boolean;
    paymentDeclined: boolean;
    travelCostOre: number;
  }>;
}

export type EntryInput = Omit<
  InvolvementInput,
  'honorariumOre' | 'honorariumRuleVersion' | 'paidMinutes' | 'meetingId'
>;

export interface InvolvementServiceDeps {
  transact: Transact;
  involvement: InvolvementRepository;
  /** The project and its meetings (the projects feature). */
  projects: Pick<ProjectCatalog, 'find' | 'meeting' | 'meetings'>;
  /** The project's team (the invitations feature). */
  invitations: ProjectInvitations;
  /** The honorarium rules valid on a date, and the corrections a change makes to a downloaded period. */
  rules: HonorariumRulesService;
  corrections: PaymentCorrections;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
}

/**
 * The involvement log: attendance per meeting for the whole team in one form, single entries for other
 * activities, edits and deletions (audited), each with its honorarium computed by the rules valid on its activity
 * date (whenever it is saved) and stored with the rules' version; a change to an amount in a period already
 * downloaded is recorded as a correction. Every change bumps the roster version: matching reads fairness and rest
 * from it.
 */
export class InvolvementService {
  private readonly transact: Transact;
  private readonly involvement: InvolvementRepository;
  private readonly projects: InvolvementServiceDeps['projects'];
  private readonly invitations: ProjectInvitations;
  private readonly rules: HonorariumRulesService;
  private readonly corrections: PaymentCorrections;
  private readonly audit: AuditService;
  private readonly versions: RosterVersions;
  private readonly clock: Clock;

  constructor(deps: InvolvementServiceDeps) {
    this.transact = deps.transact;
    this.involvement = deps.involvement;
    this.projects = deps.projects;
    this.invitations = deps.invitations;
    this.rules = deps.rules;
    this.corrections = deps.corrections;
    this.audit = deps.audit;
    this.versions = deps.versions;
    this.clock = deps.clock;
  }

  private async project(actor: CurrentUser, projectId: number): Promise<Project> {
    const project = await this.projects.find(actor.organisationId, projectId);
    if (!project) throw notFound();
    return project;
  }

  /** The people who can be logged for a project: its team (accepted), and anyone already logged. */
  async team(actor: CurrentUser, projectId: number, logged: Involvement[] = []) {
    const invitations = await this.invitations.forProject(actor.organisationId, projectId);
    const people = new Map<number, { representativeId: number; name: string }>();
    for (const i of invitations) {
      if (i.status === 'accepted')
        people.set(i.representativeId, { representativeId: i.representativeId, name: i.name });
    }
    for (const e of logged) people.set(e.representativeId, { representativeId: e.representativeId, name: e.name });
    return [...people.values()];
  }

  async attendance(actor: CurrentUser, projectId: number, meetingId: number) {
    const project = await this.project(actor, projectId);
    const meeting = await this.projects.meeting(actor.organisationId, projectId, meetingId);
    if (!meeting) throw notFound();
    const occurredOn = DateTime.fromISO(meeting.startsAt, { zone: 'utc' }).setZone(actor.timeZone).toISODate()!;
    const [logged, rules] = await Promise.all([
      this.involvement.forMeeting(actor.organisationId, meetingId),
      // the rules valid on the meeting's day, whatever day the attendance is saved
      this.rules.rulesOn(actor.organisationId, occurredOn),
    ]);
    const team = await this.team(actor, projectId, logged);
    return { project, meeting, occurredOn, logged, team, rules };
  }

  /** Logs (or updates) the involvement of everyone on the form for one meeting, in one transaction. */
  async logAttendance(
    actor: CurrentUser,
    projectId: number,
    meetingId: number,
    input: AttendanceInput,
  ): Promise<FieldProblem | undefined> {
    const { meeting, occurredOn, logged, team, rules } = await this.attendance(actor, projectId, meetingId);
    const allowed = new Set(team.map((p) => p.representativeId));
    if (input.people.some((p) => !allowed.has(p.representativeId))) throw notFound();
    if (input.people.some((p) => p.attended) && Date.parse(meeting.startsAt) > this.clock.now().toMillis()) {
      return { field: 'form', key: 'involvement.errors.futureMeeting' };
    }
    const now = this.clock.now().toISO()!;
    const before = new Map(logged.map((e) => [e.representativeId, e]));
    await this.transact(async (tx) => {
      const changes: Array<{ before?: PaidAmounts; after: PaidAmounts }> = [];
      for (const person of input.people) {
        const facts = {
          attended: person.attended,
          inPerson: person.inPerson,
          asPartOfPaidJob: person.asPartOfPaidJob,
          paymentDeclined: person.paymentDeclined,
          minutes: person.attended ? input.minutes : 0,
          preparationMinutes: person.attended ? input.preparationMinutes : 0,
        };
        const honorarium = computeHonorarium(facts, rules);
        const entry: InvolvementInput = {
          representativeId: person.representativeId,
          meetingId,
          occurredOn,
          activity: input.activity,
          levelDelivered: input.levelDelivered,
          ...facts,
          travelCostOre: person.attended ? person.travelCostOre : 0,
          honorariumOre: honorarium.ore,
          honorariumRuleVersion: honorarium.ruleVersion,
          paidMinutes: honorarium.paidMinutes,
          note: '',
        };
        const existing = await this.involvement.idAtMeeting(meetingId, person.representativeId, tx);
        if (existing) await this.involvement.update(actor.organisationId, existing, entry, actor.id, now, tx);
        else await this.involvement.insert(actor.organisationId, projectId, entry, actor.id, now, tx);
        const was = before.get(person.representativeId);
        changes.push({ before: was && paidAmountsOf(was), after: paidAmountsOf(entry) });
      }
      await this.corrections.record(actor, changes, now, tx);
      await this.versions.bump(actor.organisationId, tx);
      await this.audit.byUser(
        actor,
        'involvement.attendance_logged',
        { type: 'project', id: projectId },
        { meetingId, people: input.people.length },
        tx,
      );
    });
    return undefined;
  }

  async list(actor: CurrentUser, projectId: number) {
    const project = await this.project(actor, projectId);
    const today = this.clock.now().setZone(actor.timeZone).toISODate()!;
    const [entries, meetings, rules] = await Promise.all([
      this.involvement.forProject(actor.organisationId, projectId),
      this.projects.meetings(actor.organisationId, projectId),
      this.rules.rulesOn(actor.organisationId, today),
    ]);
    const team = await this.team(actor, projectId, entries);
    return { project, entries, meetings, team, rules };
  }

  async get(actor: CurrentUser, projectId: number, id: number): Promise<Involvement> {
    const entry = await this.involvement.find(actor.organisationId, id);
    if (!entry || entry.projectId !== projectId) throw notFound();
    return entry;
  }

  private async checkEntry(
    actor: CurrentUser,
    projectId: number,
    input: EntryInput,
  ): Promise<FieldProblem | undefined> {
    const team = await this.team(actor, projectId, await this.involvement.forProject(actor.organisationId, projectId));
    if (!team.some((p) => p.representativeId === input.representativeId)) {
      return { field: 'representativeId', key: 'involvement.errors.notOnTeam' };
    }
    const today = this.clock.now().setZone(actor.timeZone).toISODate()!;
    if (input.attended && input.occurredOn > today)
      return { field: 'occurredOn', key: 'involvement.errors.futureDate' };
    return undefined;
  }

  private async priced(actor: CurrentUser, input: EntryInput, meetingId: number | null): Promise<InvolvementInput> {
    // the rules valid on the activity date, whatever day the entry is saved or edited
    const rules = await this.rules.rulesOn(actor.organisationId, input.occurredOn);
    const honorarium = computeHonorarium(input, rules);
    return {
      ...input,
      meetingId,
      honorariumOre: honorarium.ore,
      honorariumRuleVersion: honorarium.ruleVersion,
      paidMinutes: honorarium.paidMinutes,
    };
  }

  /** A single entry for an activity outside the meetings (a document review, an interview, …). */
  async addEntry(actor: CurrentUser, projectId: number, input: EntryInput): Promise<FieldProblem | undefined> {
    await this.project(actor, projectId);
    const problem = await this.checkEntry(actor, projectId, input);
    if (problem) return problem;
    const entry = await this.priced(actor, input, null);
    const now = this.clock.now().toISO()!;
    await this.transact(async (tx) => {
      const id = await this.involvement.insert(actor.organisationId, projectId, entry, actor.id, now, tx);
      await this.corrections.record(actor, [{ after: paidAmountsOf(entry) }], now, tx);
      await this.versions.bump(actor.organisationId, tx);
      await this.audit.byUser(actor, 'involvement.added', { type: 'involvement', id }, { projectId }, tx);
    });
    return undefined;
  }

  async updateEntry(
    actor: CurrentUser,
    projectId: number,
    id: number,
    input: EntryInput,
  ): Promise<FieldProblem | undefined> {
    const current = await this.get(actor, projectId, id);
    const problem = await this.checkEntry(actor, projectId, input);
    if (problem) return problem;
    const entry = await this.priced(actor, input, current.meetingId);
    const now = this.clock.now().toISO()!;
    await this.transact(async (tx) => {
      await this.involvement.update(actor.organisationId, id, entry, actor.id, now, tx);
      await this.corrections.record(actor, [{ before: paidAmountsOf(current), after: paidAmountsOf(entry) }], now, tx);
      await this.versions.bump(actor.organisationId, tx);
      await this.audit.byUser(actor, 'involvement.updated', { type: 'involvement', id }, { projectId }, tx);
    });
    return undefined;
  }

  async deleteEntry(actor: CurrentUser, projectId: number, id: number): Promise<void> {
    const entry = await this.get(actor, projectId, id);
    const now = this.clock.now().toISO()!;
    await this.transact(async (tx) => {
      await this.involvement.delete(actor.organisationId, id, tx);
      await this.corrections.record(actor, [{ before: paidAmountsOf(entry) }], now, tx);
      await this.versions.bump(actor.organisationId, tx);
      await this.audit.byUser(actor, 'involvement.deleted', { type: 'involvement', id }, { projectId }, tx);
    });
  }

  history(actor: CurrentUser, representativeId: number) {
    return this.involvement.forRepresentative(actor.organisationId, representativeId);
  }
}
