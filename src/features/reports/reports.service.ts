import { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import { VersionedCache } from '../../lib/versioned-cache.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UnitsService } from '../units/units.service.js';
import type { CurrentUser, UserAccounts } from '../users/users.types.js';
import type { ReportsRepository, Scope } from './reports.repository.js';
import { renderEmail } from '../../lib/email.js';
import { formatDate, translator } from '../../lib/i18n.js';
import { headlineFigures } from './headline.js';
import { busiestTenthShare, medianOfHistogram } from './report-math.js';

export { busiestTenthShare, medianOfHistogram } from './report-math.js';
import { calendarPeriod } from './periods.js';
import { representationSection, voiceSection, type ReportVoice } from './voice-and-representation.js';
import type { SummariesService } from '../summaries/summaries.service.js';

export const PERIODS = ['month', 'quarter', 'year', '12m', 'custom'] as const;
export type PeriodKind = (typeof PERIODS)[number];
/** The longest custom period: five years. */
export const MAX_PERIOD_DAYS = 5 * 366;

export interface ReportRequest {
  period: PeriodKind;
  /** A day inside the month, quarter or year; default today. */
  at?: string;
  from?: string;
  to?: string;
  unitId?: number;
  projectId?: number;
}

/** What a report needs of the projects feature: their titles to choose from, and whether one is the organisation's. */
export interface ReportProjects {
  titles(organisationId: number): Promise<Array<{ id: number; title: string }>>;
  find(organisationId: number, id: number): Promise<object | undefined>;
}

export interface ReportsServiceDeps {
  transact: Transact;
  reports: ReportsRepository;
  organisations: Pick<OrganisationDirectory, 'settings'>;
  units: Pick<UnitsService, 'units'>;
  projects: ReportProjects;
  /** The weekly digest's readers. */
  users: Pick<UserAccounts, 'digestSubscribers'>;
  outbox: OutboxService;
  /** The written summary the weekly digest links to (the latest). */
  summaries: Pick<SummariesService, 'latest'>;
  /** The representatives' survey answers (the surveys feature). */
  voice: ReportVoice;
  clock: Clock;
  baseUrl: string;
}

/**
 * The involvement report: a period in the organisation's time zone (month, quarter, year, the last 12 months or
 * custom), optionally one unit or project; the headline figures with the previous period of the same length,
 * the sections of the issue, and a 12-month trend. Only aggregates and project names: no person is named.
 */
export class ReportsService {
  private readonly cache: VersionedCache;
  private readonly reports: ReportsRepository;
  private readonly clock: Clock;

  constructor(private readonly deps: ReportsServiceDeps) {
    this.reports = deps.reports;
    this.clock = deps.clock;
    // project details do not bump the roster version: a report is served for at most five minutes
    this.cache = new VersionedCache({ capacity: 200, maxAge: { ms: 5 * 60_000, clock: deps.clock } });
  }

  /**
   * The weekly digest (a scheduled job, Monday mornings): last week's headline figures and adopted changes to
   * everyone who asked for it, through the outbox; one per person and week (dedupe key).
   */
  async sendWeeklyDigests(): Promise<number> {
    const { transact, users, outbox, baseUrl } = this.deps;
    let sent = 0;
    for (const user of await users.digestSubscribers()) {
      const zone = user.timeZone;
      const lastWeek = this.clock.now().setZone(zone).minus({ weeks: 1 });
      const from = lastWeek.startOf('week').toISODate()!;
      const to = lastWeek.endOf('week').toISODate()!;
      const actor = { ...user, rosterVersion: 0 };
      const report = await this.compute(actor, { period: 'custom', from, to });
      if (report.problem) continue;
      const t = translator(user.locale);
      const summary = await this.deps.summaries.latest(user.organisationId, zone);
      // the same figures, suppressed the same way, as on the supervisor's dashboard
      const figures = headlineFigures(report, user.role === 'supervisor' ? 'supervisor' : 'staff', t, user.locale);
      const mail = renderEmail(
        {
          locale: user.locale,
          subject: t('email.digest.subject', { from: formatDate(from, user.locale), to: formatDate(to, user.locale) }),
          paragraphs: [
            t('email.greeting', { name: user.name }),
            t('email.digest.intro', { organisation: user.organisationName }),
          ],
          list: [
            ...figures.map((f) => `${t(f.labelKey)}: ${f.value}`),
            ...report.adopted.map((c) => `${t('email.digest.change')}: ${c.project} – ${c.whatChanged}`),
          ],
          action: {
            label: t('email.digest.action'),
            url: `${baseUrl}/reports?${new URLSearchParams({ period: 'custom', from, to })}`,
          },
          after: [
            ...(summary
              ? [
                  t('email.digest.summary', {
                    title: summary.title,
                    url: `${baseUrl}/reports?${new URLSearchParams({ period: summary.period, at: summary.from })}`,
                  }),
                ]
              : []),
            t('email.digest.stop'),
          ],
          signature: t('email.signature', { organisation: user.organisationName }),
        },
        t,
      );
      const id = await transact((tx) =>
        outbox.enqueue(tx, {
          organisationId: user.organisationId,
          kind: 'weekly_digest',
          dedupeKey: `digest:${user.id}:${from}`,
          to: user.email,
          userId: user.id,
          ...mail,
        }),
      );
      if (id !== undefined) sent += 1;
    }
    return sent;
  }

  /** The period's first and last day, or why it is refused. */
  period(request: ReportRequest, zone: string): { from: string; to: string } | FieldProblem {
    const today = this.clock.now().setZone(zone).startOf('day');
    const at = request.at ? DateTime.fromISO(request.at, { zone }) : today;
    if (!at.isValid) return { field: 'at', key: 'reports.errors.date' };
    switch (request.period) {
      case 'month':
      case 'quarter':
      case 'year':
        return calendarPeriod(request.period, at);
      case '12m':
        return { from: at.minus({ months: 12 }).plus({ days: 1 }).toISODate(), to: at.toISODate() };
      default: {
        const from = DateTime.fromISO(request.from ?? '', { zone });
        const to = DateTime.fromISO(request.to ?? '', { zone });
        if (!from.isValid) return { field: 'from', key: 'reports.errors.date' };
        if (!to.isValid) return { field: 'to', key: 'reports.errors.date' };
        if (to < from) return { field: 'to', key: 'reports.errors.order' };
        if (to.diff(from, 'days').days > MAX_PERIOD_DAYS) return { field: 'to', key: 'reports.errors.tooLong' };
        return { from: from.toISODate(), to: to.toISODate() };
      }
    }
  }

  /** The units and projects a report may be limited to. */
  async choices(actor: CurrentUser) {
    const [units, projects] = await Promise.all([
      this.deps.units.units(actor),
      this.deps.projects.titles(actor.organisationId),
    ]);
    return { units, projects };
  }

  private scope(actor: CurrentUser, from: string, to: string, request: ReportRequest, zone: string): Scope {
    return {
      organisationId: actor.organisationId,
      from,
      to,
      fromInstant: DateTime.fromISO(from, { zone }).toUTC().toISO()!,
      toInstant: DateTime.fromISO(to, { zone }).plus({ days: 1 }).toUTC().toISO()!,
      unitId: request.unitId,
      projectId: request.projectId,
    };
  }

  /**
   * The report, cached per organisation, roster version and request: every change to involvement, invitations,
   * impacts and the roster bumps the version, so a cached report is never older than the data it counts (project
   * details, which do not bump it, show within five minutes).
   */
  async build(actor: CurrentUser, request: ReportRequest) {
    const scope = { organisationId: actor.organisationId, version: actor.rosterVersion };
    const key = `${this.clock.now().setZone(actor.timeZone).toISODate()}|${JSON.stringify(request)}`;
    // a request the page refuses (a problem) is answered but not kept
    return this.cache.get(
      scope,
      key,
      () => this.compute(actor, request),
      (report) => !report.problem,
    );
  }

  private async compute(actor: CurrentUser, request: ReportRequest) {
    const zone = actor.timeZone;
    const period = this.period(request, zone);
    if ('key' in period) return { problem: period };
    // a unit or project of another organisation is as unknown as one that does not exist
    if (request.unitId && !(await this.deps.units.units(actor)).some((u) => u.id === request.unitId)) {
      throw notFound();
    }
    if (request.projectId && !(await this.deps.projects.find(actor.organisationId, request.projectId))) {
      throw notFound();
    }
    const from = DateTime.fromISO(period.from, { zone });
    const to = DateTime.fromISO(period.to, { zone });
    const days = Math.round(to.diff(from, 'days').days) + 1;
    const previous = { from: from.minus({ days }).toISODate()!, to: from.minus({ days: 1 }).toISODate()! };
    const scope = this.scope(actor, period.from, period.to, request, zone);
    const previousScope = this.scope(actor, previous.from, previous.to, request, zone);
    const settings = await this.deps.organisations.settings(actor.organisationId);
    const trendFrom = to.startOf('month').minus({ months: 11 }).toISODate()!;

    const [
      projects,
      previousProjects,
      previousTotals,
      byActivity,
      { byUnit, depth },
      invitations,
      previousInvitations,
      fillDays,
      minutesPerPerson,
      atCap,
      impacts,
      previousImpacts,
      adopted,
      network,
      recruitment,
      trendRows,
      involvementByProject,
      adoptedByProject,
    ] = await Promise.all([
      this.reports.involvement.projects(scope),
      this.reports.involvement.projects(previousScope),
      this.reports.involvement.totals(previousScope),
      this.reports.involvement.byActivity(scope),
      this.reports.involvement.unitsAndDepth(scope),
      this.reports.invitations.invitationOutcomes(scope),
      this.reports.invitations.invitationOutcomes(previousScope),
      this.reports.invitations.fillDays(scope),
      this.reports.involvement.minutesPerPerson(scope),
      this.reports.invitations.atCap(actor.organisationId, settings.defaultPersonalLoadCap),
      this.reports.impacts.impacts(scope),
      this.reports.impacts.impacts(previousScope),
      this.reports.impacts.adoptedChanges(scope),
      this.reports.network.network(
        actor.organisationId,
        period.to,
        scope.fromInstant,
        scope.toInstant,
        to.minus({ months: 12 }).toISODate()!,
        to.plus({ days: 90 }).toISODate()!,
      ),
      this.reports.network.recruitmentNeeds(scope, this.clock.now().setZone(zone).toISODate()!),
      this.reports.involvement.trend(scope, trendFrom),
      this.reports.involvement.byProject(scope),
      this.reports.impacts.adoptedByProject(scope),
    ]);

    const [voice, representation] = await Promise.all([
      voiceSection(this.deps.voice, scope, days, zone, this.clock.now().toMillis()),
      representationSection(this.reports, scope),
    ]);
    // this period's totals from the figures already grouped: per activity (sums) and per person (people)
    const sum = (key: 'entries' | 'minutes' | 'preparationMinutes' | 'honorariumOre' | 'travelOre') =>
      byActivity.reduce((total, row) => total + row[key], 0);
    const totals = {
      entries: sum('entries'),
      people: minutesPerPerson.length,
      minutes: sum('minutes'),
      preparationMinutes: sum('preparationMinutes'),
      honorariumOre: sum('honorariumOre'),
      travelOre: sum('travelOre'),
    };
    const acceptance = (byStatus: Record<string, number>) => {
      const yes = (byStatus.accepted ?? 0) + (byStatus.waitlisted ?? 0);
      const decided = yes + (byStatus.declined ?? 0) + (byStatus.expired ?? 0);
      return decided ? yes / decided : null;
    };
    const sent = Object.values(invitations.byStatus).reduce((a, b) => a + b, 0);
    const months = Array.from({ length: 12 }, (_, i) =>
      to
        .startOf('month')
        .minus({ months: 11 - i })
        .toFormat('yyyy-MM'),
    );
    const trend = months.map((month) => {
      const row = trendRows.find((r) => r.month === month);
      return { month, minutes: row?.minutes ?? 0, people: row?.people ?? 0 };
    });
    // per project: hours and people where someone took part, changes adopted; the most hours first
    const perProject = new Map<
      number,
      { projectId: number; title: string; minutes: number; people: number; adopted: number }
    >();
    for (const r of involvementByProject) perProject.set(r.projectId, { ...r, adopted: 0 });
    for (const r of adoptedByProject) {
      const row = perProject.get(r.projectId) ?? {
        projectId: r.projectId,
        title: r.title,
        minutes: 0,
        people: 0,
        adopted: 0,
      };
      row.adopted = r.adopted;
      perProject.set(r.projectId, row);
    }
    const byProject = [...perProject.values()].sort(
      (a, b) => b.minutes - a.minutes || b.adopted - a.adopted || a.title.localeCompare(b.title, 'nb'),
    );
    const fedBack = Object.values(impacts).reduce((a, b) => a + b.fedBack, 0);
    const decidedImpacts = Object.values(impacts).reduce((a, b) => a + b.count, 0);

    return {
      problem: undefined,
      period,
      previous,
      headline: {
        projects,
        people: totals.people,
        minutes: totals.minutes,
        adopted: impacts.adopted?.count ?? 0,
        acceptance: acceptance(invitations.byStatus),
        previous: {
          projects: previousProjects,
          people: previousTotals.people,
          minutes: previousTotals.minutes,
          adopted: previousImpacts.adopted?.count ?? 0,
          acceptance: acceptance(previousInvitations.byStatus),
        },
      },
      adopted,
      network,
      activity: {
        totals,
        byActivity: byActivity.map((r) => ({ activity: r.activity, entries: r.entries, minutes: r.minutes })),
        byUnit,
      },
      depth,
      invitations: {
        sent,
        byStatus: invitations.byStatus,
        declineReasons: invitations.declineReasons,
        acceptance: acceptance(invitations.byStatus),
        medianAnswerDays: medianOfHistogram(invitations.answerDays),
        medianFillDays: medianOfHistogram(fillDays),
      },
      // not shown, but the previous period's acceptance share is withheld when it is made of small counts
      previousInvitations: {
        byStatus: previousInvitations.byStatus,
        acceptance: acceptance(previousInvitations.byStatus),
      },
      fairness: { busiestTenthShare: busiestTenthShare(minutesPerPerson), people: minutesPerPerson.length, atCap },
      impact: {
        adopted: impacts.adopted?.count ?? 0,
        rejected: impacts.rejected?.count ?? 0,
        proposed: impacts.proposed?.count ?? 0,
        fedBackShare: decidedImpacts ? fedBack / decidedImpacts : null,
      },
      recruitment,
      trend,
      byProject,
      voice,
      representation,
    };
  }
}

export type Report = Exclude<Awaited<ReturnType<ReportsService['build']>>, { problem: FieldProblem }>;
