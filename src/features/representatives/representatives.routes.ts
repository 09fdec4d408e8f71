import { formatNumber } from '../../lib/i18n.js';
import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import { typedValues, validateForm, type FieldError, problemErrors } from '../../lib/forms.js';
import { parseId, requireId } from '../../lib/paths.js';
import { collator } from '../../lib/i18n.js';
import { requireRole } from '../../middleware/roles.js';
import { takeStash } from '../../middleware/session.js';
import { skillName, type SkillGroup } from '../skills/skills.service.js';
import {
  AGE_BANDS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  CONTACT_METHODS,
  GENDERS,
  KINDS,
  STATUSES,
  type ConsentPurpose,
  type Representative,
  type RosterFilter,
} from './representatives.model.js';
import {
  LANGUAGES,
  consentSchema,
  contactPersonSchema,
  newRepresentativeExtrasSchema,
  representativeSchema,
  rosterQuerySchema,
  skillAssignmentSchema,
  statusSchema,
  withdrawSchema,
} from './representatives.schema.js';
import { ROSTER_PAGE_SIZE } from './representatives.service.js';

/** The roster filter from the URL; skills that are unknown or archived are dropped. */
export function rosterFilterFromQuery(raw: unknown, grouped: SkillGroup[]) {
  const query = rosterQuerySchema.parse(raw);
  const knownSkills = new Set(grouped.flatMap((g) => g.skills.map((s) => s.id)));
  const filter: RosterFilter = {
    q: query.q || undefined,
    skillIds: [...new Set(query.skill.map(Number))].filter((id) => knownSkills.has(id)).sort((a, b) => a - b),
    minLevel: Number(query.minLevel ?? 1),
    kind: query.kind,
    status: query.status,
    area: query.area || undefined,
    language: query.language,
    freeFrom: query.freeFrom,
    freeTo: query.freeTo,
  };
  return { filter, query };
}

/** The form's values from a stored representative. */
function formValues(rep: Representative): Record<string, string | string[]> {
  return {
    name: rep.name,
    email: rep.email ?? '',
    phone: rep.phone ?? '',
    locale: rep.locale,
    kind: rep.kind,
    area: rep.area,
    nominatingOrganisation: rep.nominatingOrganisation,
    termStart: rep.termStart ?? '',
    termEnd: rep.termEnd ?? '',
    languages: rep.languages,
    accessibilityNeeds: rep.accessibilityNeeds,
    preferredContact: rep.preferredContact,
    postalAddress: rep.postalAddress,
    loadCap: rep.loadCap === null ? '' : String(rep.loadCap),
    ageBand: rep.ageBand ?? '',
    gender: rep.gender ?? '',
    notes: rep.notes,
    contactUserId: rep.contactUserId === null ? '' : String(rep.contactUserId),
  };
}

/** What was typed, keeping multi-value fields (languages) as lists. */
function typedWithLists(body: unknown): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = typedValues(body);
  const languages = (body as Record<string, unknown> | undefined)?.languages;
  if (Array.isArray(languages)) values.languages = languages.filter((l): l is string => typeof l === 'string');
  return values;
}

const problemError = (req: Request, problem: FieldProblem): FieldError[] =>
  problemErrors(req.t, problem, problem.existingId ? `/representatives/${problem.existingId}` : undefined);

/** The roster's filter and sort as URL parameters (its links, and the bulk form's hidden fields). */
export function rosterParams(
  filter: RosterFilter,
  query: { minLevel?: string | undefined; sort?: string | undefined },
): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  for (const id of filter.skillIds) params.append('skill', String(id));
  if (query.minLevel) params.set('minLevel', query.minLevel);
  for (const key of ['kind', 'status', 'area', 'language', 'freeFrom', 'freeTo'] as const) {
    if (filter[key]) params.set(key, String(filter[key]));
  }
  if (query.sort) params.set('sort', query.sort);
  return params;
}

/** The roster's vocabularies, for its pages and forms. */
const choices = {
  kinds: KINDS,
  statuses: STATUSES,
  contactMethods: CONTACT_METHODS,
  consentPurposes: CONSENT_PURPOSES,
  consentMethods: CONSENT_METHODS,
  ageBands: AGE_BANDS,
  genders: GENDERS,
  languages: LANGUAGES,
};

/**
 * The roster page: a page of people with the filter, and the form that changes many of them at once. A bulk form
 * that comes back with errors renders it again (422) with the filter it was sent from.
 */
export async function renderRoster(
  services: Services,
  req: Request,
  res: Response,
  raw: unknown,
  form: { status: number; errors: FieldError[]; values: Record<string, string | string[]> } = {
    status: 200,
    errors: [],
    values: {},
  },
): Promise<void> {
  const { representativesService: reps, skillsService } = services;
  const user = req.user!;
  const grouped = await skillsService.grouped(user, req.locale, { includeArchived: false });
  const { filter, query } = rosterFilterFromQuery(raw, grouped);
  const sort = query.sort ?? 'name';
  const requested = query.page ?? 1;
  const result = await reps.page(user, filter, sort, requested);
  const pages = Math.max(1, Math.ceil(result.matching / ROSTER_PAGE_SIZE));
  const params = rosterParams(filter, query);
  const skillNames = new Map(grouped.flatMap((g) => g.skills.map((s) => [s.id, skillName(s, req.locale)] as const)));
  const filtered = params.toString() !== '' && !(params.size === 1 && params.has('sort'));
  const bulkChoices = await services.rosterBulkService.choices(user);
  res.status(form.status).render('representatives/list', {
    title: req.t('representatives.list.title'),
    writtenLanguageReview: await services.writtenLanguageService.count(user),
    ...choices,
    rows: result.rows.map((row) => ({
      ...row,
      skills: (result.skillsByRep.get(row.id) ?? []).map((s) => ({ name: skillName(s, req.locale), level: s.level })),
    })),
    matching: result.matching,
    total: result.total,
    areas: [...result.areas].sort(collator(req.locale).compare),
    grouped,
    skillNames,
    filter,
    query: { ...query, minLevel: query.minLevel ?? '', sort },
    filtered,
    page: Math.min(requested, pages),
    pages,
    pageHref: (n: number) => {
      const p = new URLSearchParams(params);
      p.set('page', String(n));
      return `/representatives?${p.toString()}`;
    },
    exportHref: `/representatives/export.csv${params.toString() ? `?${params.toString()}` : ''}`,
    // the bulk form carries the filter as hidden fields (its "all that match"), and keeps what was chosen
    filterFields: [...params, ['page', String(Math.min(requested, pages))]],
    ...bulkChoices,
    errors: form.errors,
    values: form.values,
  });
}

/** /representatives and the profile's forms: facilitators and admins only (supervisors get 403). */
export function representativesRoutes(services: Services): Router {
  const router = Router();
  const { representativesService: reps, skillsService } = services;
  router.use('/representatives', requireRole('facilitator', 'admin'));

  router.get('/representatives', (req, res) => renderRoster(services, req, res, req.query));

  /**
   * The area's choices once the organisation keeps a list (issue 22): its areas in use, and the person's own area if
   * it was archived since or is a free-text value an admin has yet to map; null while there is no list (free text).
   */
  const areaOptions = async (req: Request, id?: number) => {
    const areas = await services.areasService.list(req.user!.organisationId);
    if (!areas.length) return null;
    const current = id ? await reps.get(req.user!, id) : undefined;
    const options = [{ value: '', label: req.t('areas.noArea') }];
    if (current && current.areaId === null && current.area) {
      options.push({ value: current.area, label: req.t('areas.legacy', { text: current.area }) });
    }
    for (const a of areas) {
      if (!a.archived) options.push({ value: a.name, label: a.name });
      else if (current?.areaId === a.id)
        options.push({ value: a.name, label: req.t('areas.archivedChoice', { name: a.name }) });
    }
    return options;
  };

  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string | string[]>,
    errors: FieldError[],
    id?: number,
  ) =>
    res.status(status).render('representatives/form', {
      title: req.t(id ? 'representatives.edit.title' : 'representatives.new.title'),
      values,
      errors,
      repId: id,
      ...choices,
      areaOptions: await areaOptions(req, id),
      // the organisation's active facilitators and admins (and a current contact person no longer active)
      contactPeople: await services.handoverService.contactChoices(req.user!, parseId(values.contactUserId)),
    });

  router.get('/representatives/new', async (req, res) => {
    const stash = await takeStash(req, services.sessionService);
    await renderForm(
      req,
      res,
      200,
      stash ?? {
        locale: req.user!.organisationLocale ?? 'nb',
        preferredContact: 'email',
        status: 'active',
        consentMethod: 'written',
        languages: ['nb'],
      },
      [],
    );
  });

  router.post('/representatives/new', async (req, res) => {
    const values = typedWithLists(req.body);
    const form = validateForm(representativeSchema, req.body, req.t);
    const extras = validateForm(newRepresentativeExtrasSchema, req.body, req.t);
    const contact = validateForm(contactPersonSchema, req.body, req.t);
    const errors = [
      ...(form.ok ? [] : form.errors),
      ...(extras.ok ? [] : extras.errors),
      ...(contact.ok ? [] : contact.errors),
    ];
    if (!form.ok || !extras.ok || !contact.ok) return renderForm(req, res, 422, values, errors);
    const e = extras.data;
    const consents: ConsentPurpose[] = [];
    if (e.consentRoster) consents.push('roster');
    if (e.consentHealth) consents.push('health_experience');
    if (e.consentEmail) consents.push('email_contact');
    if (e.consentNamed) consents.push('named_in_reports');
    if (e.consentEmail && !form.data.email) {
      return renderForm(req, res, 422, values, [
        { field: 'email', message: req.t('representatives.errors.emailConsentNeedsEmail') },
      ]);
    }
    const result = await reps.create(
      req.user!,
      form.data,
      { status: e.status, consents, method: e.consentMethod },
      contact.data.contactUserId,
    );
    if (typeof result !== 'number') return renderForm(req, res, 422, values, problemError(req, result));
    req.flash('success', 'representatives.new.done');
    res.redirect(303, `/representatives/${result}`);
  });

  const renderProfile = async (
    req: Request,
    res: Response,
    id: number,
    status = 200,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ) => {
    const profile = await reps.view(req.user!, id, { audited: status === 200 });
    const [grouped, invitations, involvement, impacts, contactPerson] = await Promise.all([
      skillsService.grouped(req.user!, req.locale, { includeArchived: false }),
      services.invitationsService.history(req.user!, id),
      services.involvementService.history(req.user!, id),
      services.impactsService.history(req.user!, id),
      services.handoverService.contactPerson(req.user!, profile.representative.contactUserId),
    ]);
    res.status(status).render('representatives/show', {
      title: profile.representative.name,
      profile,
      invitations,
      involvement,
      impacts,
      money: (ore: number) =>
        formatNumber(ore / 100, req.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      rep: profile.representative,
      contactPerson,
      grouped,
      errors,
      values,
      ...choices,
      skillName: (s: { nameNb: string; nameEn: string }) => skillName(s, req.locale),
    });
  };

  router.get('/representatives/:id', async (req, res) => {
    await renderProfile(req, res, requireId(req.params.id));
  });

  router.get('/representatives/:id/edit', async (req, res) => {
    const rep = await reps.get(req.user!, requireId(req.params.id));
    const stash = await takeStash(req, services.sessionService);
    await renderForm(req, res, 200, stash ?? formValues(rep), [], rep.id);
  });

  router.post('/representatives/:id/edit', async (req, res) => {
    const id = requireId(req.params.id);
    await reps.get(req.user!, id);
    const values = typedWithLists(req.body);
    const form = validateForm(representativeSchema, req.body, req.t);
    const contact = validateForm(contactPersonSchema, req.body, req.t);
    if (!form.ok || !contact.ok) {
      const errors = [...(form.ok ? [] : form.errors), ...(contact.ok ? [] : contact.errors)];
      return renderForm(req, res, 422, values, errors, id);
    }
    const problem = await reps.update(req.user!, id, form.data, contact.data.contactUserId);
    if (problem) return renderForm(req, res, 422, values, problemError(req, problem), id);
    req.flash('success', 'representatives.edit.done');
    res.redirect(303, `/representatives/${id}`);
  });

  router.post('/representatives/:id/status', async (req, res) => {
    const id = requireId(req.params.id);
    const form = validateForm(statusSchema, req.body, req.t);
    if (!form.ok) return renderProfile(req, res, id, 422, form.errors, typedValues(req.body));
    const problem = await reps.changeStatus(req.user!, id, form.data.status, form.data.pausedUntil, form.data.reason);
    if (problem) return renderProfile(req, res, id, 422, problemError(req, problem), typedValues(req.body));
    req.flash('success', 'representatives.status.done');
    res.redirect(303, `/representatives/${id}#section-status`);
  });

  router.post('/representatives/:id/skills', async (req, res) => {
    const id = requireId(req.params.id);
    const form = validateForm(skillAssignmentSchema, req.body, req.t);
    if (!form.ok) return renderProfile(req, res, id, 422, form.errors, typedValues(req.body));
    const problem = await reps.setSkill(req.user!, id, form.data);
    if (problem) return renderProfile(req, res, id, 422, problemError(req, problem), typedValues(req.body));
    req.flash('success', 'representatives.skills.done');
    res.redirect(303, `/representatives/${id}#section-skills`);
  });

  router.post('/representatives/:id/skills/:skillId/remove', async (req, res) => {
    const id = requireId(req.params.id);
    const skillId = parseId(req.params.skillId);
    if (!skillId) throw notFound();
    await reps.removeSkill(req.user!, id, skillId);
    req.flash('success', 'representatives.skills.removed');
    res.redirect(303, `/representatives/${id}#section-skills`);
  });

  router.post('/representatives/:id/consents', async (req, res) => {
    const id = requireId(req.params.id);
    const form = validateForm(consentSchema, req.body, req.t);
    if (!form.ok) return renderProfile(req, res, id, 422, form.errors, typedValues(req.body));
    const problem = await reps.giveConsent(req.user!, id, form.data.purpose, form.data.method);
    if (problem) return renderProfile(req, res, id, 422, problemError(req, problem), typedValues(req.body));
    req.flash('success', 'representatives.consents.givenDone');
    res.redirect(303, `/representatives/${id}#section-consents`);
  });

  router.post('/representatives/:id/consents/withdraw', async (req, res) => {
    const id = requireId(req.params.id);
    const form = validateForm(withdrawSchema, req.body, req.t);
    if (!form.ok) return renderProfile(req, res, id, 422, form.errors);
    const { purpose, confirm } = form.data;
    if (purpose === 'health_experience' && !confirm) {
      // a confirmation step: the lived-experience skills go with this consent
      const rep = await reps.get(req.user!, id);
      const skills = await reps.livedExperienceSkills(req.user!, id);
      return res.render('representatives/withdraw-health', {
        title: req.t('representatives.consents.withdrawHealthTitle'),
        rep,
        skills: skills.map((s) => skillName(s, req.locale)),
      });
    }
    const problem = await reps.withdrawConsent(req.user!, id, purpose);
    if (problem) return renderProfile(req, res, id, 422, problemError(req, problem));
    req.flash('success', 'representatives.consents.withdrawn');
    res.redirect(303, `/representatives/${id}#section-consents`);
  });

  return router;
}
