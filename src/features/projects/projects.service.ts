import { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Skill } from '../skills/skills.model.js';
import type { Contact, Unit } from '../units/units.model.js';
import type { CurrentUser, UserAccounts } from '../users/users.types.js';
import type { MatchingService } from '../matching/matching.service.js';
import type {
  Meeting,
  Phase,
  Project,
  ProjectFilter,
  ProjectInput,
  Requirement,
  TeamMember,
} from './projects.model.js';
import type { MeetingNotifier } from './meeting-notifier.js';
import type { ProjectsRepository } from './projects.repository.js';

export interface ProjectPage {
  project: Project;
  requirements: Requirement[];
  meetings: Meeting[];
  team: TeamMember[];
  phaseHistory: Awaited<ReturnType<ProjectsRepository['phaseHistory']>>;
}

/** What a project's form offers of the units feature: the organisation's units and contacts. */
export interface ProjectUnits {
  units(organisationId: number): Promise<Unit[]>;
  contacts(organisationId: number): Promise<Contact[]>;
}

export interface ProjectsServiceDeps {
  transact: Transact;
  projects: ProjectsRepository;
  /** The organisation's units and contacts, for the form and to check what was chosen (the units feature). */
  units: ProjectUnits;
  /** The facilitators a project may name (the users feature). */
  users: Pick<UserAccounts, 'list'>;
  /** The skill a requirement names (the skills feature). */
  skills: { find(organisationId: number, id: number): Promise<Skill | undefined> };
  /** Decides who may be shortlisted (the matching feature). */
  matching: MatchingService;
  audit: AuditService;
  clock: Clock;
  /** Tells the team of a moved or cancelled meeting (the invitations feature); prepared before a transaction. */
  meetingNotifier: MeetingNotifier;
  /**
   * Told of a move to evaluating, in the phase change's transaction (the surveys feature asks everyone who took
   * part how it was); what it returns comes back to the caller.
   */
  evaluation?: {
    projectEvaluating(
      actor: CurrentUser,
      projectId: number,
      tx: Tx,
    ): Promise<{ asked: number; unreachable: number; nobody?: boolean } | undefined>;
  };
}

/** Projects, their requirements, meetings and phases, and shortlisting representatives to them. */
export class ProjectsService {
  private readonly transact: Transact;
  private readonly projects: ProjectsRepository;
  private readonly units: ProjectUnits;
  private readonly users: ProjectsServiceDeps['users'];
  private readonly skills: ProjectsServiceDeps['skills'];
  private readonly matching: MatchingService;
  private readonly audit: AuditService;
  private readonly clock: Clock;
  private readonly meetingNotifier: MeetingNotifier;
  private readonly evaluation: ProjectsServiceDeps['evaluation'];

  constructor(deps: ProjectsServiceDeps) {
    this.transact = deps.transact;
    this.projects = deps.projects;
    this.units = deps.units;
    this.users = deps.users;
    this.skills = deps.skills;
    this.matching = deps.matching;
    this.audit = deps.audit;
    this.clock = deps.clock;
    this.meetingNotifier = deps.meetingNotifier;
    this.evaluation = deps.evaluation;
  }

  list(actor: CurrentUser, filter: ProjectFilter): Promise<Project[]> {
    return this.projects.list(actor.organisationId, filter);
  }

  async get(actor: CurrentUser, id: number): Promise<Project> {
    const project = await this.projects.find(actor.organisationId, id);
    if (!project) throw notFound();
    return project;
  }

  async page(actor: CurrentUser, id: number): Promise<ProjectPage> {
    const project = await this.get(actor, id);
    const [requirements, meetings, team, phaseHistory] = await Promise.all([
      this.projects.requirements(id),
      this.projects.meetings(actor.organisationId, id),
      this.projects.team(actor.organisationId, id),
      this.projects.phaseHistory(actor.organisationId, id),
    ]);
    return { project, requirements, meetings, team, phaseHistory };
  }

  /** The organisation's own units, contacts and facilitators, for the form and to check what was chosen. */
  async choices(actor: CurrentUser) {
    const [units, contacts, users] = await Promise.all([
      this.units.units(actor.organisationId),
      this.units.contacts(actor.organisationId),
      this.users.list(actor.organisationId),
    ]);
    return { units, contacts, facilitators: users.filter((u) => u.active && u.role !== 'supervisor') };
  }

  private async checkReferences(actor: CurrentUser, input: ProjectInput): Promise<FieldProblem | undefined> {
    const { units, contacts, facilitators } = await this.choices(actor);
    if (input.unitId && !units.some((u) => u.id === input.unitId))
      return { field: 'unitId', key: 'projects.errors.unitUnknown' };
    if (input.ownerContactId && !contacts.some((c) => c.id === input.ownerContactId))
      return { field: 'ownerContactId', key: 'projects.errors.contactUnknown' };
    if (input.facilitatorUserId && !facilitators.some((f) => f.id === input.facilitatorUserId)) {
      return { field: 'facilitatorUserId', key: 'projects.errors.facilitatorUnknown' };
    }
    return undefined;
  }

  async create(actor: CurrentUser, input: ProjectInput): Promise<number | FieldProblem> {
    const problem = await this.checkReferences(actor, input);
    if (problem) return problem;
    const now = this.clock.now().toISO()!;
    return this.transact(async (tx) => {
      const id = await this.projects.create(actor.organisationId, input, now, tx);
      await this.projects.setPhase(actor.organisationId, id, null, 'idea', actor.id, now, tx);
      await this.audit.byUser(actor, 'project.created', { type: 'project', id }, {}, tx);
      return id;
    });
  }

  async update(actor: CurrentUser, id: number, input: ProjectInput): Promise<FieldProblem | undefined> {
    await this.get(actor, id);
    const problem = await this.checkReferences(actor, input);
    if (problem) return problem;
    const meetings = await this.projects.meetings(actor.organisationId, id);
    if (meetings.some((m) => !this.withinPeriod(m.startsAt, m.endsAt, input, actor.timeZone)))
      return { field: 'startsOn', key: 'projects.errors.periodExcludesMeetings' };
    await this.projects.update(actor.organisationId, id, input, this.clock.now().toISO()!);
    await this.audit.byUser(actor, 'project.updated', { type: 'project', id });
    return undefined;
  }

  /** Moves a project to another phase; on a move to evaluating, what the survey of the team came to. */
  async changePhase(
    actor: CurrentUser,
    id: number,
    to: Phase,
  ): Promise<{ asked: number; unreachable: number; nobody?: boolean } | undefined> {
    const project = await this.get(actor, id);
    if (project.phase === to) return undefined;
    return this.transact(async (tx) => {
      await this.projects.setPhase(
        actor.organisationId,
        id,
        project.phase,
        to,
        actor.id,
        this.clock.now().toISO()!,
        tx,
      );
      await this.audit.byUser(actor, 'project.phase_changed', { type: 'project', id }, { from: project.phase, to }, tx);
      if (to !== 'evaluating' || !this.evaluation) return undefined;
      return this.evaluation.projectEvaluating(actor, id, tx);
    });
  }

  async setRequirement(
    actor: CurrentUser,
    id: number,
    req: { skillId: number; must: boolean; minLevel: number },
  ): Promise<FieldProblem | undefined> {
    await this.get(actor, id);
    const skill = await this.skills.find(actor.organisationId, req.skillId);
    if (!skill || skill.archived) return { field: 'skillId', key: 'projects.errors.skillUnknown' };
    await this.projects.setRequirement(id, req);
    await this.audit.byUser(
      actor,
      'project.requirement_set',
      { type: 'project', id },
      {
        skillId: req.skillId,
        must: req.must,
        minLevel: req.minLevel,
      },
    );
    return undefined;
  }

  async removeRequirement(actor: CurrentUser, id: number, skillId: number): Promise<void> {
    await this.get(actor, id);
    await this.projects.removeRequirement(id, skillId);
    await this.audit.byUser(actor, 'project.requirement_removed', { type: 'project', id }, { skillId });
  }

  private withinPeriod(
    startsAt: string,
    endsAt: string,
    period: { startsOn: string | null; endsOn: string | null },
    zone: string,
  ): boolean {
    const startDay = DateTime.fromISO(startsAt, { zone: 'utc' }).setZone(zone).toISODate()!;
    const endDay = DateTime.fromISO(endsAt, { zone: 'utc' }).setZone(zone).toISODate()!;
    return (!period.startsOn || startDay >= period.startsOn) && (!period.endsOn || endDay <= period.endsOn);
  }

  /** Adds a meeting; the day and times are read in the organisation's time zone and stored as UTC instants. */
  async addMeeting(
    actor: CurrentUser,
    id: number,
    input: { date: string; startTime: string; endTime: string; place: string; onlineLink: string; agenda: string },
  ): Promise<FieldProblem | undefined> {
    const project = await this.get(actor, id);
    const start = DateTime.fromISO(`${input.date}T${input.startTime}`, { zone: actor.timeZone });
    const end = DateTime.fromISO(`${input.date}T${input.endTime}`, { zone: actor.timeZone });
    if (!start.isValid || !end.isValid) return { field: 'date', key: 'projects.errors.dateInvalid' };
    if (end <= start) return { field: 'endTime', key: 'projects.errors.meetingEndsBeforeStart' };
    const startsAt = start.toUTC().toISO();
    const endsAt = end.toUTC().toISO();
    if (!this.withinPeriod(startsAt, endsAt, project, actor.timeZone))
      return { field: 'date', key: 'projects.errors.meetingOutsidePeriod' };
    const meetingId = await this.projects.addMeeting(actor.organisationId, id, {
      startsAt,
      endsAt,
      place: input.place,
      onlineLink: input.onlineLink,
      agenda: input.agenda,
    });
    await this.audit.byUser(actor, 'project.meeting_added', { type: 'project', id }, { meetingId });
    return undefined;
  }

  /** Cancels a meeting: the team gets a cancelling calendar entry (same UID, higher SEQUENCE), then it is removed. */
  async removeMeeting(actor: CurrentUser, id: number, meetingId: number): Promise<void> {
    await this.get(actor, id);
    const meeting = await this.projects.meeting(actor.organisationId, id, meetingId);
    if (!meeting) throw notFound();
    const notify = await this.meetingNotifier.prepare(actor.organisationId, id);
    await this.transact(async (tx) => {
      await notify(tx, { ...meeting, sequence: meeting.sequence + 1 }, 'cancelled');
      await this.projects.removeMeeting(actor.organisationId, id, meetingId, tx);
      await this.audit.byUser(actor, 'project.meeting_removed', { type: 'project', id }, { meetingId }, tx);
    });
  }

  /** What cancelling a meeting would do, for the page that asks first: the meeting, and who is told how. */
  async cancellation(actor: CurrentUser, id: number, meetingId: number) {
    const project = await this.get(actor, id);
    const meeting = await this.getMeeting(actor, id, meetingId);
    const recipients = await this.meetingNotifier.recipients(actor.organisationId, id);
    return { project, meeting, ...recipients };
  }

  async getMeeting(actor: CurrentUser, id: number, meetingId: number): Promise<Meeting> {
    await this.get(actor, id);
    const meeting = await this.projects.meeting(actor.organisationId, id, meetingId);
    if (!meeting) throw notFound();
    return meeting;
  }

  /** Moves or changes a meeting; the team gets an updated calendar entry (same UID, higher SEQUENCE). */
  async moveMeeting(
    actor: CurrentUser,
    id: number,
    meetingId: number,
    input: { date: string; startTime: string; endTime: string; place: string; onlineLink: string; agenda: string },
  ): Promise<FieldProblem | undefined> {
    const project = await this.get(actor, id);
    const meeting = await this.getMeeting(actor, id, meetingId);
    const start = DateTime.fromISO(`${input.date}T${input.startTime}`, { zone: actor.timeZone });
    const end = DateTime.fromISO(`${input.date}T${input.endTime}`, { zone: actor.timeZone });
    if (!start.isValid || !end.isValid) return { field: 'date', key: 'projects.errors.dateInvalid' };
    if (end <= start) return { field: 'endTime', key: 'projects.errors.meetingEndsBeforeStart' };
    const values = {
      startsAt: start.toUTC().toISO(),
      endsAt: end.toUTC().toISO(),
      place: input.place,
      onlineLink: input.onlineLink,
      agenda: input.agenda,
    };
    if (!this.withinPeriod(values.startsAt, values.endsAt, project, actor.timeZone))
      return { field: 'date', key: 'projects.errors.meetingOutsidePeriod' };
    const notify = await this.meetingNotifier.prepare(actor.organisationId, id);
    await this.transact(async (tx) => {
      await this.projects.updateMeeting(actor.organisationId, id, meetingId, values, tx);
      await notify(tx, { ...meeting, ...values, sequence: meeting.sequence + 1 }, 'moved');
      await this.audit.byUser(actor, 'project.meeting_moved', { type: 'project', id }, { meetingId }, tx);
    });
    return undefined;
  }

  /** Shortlists a candidate (a draft invitation, sent later); refused for anyone the matching excludes. */
  async shortlist(actor: CurrentUser, id: number, representativeId: number): Promise<FieldProblem | undefined> {
    const { result } = await this.matching.matches(actor, id);
    if (!result.ranked.some((r) => r.id === representativeId))
      return { field: 'representativeId', key: 'matching.errors.notCandidate' };
    const added = await this.projects.shortlist(
      actor.organisationId,
      id,
      representativeId,
      actor.id,
      this.clock.now().toISO()!,
    );
    if (added) await this.audit.byUser(actor, 'project.shortlisted', { type: 'project', id }, { representativeId });
    return undefined;
  }

  async unshortlist(actor: CurrentUser, id: number, representativeId: number): Promise<void> {
    await this.get(actor, id);
    if (await this.projects.unshortlist(actor.organisationId, id, representativeId)) {
      await this.audit.byUser(actor, 'project.unshortlisted', { type: 'project', id }, { representativeId });
    }
  }
}
