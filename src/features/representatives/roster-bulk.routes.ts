import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { toCsv } from '../../lib/csv.js';
import { formatDate } from '../../lib/i18n.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireRole } from '../../middleware/roles.js';
import { skillName } from '../skills/skills.service.js';
import { renderRoster, rosterFilterFromQuery, rosterParams } from './representatives.routes.js';
import type { RosterFilter } from './representatives.model.js';
import type { BulkAction, SkipReason } from './roster-bulk.js';
import { bulkActionSchemas, bulkConfirmSchema, bulkSelectionSchema } from './roster-bulk.schema.js';
import type { BulkPreview, BulkSelection } from './roster-bulk.service.js';

/** How many skipped people the confirmation names (the rest are counted by reason). */
const SKIPPED_SHOWN = 100;

const EVERYONE: RosterFilter = { skillIds: [], minLevel: 1 };

type Body = Record<string, unknown>;
const bodyOf = (req: Request): Body => (req.body ?? {}) as Body;

/** What was chosen in the bulk form, to keep it on a 422 (the ticked ids as a list). */
function bulkValues(body: Body): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = typedValues(body);
  const ids = body.ids;
  values.ids = (Array.isArray(ids) ? ids : [ids]).filter((v): v is string => typeof v === 'string');
  return values;
}

/**
 * Changes to many people of the roster at once: the roster's form posts here, a confirmation page says what will
 * change and who is skipped and why, and its second post makes the change in one transaction. Facilitators and
 * admins only; mounted before the `/representatives/:id` routes.
 */
export function rosterBulkRoutes(services: Services): Router {
  const router = Router();
  const { rosterBulkService: bulk, skillsService } = services;
  router.use('/representatives/bulk', requireRole('facilitator', 'admin'));

  const backToRoster = (req: Request, res: Response, errors: FieldError[]) =>
    renderRoster(services, req, res, bodyOf(req), { status: 422, errors, values: bulkValues(bodyOf(req)) });

  /** The selection, the action and the filter from the form, or the errors to show on the roster. */
  const readForm = async (
    req: Request,
  ): Promise<
    { errors: FieldError[] } | { selection: BulkSelection; params: URLSearchParams; action: BulkAction | 'export' }
  > => {
    const body = bodyOf(req);
    const form = validateForm(bulkSelectionSchema, body, req.t);
    if (!form.ok) return { errors: form.errors };
    const grouped = await skillsService.grouped(req.user!, req.locale, { includeArchived: false });
    const { filter, query } = rosterFilterFromQuery(body, grouped);
    const { bulkScope, bulkAction, ids } = form.data;
    if (bulkScope === 'selected' && !ids.length)
      return { errors: [{ field: 'bulkScope', message: req.t('bulk.errors.noneSelected') }] };
    const selection: BulkSelection = bulkScope === 'all' ? { scope: 'all', filter } : { scope: 'selected', ids };
    const params = rosterParams(filter, query);
    if (bulkAction === 'export') return { selection, params, action: 'export' };
    const parsed = validateForm(bulkActionSchemas[bulkAction], body, req.t);
    if (!parsed.ok) return { errors: parsed.errors };
    const action = await bulk.checkAction(req.user!, parsed.data);
    if ('field' in action) return { errors: [{ field: action.field, message: req.t(action.key) }] };
    return { selection, params, action };
  };

  /** The action in words, for the confirmation's heading and the success message. */
  const describe = async (req: Request, action: BulkAction): Promise<string> => {
    const t = req.t;
    switch (action.kind) {
      case 'addSkill':
      case 'removeSkill': {
        const skill = await skillsService.find(req.user!, action.skillId);
        const name = skill ? skillName(skill, req.locale) : '';
        return action.kind === 'addSkill'
          ? t('bulk.describe.addSkill', { skill: name, level: t(`representatives.levels.${action.level}`) })
          : t('bulk.describe.removeSkill', { skill: name });
      }
      case 'consent':
        return t('bulk.describe.consent', {
          purpose: t(`representatives.purposes.${action.purpose}`),
          method: t(`representatives.methods.${action.method}`),
        });
      case 'status':
        return action.status === 'paused' && action.pausedUntil
          ? t('bulk.describe.pause', { date: formatDate(action.pausedUntil, req.locale) })
          : t('bulk.describe.status', { status: t(`representatives.statuses.${action.status}`) });
      case 'contact': {
        const { staff } = await bulk.choices(req.user!);
        return t('bulk.describe.contact', { name: staff.find((s) => s.id === action.userId)?.name ?? '' });
      }
      case 'shortlist': {
        const { projects } = await bulk.choices(req.user!);
        return t('bulk.describe.shortlist', { title: projects.find((p) => p.id === action.projectId)?.title ?? '' });
      }
    }
  };

  const reasonText = (req: Request, action: BulkAction, reason: SkipReason): string => {
    const t = req.t;
    switch (reason.key) {
      case 'alreadyHeld':
        return t('bulk.skip.alreadyHeld', { level: t(`representatives.levels.${reason.level}`) });
      case 'transition':
        return t('bulk.skip.transition', {
          from: t(`representatives.statuses.${reason.from}`),
          to: action.kind === 'status' ? t(`representatives.statuses.${action.status}`) : '',
        });
      case 'excluded':
        return reason.reasons.map((r) => t(`matching.exclusions.${r}`)).join('; ');
      default:
        return t(`bulk.skip.${reason.key}`);
    }
  };

  const renderConfirm = async (
    req: Request,
    res: Response,
    status: number,
    errors: FieldError[],
    preview: BulkPreview,
    params: URLSearchParams,
  ) => {
    const body = bodyOf(req);
    const { plan } = preview;
    const skipped = plan.skipped.map((s) => ({
      id: s.person.id,
      name: s.person.name,
      reason: reasonText(req, preview.action, s.reason),
    }));
    const byReason = new Map<string, number>();
    for (const s of skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    const carried = Object.entries(typedValues(body)).filter(([key]) => key.startsWith('bulk'));
    res.status(status).render('representatives/bulk-confirm', {
      title: req.t('bulk.confirm.title'),
      errors,
      description: await describe(req, preview.action),
      changeCount: plan.change.length,
      skipped: skipped.slice(0, SKIPPED_SHOWN),
      skippedCount: skipped.length,
      reasons: [...byReason].map(([reason, count]) => ({ reason, count })),
      // hidden fields: the action, the selection (the resolved ids, or the filter) and the count confirmed
      hidden: [
        ...carried,
        ...(body.bulkScope === 'all' ? [] : preview.ids.map((id) => ['ids', String(id)])),
        ...params,
        ['expected', String(plan.change.length)],
      ],
      rosterHref: `/representatives${params.size ? `?${params.toString()}` : ''}`,
    });
  };

  router.post('/representatives/bulk', async (req, res) => {
    const read = await readForm(req);
    if ('errors' in read) return backToRoster(req, res, read.errors);
    const { selection, params, action } = read;
    if (action === 'export') {
      // the roster's own export: its columns, and its audit; the ticked ids are looked up within the organisation
      const rows =
        selection.scope === 'all'
          ? await services.dataRightsService.exportRoster(req.user!, selection.filter, req.t, req.locale)
          : await services.dataRightsService.exportRoster(req.user!, EVERYONE, req.t, req.locale, selection.ids);
      const day = services.clock.now().setZone(req.user!.timeZone).toISODate();
      res.set('Content-Type', 'text/csv; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="representanter-${day}.csv"`);
      return res.send(toCsv(rows, ';'));
    }
    const preview = await bulk.preview(req.user!, selection, action);
    if ('refused' in preview)
      return backToRoster(req, res, [{ field: 'bulkScope', message: req.t(`bulk.errors.${preview.refused}`) }]);
    // ids that are not this organisation's people (erased meanwhile, or never here) are left out, and said so
    const errors = preview.missing
      ? [{ field: 'confirm', message: req.t('bulk.errors.missing', { count: preview.missing }) }]
      : [];
    await renderConfirm(req, res, errors.length ? 422 : 200, errors, preview, params);
  });

  router.post('/representatives/bulk/confirm', async (req, res) => {
    const read = await readForm(req);
    if ('errors' in read) return backToRoster(req, res, read.errors);
    const { selection, params, action } = read;
    if (action === 'export') return res.redirect(303, '/representatives');
    const confirm = validateForm(bulkConfirmSchema, bodyOf(req), req.t);
    const outcome = await bulk.apply(req.user!, selection, action, confirm.ok ? confirm.data.expected : -1);
    if ('changed' in outcome) {
      req.flash('success', 'bulk.done', { count: outcome.changed, skipped: outcome.skipped });
      return res.redirect(303, `/representatives${params.size ? `?${params.toString()}` : ''}`);
    }
    if (!outcome.preview)
      return backToRoster(req, res, [{ field: 'bulkScope', message: req.t(`bulk.errors.${outcome.refused}`) }]);
    const message =
      outcome.refused === 'missing'
        ? req.t('bulk.errors.missing', { count: outcome.preview.missing })
        : req.t('bulk.errors.changed', { count: outcome.preview.plan.change.length });
    await renderConfirm(req, res, 422, [{ field: 'confirm', message }], outcome.preview, params);
  });

  return router;
}
