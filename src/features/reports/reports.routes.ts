import { type Locale } from '../../config.js';
import { DateTime } from 'luxon';
import { Router, type Request, type Response } from 'express';
import type { VoiceFigures } from '../surveys/voice-figures.js';
import type { Services } from '../../services.js';
import { toCsv } from '../../lib/csv.js';
import { formatNumber, type Translate } from '../../lib/i18n.js';
import { parseId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { SUMMARY_PERIODS } from '../summaries/summaries.model.js';
import type { CurrentUser } from '../users/users.types.js';
import { reportPeople, type Audience, type ReportPeople } from './report-people.js';
import { peopleCount } from './small-numbers.js';
import { representationPeople, type RepresentationPeople } from './representation-people.js';
import { PERIODS, type PeriodKind, type Report, type ReportRequest } from './reports.service.js';

export { SMALL_NUMBER } from './small-numbers.js';

/** A report's request from a query string or a form's fields (a share link's target). */
export function requestFrom(req: Request, from: unknown = req.query): ReportRequest {
  const q = (from ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : undefined);
  const period = (PERIODS as readonly string[]).includes(String(q.period)) ? (q.period as PeriodKind) : '12m';
  return {
    period,
    at: text(q.at),
    from: text(q.from),
    to: text(q.to),
    unitId: parseId(q.unit),
    projectId: parseId(q.project),
  };
}

const audienceOf = (req: Request): Audience => (req.user!.role === 'supervisor' ? 'supervisor' : 'staff');

/** Formatting shared by the page and the CSV; counts of people come decided from `reportPeople`. */
function formatters(locale: Locale) {
  const num = (v: number, digits = 0) => formatNumber(v, locale, { maximumFractionDigits: digits });
  return {
    num,
    hours: (minutes: number) => num(minutes / 60, 1),
    kroner: (ore: number) => num(ore / 100, 0),
    percent: (share: number | null) => (share === null ? '–' : `${num(share * 100, 0)} %`),
    days: (v: number | null) => (v === null ? '–' : num(v, 1)),
  };
}

/** The report's figures as rows (section, figure, value) for the CSV, in the reader's language. */
function csvRows(
  report: Report,
  p: ReportPeople,
  rep: RepresentationPeople,
  t: Translate,
  f: ReturnType<typeof formatters>,
): string[][] {
  const rows: string[][] = [[t('reports.csv.section'), t('reports.csv.figure'), t('reports.csv.value')]];
  const add = (section: string, figure: string, value: string) =>
    rows.push([t(`reports.sections.${section}`), figure, value]);
  const h = report.headline;
  add('summary', t('reports.headline.projects'), `${h.projects.withRepresentatives} / ${h.projects.all}`);
  add('summary', t('reports.headline.people'), p.headline.people);
  add('summary', t('reports.headline.hours'), f.hours(h.minutes));
  add('summary', t('reports.headline.adopted'), String(h.adopted));
  add('summary', t('reports.headline.acceptance'), p.headline.acceptance);
  for (const c of report.adopted) add('summary', `${c.decidedOn} ${c.project}`, `${c.whatSaid} → ${c.whatChanged}`);
  const n = p.network;
  add('network', t('reports.network.active'), n.active);
  add('network', t('reports.network.created'), n.created);
  for (const k of n.byKind) add('network', t(`representatives.kinds.${k.kind}`), k.value);
  add('network', t('reports.network.lived'), n.withLivedExperience);
  add('network', t('reports.network.termsEnding'), n.termsEnding);
  add('network', t('reports.network.unused'), n.unused12Months);
  const a = report.activity;
  add('activity', t('reports.activity.entries'), f.num(a.totals.entries));
  add('activity', t('reports.activity.hours'), f.hours(a.totals.minutes));
  add('activity', t('reports.activity.honoraria'), f.kroner(a.totals.honorariumOre));
  for (const r of a.byActivity) add('activity', t(`involvement.activities.${r.activity}`), f.hours(r.minutes));
  for (const r of a.byUnit) add('activity', r.unit ?? t('reports.noUnit'), f.hours(r.minutes));
  for (const d of report.depth) {
    add('depth', `${t(`projects.levels.${d.promised}`)} → ${t(`projects.levels.${d.delivered}`)}`, f.num(d.entries));
  }
  const i = report.invitations;
  add('invitations', t('reports.invitations.sent'), p.invitations.sent);
  for (const o of p.invitations.byStatus) add('invitations', t(`invitations.statuses.${o.status}`), o.value);
  for (const r of p.invitations.declineReasons) add('invitations', t(`reports.reasons.${r.reason}`), r.value);
  add('invitations', t('reports.headline.acceptance'), p.headline.acceptance);
  add('invitations', t('reports.invitations.answerDays'), f.days(i.medianAnswerDays));
  add('invitations', t('reports.invitations.fillDays'), f.days(i.medianFillDays));
  add('fairness', t('reports.fairness.busiest'), f.percent(report.fairness.busiestTenthShare));
  add('fairness', t('reports.fairness.atCap'), p.atCap);
  add('impact', t('impacts.statuses.adopted'), f.num(report.impact.adopted));
  add('impact', t('impacts.statuses.rejected'), f.num(report.impact.rejected));
  add('impact', t('reports.impact.fedBack'), f.percent(report.impact.fedBackShare));
  report.recruitment.forEach((r, index) => {
    const holders = p.recruitmentHolders[index]!;
    add(
      'recruitment',
      r.nameNb,
      `${t('reports.recruitment.projects')}: ${r.projects}; ${t('reports.recruitment.holders')}: ${holders}`,
    );
  });
  for (const m of report.trend) add('trend', m.month, f.hours(m.minutes));
  // the survey's answers and the representativeness, suppressed as on the page
  const voice = report.voice.current;
  const shown = voiceCells(t, f);
  add('voice', t('survey.figures.answers'), shown.answers(voice));
  for (const q of voice.questions) add('voice', t(`survey.questions.${q.question}`), shown.average(voice, q));
  const columns = ['population', 'active', 'involved'] as const;
  const line = (r: Record<(typeof columns)[number], string>) =>
    columns.map((c) => `${t(`reports.representation.${c}`)}: ${r[c]}`).join('; ');
  for (const d of rep.dimensions) {
    for (const r of d.rows) add('representation', `${d.heading}: ${r.label}`, line(r));
    add(
      'representation',
      `${d.heading}: ${t('reports.representation.notRecorded')}`,
      line({ population: '', ...d.notRecorded }),
    );
  }
  for (const gap of rep.gaps) add('representation', t('reports.representation.gaps'), gap);
  return rows;
}

/** The survey's figures as a cell: shown, "fewer than 5 answers", "not shown" (not closed yet) or none (page and CSV). */
function voiceCells(t: Translate, f: ReturnType<typeof formatters>) {
  return {
    answers: (v: VoiceFigures) =>
      v.state === 'shown'
        ? f.num(v.answers)
        : v.state === 'fewer'
          ? t('survey.figures.fewer')
          : v.state === 'waiting'
            ? t('reports.withheld')
            : '0',
    average: (v: VoiceFigures, q: { average: number | null }) =>
      q.average !== null
        ? f.num(q.average, 1)
        : v.state === 'shown' || v.state === 'fewer'
          ? t('survey.figures.fewer')
          : '–',
  };
}

/** How many projects the report's per-project table shows before "show all". */
export const PROJECTS_SHOWN = 25;

/** A share link's page: what it is, until when, and the figures' time (the page is otherwise the supervisor's). */
export interface SharedPage {
  until: string;
  asOf: string;
}

/**
 * Renders the report for a reader: the signed-in user on `/reports`, or on a share link (`shared`) a supervisor
 * of the link's organisation, where the filter, the CSV and the links to other pages are left out.
 */
export async function renderReport(
  services: Services,
  req: Request,
  res: Response,
  reader: CurrentUser,
  request: ReportRequest,
  shared?: SharedPage,
): Promise<void> {
  const reports = services.reportsService;
  const [report, choices] = await Promise.all([reports.build(reader, request), reports.choices(reader)]);
  const f = formatters(req.locale);
  const values = {
    period: request.period,
    at: request.at ?? '',
    from: request.from ?? '',
    to: request.to ?? '',
    unit: request.unitId ? String(request.unitId) : '',
    project: request.projectId ? String(request.projectId) : '',
  };
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ''));
  if (report.problem) {
    return res.status(422).render('reports/report', {
      title: req.t('reports.title'),
      report: undefined,
      choices,
      values,
      errors: [{ field: report.problem.field, message: req.t(report.problem.key) }],
      f,
      csvHref: '',
    });
  }
  // a written summary of exactly this month, quarter or year of the whole organisation stands at the top
  const calendar = SUMMARY_PERIODS.find((p) => p === request.period);
  const [summary, links] = await Promise.all([
    calendar && !request.unitId && !request.projectId
      ? services.summariesService.forPeriod(reader, calendar, report.period.from)
      : undefined,
    shared ? [] : services.sharingService.live(reader, 'report'),
  ]);
  const scopeName = request.projectId
    ? choices.projects.find((p) => p.id === request.projectId)?.title
    : request.unitId
      ? choices.units.find((u) => u.id === request.unitId)?.name
      : undefined;
  const projectRows = req.query.projects === 'all' ? report.byProject : report.byProject.slice(0, PROJECTS_SHOWN);
  res.render('reports/report', {
    title: req.t('reports.title'),
    report,
    summary,
    shared,
    shareLinks: links,
    printHeader: {
      organisation: reader.organisationName,
      scope: scopeName ?? req.t('reports.print.wholeOrganisation'),
      printedAt: services.clock.now().toISO(),
    },
    choices,
    values,
    errors: [],
    f,
    people: reportPeople(report, reader.role === 'supervisor' ? 'supervisor' : 'staff', req.t, req.locale),
    representation: representationPeople(report.representation, req.t, req.locale),
    voiceAnswers: voiceCells(req.t, f).answers,
    voiceAverage: voiceCells(req.t, f).average,
    voiceUntil:
      report.voice.current.until && DateTime.fromISO(report.voice.current.until).setZone(reader.timeZone).toISODate(),
    // the projects with the most hours first, the rest on asking (`projects=all`): a year can hold hundreds
    projectRows,
    projectsHidden: report.byProject.length - projectRows.length,
    allProjectsHref: `${req.path}?${new URLSearchParams({ ...(req.query as Record<string, string>), projects: 'all' })}#r-projects`,
    // each project's people alone ("fewer than 5" from 1 to 4): the table has no total to subtract from
    projectPeople: projectRows.map((p) => peopleCount(p.people, req.t, req.locale)),
    csvHref: `/reports/export.csv?${query}`,
    maxMinutes: Math.max(1, ...report.trend.map((m) => m.minutes)),
  });
}

/** /reports: what involvement delivered, for facilitators, supervisors and admins; and the same as CSV. */
export function reportsRoutes(services: Services): Router {
  const router = Router();
  const reports = services.reportsService;
  router.use(['/reports', '/reports/export.csv'], requireRole('facilitator', 'admin', 'supervisor'));

  router.get('/reports', (req, res) => renderReport(services, req, res, req.user!, requestFrom(req)));

  router.get('/reports/export.csv', async (req, res) => {
    const report = await reports.build(req.user!, requestFrom(req));
    if (report.problem) return res.redirect(303, '/reports');
    const f = formatters(req.locale);
    const people = reportPeople(report, audienceOf(req), req.t, req.locale);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="medvirkning-${report.period.from}-${report.period.to}.csv"`);
    const representation = representationPeople(report.representation, req.t, req.locale);
    res.send(toCsv(csvRows(report, people, representation, req.t, f), ';'));
  });

  // the weekly digest: anyone signed in may ask for it (supervisors above all)
  router.post('/account/digest', requireRole('facilitator', 'admin', 'supervisor'), async (req, res) => {
    const on = (req.body as Record<string, unknown> | undefined)?.digest === 'on';
    await services.usersService.setWeeklyDigest(req.user!, on);
    req.flash('success', on ? 'dashboard.digest.on' : 'dashboard.digest.off');
    // the choice lives on /account now (issue 20); this older form address still works
    res.redirect(303, '/account');
  });

  return router;
}
