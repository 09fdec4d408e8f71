import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import type { Services } from '../../services.js';
import { AppError } from '../../lib/errors.js';
import { typedValues, validateForm, type FieldError, problemErrors } from '../../lib/forms.js';
import { parseId, requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { LANGUAGES } from '../representatives/representatives.schema.js';
import { skillName } from '../skills/skills.service.js';
import { CONTACT_GAPS, EXCLUSION_REASONS } from '../matching/matching.js';
import { MATCHES_SHOWN, MATCHES_STEP, shownCount } from '../matching/matching.service.js';
import { matchingText } from '../matching/matching.text.js';
import { LEVELS, PHASES, type Phase, type Project } from './projects.model.js';
import { meetingSchema, phaseSchema, projectSchema, requirementSchema } from './projects.schema.js';
import { supervisorSeats, teamForSupervisor } from './supervisor-team.js';
import { seriesSchema } from './project-templates.schema.js';
import { problemWithParams } from './project-templates.routes.js';

/** The messages of two forms validated side by side (a meeting and how it repeats). */
const formErrors = (...results: Array<{ ok: true } | { ok: false; errors: FieldError[] }>) =>
  results.flatMap((r) => (r.ok ? [] : r.errors));

function formValues(p: Project): Record<string, string | string[]> {
  return {
    title: p.title,
    purpose: p.purpose,
    whatMatters: p.whatMatters,
    unitId: p.unitId ? String(p.unitId) : '',
    ownerContactId: p.ownerContactId ? String(p.ownerContactId) : '',
    facilitatorUserId: p.facilitatorUserId ? String(p.facilitatorUserId) : '',
    targetLevel: p.targetLevel,
    seats: String(p.seats),
    startsOn: p.startsOn ?? '',
    endsOn: p.endsOn ?? '',
    location: p.location,
    online: p.online ? 'on' : '',
    workingLanguages: p.workingLanguages,
    sensitiveTopic: p.sensitiveTopic ? 'on' : '',
    honorariumApplies: p.honorariumApplies ? 'on' : '',
  };
}

/** The matches page, with a look-up and how many are shown kept (the default count is left out of the address). */
function matchesUrl(projectId: number, query: { q?: string; shown?: number } = {}): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.shown && query.shown !== MATCHES_STEP) params.set('shown', String(query.shown));
  const search = params.toString();
  return `/projects/${projectId}/matches${search ? `?${search}` : ''}`;
}

/** A posted form's fields, unvalidated (the body is absent when nothing was posted). */
const formBody = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

const typedWithLists = (body: unknown) => {
  const values: Record<string, string | string[]> = typedValues(body);
  const langs = (body as Record<string, unknown> | undefined)?.workingLanguages;
  if (Array.isArray(langs)) values.workingLanguages = langs.filter((l): l is string => typeof l === 'string');
  return values;
};

/** /projects: projects, requirements, meetings, phases and matching. Supervisors only read the list and a project's page. */
export function projectsRoutes(services: Services): Router {
  const router = Router();
  const projects = services.projectsService;
  const staff = requireRole('facilitator', 'admin');

  // supervisors read the list too (issue 14 item 11): titles, phases, units and seats, no people or contact details
  router.get('/projects', requireRole('facilitator', 'admin', 'supervisor'), async (req, res) => {
    const supervisor = req.user!.role === 'supervisor';
    const phase =
      typeof req.query.phase === 'string' && (PHASES as readonly string[]).includes(req.query.phase)
        ? (req.query.phase as Phase)
        : undefined;
    const unitId = parseId(req.query.unit);
    const facilitatorId = parseId(req.query.facilitator);
    const needsRepresentatives = req.query.needs === 'yes';
    const [list, choices] = await Promise.all([
      projects.list(req.user!, { phase, unitId, facilitatorId, needsRepresentatives }),
      projects.choices(req.user!),
    ]);
    res.render('projects/list', {
      title: req.t('projects.title'),
      // a supervisor reads each team's size through the small-number rule, never "2 of 3 seats filled"
      projects: supervisor ? list.map((p) => ({ ...p, forSupervisor: supervisorSeats(p, req.t, req.locale) })) : list,
      phases: PHASES,
      supervisor,
      // the list's filters need units and facilitators; the contacts (names and e-mail addresses) stay out
      units: choices.units,
      facilitators: choices.facilitators,
      filter: { phase: phase ?? '', unit: unitId ?? '', facilitator: facilitatorId ?? '', needs: needsRepresentatives },
    });
  });

  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string | string[]>,
    errors: FieldError[],
    projectId?: number,
  ) =>
    res.status(status).render('projects/form', {
      title: req.t(projectId ? 'projects.edit.title' : 'projects.new.title'),
      values,
      errors,
      projectId,
      levels: LEVELS,
      languages: LANGUAGES,
      ...(await projects.choices(req.user!)),
    });

  router.get('/projects/new', staff, (req, res) =>
    renderForm(
      req,
      res,
      200,
      {
        targetLevel: 'involve',
        seats: '2',
        workingLanguages: ['nb'],
        honorariumApplies: 'on',
        facilitatorUserId: String(req.user!.id),
      },
      [],
    ),
  );
  router.post('/projects/new', staff, async (req, res) => {
    const values = typedWithLists(req.body);
    const form = validateForm(projectSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, values, form.errors);
    const result = await projects.create(req.user!, form.data);
    if (typeof result !== 'number') return renderForm(req, res, 422, values, problemErrors(req.t, result));
    req.flash('success', 'projects.created');
    res.redirect(303, `/projects/${result}`);
  });

  const renderProject = async (
    req: Request,
    res: Response,
    status: number,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ) => {
    const page = await projects.page(req.user!, requireId(req.params.id));
    const supervisor = req.user!.role === 'supervisor';
    const grouped = supervisor
      ? []
      : await services.skillsService.grouped(req.user!, req.locale, { includeArchived: false });
    // a supervisor's page gets no team list at all: names only with consent, the others as a count
    const forSupervisor = supervisor ? teamForSupervisor(page.team) : undefined;
    const surveyRounds = await services.surveysService.rounds(req.user!, page.project.id);
    const seats = supervisor ? supervisorSeats(page.project, req.t, req.locale) : undefined;
    res.status(status).render('projects/show', {
      title: page.project.title,
      ...page,
      team: forSupervisor ? [] : page.team,
      supervisorTeam: forSupervisor && {
        named: forSupervisor.named,
        others: seats!.others,
        seats: seats!.seats,
        onTeam: seats!.onTeam,
      },
      supervisor,
      grouped,
      phases: PHASES,
      surveyRounds,
      // attendance is logged from a meeting's start, so it is offered only then
      meetingStarted: (m: { startsAt: string }) => Date.parse(m.startsAt) <= services.clock.now().toMillis(),
      errors,
      // a new meeting's place defaults to the project's (what was typed wins on a refused form)
      values: { place: page.project.location, ...values },
      skillName: (s: { nameNb: string; nameEn: string }) => skillName(s, req.locale),
    });
  };

  // supervisors read a project page (what docs/domain.md lets them see); everything else here is staff only
  router.get('/projects/:id', requireRole('facilitator', 'admin', 'supervisor'), (req, res) =>
    renderProject(req, res, 200),
  );

  router.get('/projects/:id/edit', staff, async (req, res) => {
    const project = await projects.get(req.user!, requireId(req.params.id));
    await renderForm(req, res, 200, formValues(project), [], project.id);
  });
  router.post('/projects/:id/edit', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    await projects.get(req.user!, projectId);
    const values = typedWithLists(req.body);
    const form = validateForm(projectSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, values, form.errors, projectId);
    const problem = await projects.update(req.user!, projectId, form.data);
    if (problem) return renderForm(req, res, 422, values, problemErrors(req.t, problem), projectId);
    req.flash('success', 'projects.saved');
    res.redirect(303, `/projects/${projectId}`);
  });

  router.post('/projects/:id/phase', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const form = validateForm(phaseSchema, req.body, req.t);
    if (!form.ok) return renderProject(req, res, 422, form.errors);
    const survey = await projects.changePhase(req.user!, projectId, form.data.phase);
    if (survey?.nobody) req.flash('info', 'survey.nobodyProject');
    else if (survey) req.flash('success', 'survey.started', { asked: survey.asked, unreachable: survey.unreachable });
    else req.flash('success', 'projects.phaseChanged');
    res.redirect(303, `/projects/${projectId}`);
  });

  router.post('/projects/:id/requirements', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const form = validateForm(requirementSchema, req.body, req.t);
    if (!form.ok) return renderProject(req, res, 422, form.errors, typedValues(req.body));
    const problem = await projects.setRequirement(req.user!, projectId, form.data);
    if (problem) return renderProject(req, res, 422, problemErrors(req.t, problem), typedValues(req.body));
    res.redirect(303, `/projects/${projectId}#section-requirements`);
  });
  router.post('/projects/:id/requirements/:skillId/remove', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    await projects.removeRequirement(req.user!, projectId, requireId(req.params.skillId));
    res.redirect(303, `/projects/${projectId}#section-requirements`);
  });

  router.post('/projects/:id/meetings', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    // one meeting, or a recurring series when "repeat every N weeks" is chosen (project-templates.service.ts)
    const form = validateForm(meetingSchema, req.body, req.t);
    const repeat = validateForm(seriesSchema, req.body, req.t);
    if (!form.ok || !repeat.ok) return renderProject(req, res, 422, formErrors(form, repeat), typedValues(req.body));
    const everyWeeks = repeat.data.repeatWeeks;
    const problem = everyWeeks
      ? await services.projectTemplatesService.addSeries(req.user!, projectId, {
          ...form.data,
          everyWeeks,
          until: repeat.data.repeatUntil,
        })
      : await projects.addMeeting(req.user!, projectId, form.data);
    if (problem) return renderProject(req, res, 422, problemWithParams(req.t, problem), typedValues(req.body));
    req.flash('success', everyWeeks ? 'projectTemplates.series.added' : 'projects.meetingAdded');
    res.redirect(303, `/projects/${projectId}#section-meetings`);
  });
  // cancelling sends e-mail to the team: a page of its own says what goes to whom before anything is sent
  router.get('/projects/:id/meetings/:meetingId/cancel', staff, async (req, res) => {
    const view = await projects.cancellation(req.user!, requireId(req.params.id), requireId(req.params.meetingId));
    res.render('projects/meeting-cancel', {
      title: req.t('projects.cancel.title', { project: view.project.title }),
      ...view,
    });
  });
  router.post('/projects/:id/meetings/:meetingId/remove', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    await projects.removeMeeting(req.user!, projectId, requireId(req.params.meetingId));
    req.flash('success', 'projects.meetingCancelled');
    res.redirect(303, `/projects/${projectId}#section-meetings`);
  });

  const renderMeeting = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string> | undefined,
    errors: FieldError[] = [],
  ) => {
    const projectId = requireId(req.params.id);
    const [project, meeting] = await Promise.all([
      projects.get(req.user!, projectId),
      projects.getMeeting(req.user!, projectId, requireId(req.params.meetingId)),
    ]);
    const zone = req.user!.timeZone;
    const start = DateTime.fromISO(meeting.startsAt, { zone: 'utc' }).setZone(zone);
    const end = DateTime.fromISO(meeting.endsAt, { zone: 'utc' }).setZone(zone);
    res.status(status).render('projects/meeting-edit', {
      title: req.t('projects.meetings.editTitle', { project: project.title }),
      project,
      meeting,
      errors,
      values: values ?? {
        date: start.toISODate()!,
        startTime: start.toFormat('HH:mm'),
        endTime: end.toFormat('HH:mm'),
        place: meeting.place,
        onlineLink: meeting.onlineLink,
        agenda: meeting.agenda,
      },
    });
  };

  router.get('/projects/:id/meetings/:meetingId/edit', staff, (req, res) => renderMeeting(req, res, 200, undefined));

  router.post('/projects/:id/meetings/:meetingId/edit', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const form = validateForm(meetingSchema, req.body, req.t);
    if (!form.ok) return renderMeeting(req, res, 422, typedValues(req.body), form.errors);
    const problem = await projects.moveMeeting(req.user!, projectId, requireId(req.params.meetingId), form.data);
    if (problem) return renderMeeting(req, res, 422, typedValues(req.body), problemErrors(req.t, problem));
    req.flash('success', 'projects.meetingMoved');
    res.redirect(303, `/projects/${projectId}#section-meetings`);
  });

  router.get('/projects/:id/matches', staff, async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    // ten at a time ("show more" adds ten), up to the MATCHES_SHOWN that have their reasons worked out
    const shown = shownCount(req.query.shown);
    const { project, requirements, result, found, maxScore, shortlisted } = await services.matchingService.matches(
      req.user!,
      requireId(req.params.id),
      q,
    );
    const excludedTotal = result.excluded.size;
    const nextShown = Math.min(shown + MATCHES_STEP, MATCHES_SHOWN);
    const firstMore = shown < MATCHES_SHOWN ? result.ranked[shown] : undefined;
    res.render('projects/matches', {
      title: req.t('matching.title', { project: project.title }),
      project,
      requirements,
      ranked: result.ranked.slice(0, shown),
      rankedTotal: result.ranked.length,
      shown,
      // kept by the look-up and the shortlist buttons when more than the first ten are shown
      keepShown: shown !== MATCHES_STEP ? shown : null,
      // the link to the next ten lands on the first of them
      more: firstMore
        ? {
            href: `${matchesUrl(project.id, { q, shown: nextShown })}#candidate-${firstMore.id}`,
            count: Math.min(nextShown, result.ranked.length) - shown,
          }
        : null,
      // all that can be shown are shown, and there are more: the look-up finds the others
      capped: shown >= MATCHES_SHOWN && result.ranked.length > MATCHES_SHOWN ? MATCHES_SHOWN : 0,
      maxScore,
      shortlisted,
      // a looked-up person within the first MATCHES_SHOWN, in the list (shown far enough)
      rankHref: (rank: number, id: number) =>
        rank <= MATCHES_SHOWN
          ? `${matchesUrl(project.id, { q, shown: Math.max(shown, Math.ceil(rank / MATCHES_STEP) * MATCHES_STEP) })}#candidate-${id}`
          : null,
      excludedCounts: EXCLUSION_REASONS.map((r) => ({ reason: r, count: result.excludedCounts[r] })).filter(
        (r) => r.count > 0,
      ),
      excludedTotal,
      missingMustCounts: result.missingMustCounts.filter((m) => m.count > 0),
      contactGapCounts: CONTACT_GAPS.map((gap) => ({ gap, count: result.contactGapCounts[gap] })).filter(
        (g) => g.count > 0,
      ),
      explain: matchingText(req.t, req.locale, requirements),
      found,
      q,
      skillName: (s: { nameNb: string; nameEn: string }) => skillName(s, req.locale),
    });
  });

  router.post('/projects/:id/shortlist', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const representativeId = requireId(formBody(req).representativeId);
    const problem = await projects.shortlist(req.user!, projectId, representativeId);
    if (problem) throw new AppError(422, problem.key);
    req.flash('success', 'matching.shortlisted');
    // back to the same candidate (the item is focusable), not the top of a long list, as many shown as before
    res.redirect(
      303,
      `${matchesUrl(projectId, { shown: shownCount(formBody(req).shown) })}#candidate-${representativeId}`,
    );
  });
  router.post('/projects/:id/unshortlist', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const body = formBody(req);
    const representativeId = requireId(body.representativeId);
    await projects.unshortlist(req.user!, projectId, representativeId);
    req.flash('info', 'matching.unshortlisted');
    res.redirect(
      303,
      body.from === 'project'
        ? `/projects/${projectId}#section-team`
        : `${matchesUrl(projectId, { shown: shownCount(body.shown) })}#candidate-${representativeId}`,
    );
  });
  return router;
}
