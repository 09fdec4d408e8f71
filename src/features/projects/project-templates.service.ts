import { randomUUID } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import {
  MAX_SERIES_MEETINGS,
  addDays,
  daysBetween,
  seriesMeetings,
  shiftAnchor,
  shiftMeetings,
  withinPeriod,
  type SeriesProblem,
} from './meeting-dates.js';
import type { MeetingNotifier } from './meeting-notifier.js';
import type { Meeting, Phase, Project, ProjectCatalog, ProjectInput } from './projects.model.js';
import type { ProjectsRepository } from './projects.repository.js';
import type { ProjectsService } from './projects.service.js';
import type { CopyInput } from './project-templates.schema.js';
import type { NewMeeting, ProjectTemplatesRepository } from './project-templates.repository.js';

/**
 * The phase a copy starts in. Planning, not idea: a copy arrives with its purpose, requirements, seats and meetings
 * already decided, which is what a project in planning has; it has no team and no invitations yet, so it is not
 * running. (The idea phase is for a project whose shape is still open.)
 */
export const COPY_PHASE: Phase = 'planning';

/** A meeting to add, on the organisation's wall clock, and how it repeats (no interval: a single meeting). */
export interface SeriesInput {
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  onlineLink: string;
  agenda: string;
  everyWeeks: number;
  until: string | null;
}

export interface ProjectTemplatesServiceDeps {
  transact: Transact;
  /** The source project, its meetings and requirements, and the copy's phase history. */
  projects: Pick<ProjectCatalog, 'find' | 'meetings'> & Pick<ProjectsRepository, 'setPhase' | 'removeMeeting'>;
  templates: ProjectTemplatesRepository;
  /** The facilitators a project may name. */
  choices: Pick<ProjectsService, 'choices'>;
  audit: AuditService;
  clock: Clock;
  /** Tells the team of cancelled meetings, as a single cancellation does (the invitations feature). */
  meetingNotifier: MeetingNotifier;
}

const SERIES_PROBLEMS: Record<SeriesProblem, { field: string; key: string }> = {
  noEnd: { field: 'repeatUntil', key: 'projectTemplates.errors.noEnd' },
  endBeforeStart: { field: 'repeatUntil', key: 'projectTemplates.errors.untilBeforeStart' },
  tooMany: { field: 'repeatUntil', key: 'projectTemplates.errors.tooMany' },
  weeksInvalid: { field: 'repeatWeeks', key: 'projectTemplates.errors.weeksInvalid' },
  timeInvalid: { field: 'endTime', key: 'projects.errors.meetingEndsBeforeStart' },
};

/** Projects that start from a template: copying a project to a new period, and recurring series of meetings. */
export class ProjectTemplatesService {
  private readonly transact: Transact;
  private readonly projects: ProjectTemplatesServiceDeps['projects'];
  private readonly templates: ProjectTemplatesRepository;
  private readonly choices: ProjectTemplatesServiceDeps['choices'];
  private readonly audit: AuditService;
  private readonly clock: Clock;
  private readonly meetingNotifier: MeetingNotifier;

  constructor(deps: ProjectTemplatesServiceDeps) {
    this.transact = deps.transact;
    this.projects = deps.projects;
    this.templates = deps.templates;
    this.choices = deps.choices;
    this.audit = deps.audit;
    this.clock = deps.clock;
    this.meetingNotifier = deps.meetingNotifier;
  }

  private async source(actor: CurrentUser, id: number): Promise<Project> {
    // another organisation's project is not found, as everywhere
    const project = await this.projects.find(actor.organisationId, id);
    if (!project) throw notFound();
    return project;
  }

  /** The meetings a copy takes along: those not cancelled. */
  private async liveMeetings(actor: CurrentUser, id: number): Promise<Meeting[]> {
    return (await this.projects.meetings(actor.organisationId, id)).filter((m) => !m.cancelledAt);
  }

  /** What the copy form shows: the source, what will be copied, and the facilitators to choose from. */
  async copyForm(actor: CurrentUser, id: number) {
    const project = await this.source(actor, id);
    const [meetings, requirements, { facilitators }] = await Promise.all([
      this.liveMeetings(actor, id),
      this.templates.copyableRequirements(id),
      this.choices.choices(actor),
    ]);
    return {
      project,
      meetings,
      requirements,
      facilitators,
      // the day the meetings are shifted from: the start date, or else the first meeting's day (in the zone)
      anchor: shiftAnchor(project.startsOn, meetings, actor.timeZone),
      phase: COPY_PHASE,
    };
  }

  /**
   * Copies a project to a new start date: its description, settings, unit and requirements, and its meetings moved
   * by as many days as the start date moves (each at the same local time). Not the team, invitations, involvement,
   * impacts, owner or phase history. Returns the copy's id, or why the period cannot hold it.
   */
  async copy(actor: CurrentUser, id: number, input: CopyInput): Promise<number | FieldProblem> {
    const zone = actor.timeZone;
    const { project: source, meetings, anchor, facilitators } = await this.copyForm(actor, id);
    if (input.facilitatorUserId && !facilitators.some((f) => f.id === input.facilitatorUserId))
      return { field: 'facilitatorUserId', key: 'projects.errors.facilitatorUnknown' };
    const days = anchor ? daysBetween(anchor, input.startsOn) : 0;
    // with nothing to shift from (no start date, no meetings), the old end date says nothing about the new period
    const endsOn = input.endsOn ?? (source.endsOn && anchor ? addDays(source.endsOn, days) : null);
    if (endsOn && endsOn < input.startsOn) return { field: 'endsOn', key: 'projects.errors.endsBeforeStart' };
    const period = { startsOn: input.startsOn, endsOn };
    const shifted = shiftMeetings(meetings, days, zone);
    if (shifted.some((m) => !withinPeriod(m, period, zone)))
      return { field: 'endsOn', key: 'projectTemplates.errors.meetingsOutside' };
    // a series stays a series in the copy, under a new id of its own
    const seriesIds = new Map<string, string>();
    const newMeetings: NewMeeting[] = shifted.map((m) => {
      if (m.seriesId && !seriesIds.has(m.seriesId)) seriesIds.set(m.seriesId, randomUUID());
      return {
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        place: m.place,
        onlineLink: m.onlineLink,
        agenda: m.agenda,
        seriesId: m.seriesId ? seriesIds.get(m.seriesId)! : null,
        seriesEveryWeeks: m.seriesId ? (m.seriesEveryWeeks ?? null) : null,
      };
    });
    const now = this.clock.now().toISO()!;
    const copyInput: ProjectInput = {
      title: input.title,
      purpose: source.purpose,
      whatMatters: source.whatMatters,
      unitId: source.unitId,
      ownerContactId: null,
      facilitatorUserId: input.facilitatorUserId,
      targetLevel: source.targetLevel,
      seats: source.seats,
      startsOn: input.startsOn,
      endsOn,
      location: source.location,
      online: source.online,
      workingLanguages: source.workingLanguages,
      sensitiveTopic: source.sensitiveTopic,
      honorariumApplies: source.honorariumApplies,
    };
    return this.transact(async (tx) => {
      const copyId = await this.templates.createCopy(actor.organisationId, copyInput, source.id, now, tx);
      await this.projects.setPhase(actor.organisationId, copyId, null, COPY_PHASE, actor.id, now, tx);
      const requirements = await this.templates.copyRequirements(source.id, copyId, tx);
      await this.templates.addMeetings(actor.organisationId, copyId, newMeetings, tx);
      await this.audit.byUser(
        actor,
        'project.created',
        { type: 'project', id: copyId },
        { copiedFromProjectId: source.id, requirements, meetings: newMeetings.length, shiftedDays: days },
        tx,
      );
      return copyId;
    });
  }

  /**
   * Adds a recurring series of meetings (every N weeks until a day, at the same local time) in one transaction,
   * all sharing one series id; refused as a whole when it has no end, ends before it starts, makes more than
   * MAX_SERIES_MEETINGS meetings or runs outside the project's period.
   */
  async addSeries(actor: CurrentUser, id: number, input: SeriesInput): Promise<FieldProblem | undefined> {
    const project = await this.source(actor, id);
    const result = seriesMeetings(input, actor.timeZone);
    if (!result.ok) {
      const problem = SERIES_PROBLEMS[result.problem];
      return result.problem === 'tooMany'
        ? { ...problem, params: { count: result.count!, max: MAX_SERIES_MEETINGS } }
        : problem;
    }
    const [first] = result.meetings;
    if (!withinPeriod(first!, project, actor.timeZone))
      return { field: 'date', key: 'projects.errors.meetingOutsidePeriod' };
    if (result.meetings.some((m) => !withinPeriod(m, project, actor.timeZone)))
      return { field: 'repeatUntil', key: 'projectTemplates.errors.seriesOutsidePeriod' };
    const seriesId = randomUUID();
    await this.transact(async (tx) => {
      const ids = await this.templates.addMeetings(
        actor.organisationId,
        id,
        result.meetings.map((m) => ({
          ...m,
          place: input.place,
          onlineLink: input.onlineLink,
          agenda: input.agenda,
          seriesId,
          seriesEveryWeeks: input.everyWeeks,
        })),
        tx,
      );
      await this.audit.byUser(
        actor,
        'project.meeting_series_added',
        { type: 'project', id },
        { seriesId, everyWeeks: input.everyWeeks, meetings: ids.length, firstMeetingId: ids[0] ?? null },
        tx,
      );
    });
    return undefined;
  }

  /** A meeting of a series and the meetings of that series from it on (itself included), in order. */
  private async restOfSeries(actor: CurrentUser, id: number, meetingId: number) {
    const project = await this.source(actor, id);
    const meetings = await this.liveMeetings(actor, id);
    const meeting = meetings.find((m) => m.id === meetingId);
    if (!meeting?.seriesId) throw notFound();
    const rest = meetings.filter((m) => m.seriesId === meeting.seriesId && m.startsAt >= meeting.startsAt);
    return { project, meeting, rest };
  }

  /** What cancelling a meeting and the later ones of its series would do, for the page that asks first. */
  async seriesCancellation(actor: CurrentUser, id: number, meetingId: number) {
    const { project, meeting, rest } = await this.restOfSeries(actor, id, meetingId);
    const recipients = await this.meetingNotifier.recipients(actor.organisationId, id);
    return { project, meeting, meetings: rest, ...recipients };
  }

  /**
   * Cancels a meeting and the later meetings of its series in one transaction; the team gets a cancelling calendar
   * entry for each (same UID, higher SEQUENCE), exactly as when one meeting is cancelled. Returns how many.
   */
  async cancelRestOfSeries(actor: CurrentUser, id: number, meetingId: number): Promise<number> {
    const { meeting, rest } = await this.restOfSeries(actor, id, meetingId);
    const notify = await this.meetingNotifier.prepare(actor.organisationId, id);
    await this.transact(async (tx) => {
      for (const m of rest) {
        await notify(tx, { ...m, sequence: m.sequence + 1 }, 'cancelled');
        await this.projects.removeMeeting(actor.organisationId, id, m.id, tx);
      }
      await this.audit.byUser(
        actor,
        'project.meeting_series_removed',
        { type: 'project', id },
        { seriesId: meeting.seriesId!, fromMeetingId: meeting.id, meetings: rest.length },
        tx,
      );
    });
    return rest.length;
  }
}
