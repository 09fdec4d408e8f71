import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { formatDecimalInput } from '../../lib/decimals.js';
import { problemErrors, typedValues, type FieldError } from '../../lib/forms.js';
import { requireId, parseId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { AGE_BANDS, GENDERS } from '../representatives/representatives.model.js';
import { POPULATION_DIMENSIONS, type Area, type PopulationDimension } from './areas.model.js';
import { readPopulationForm } from './population-form.js';

const text = (body: unknown, key: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : '';
};

/** The categories of a dimension: age bands, genders, or the areas in use (and archived ones that have a share). */
export function populationCategories(dimension: PopulationDimension, areas: Area[], shares: Record<string, number>) {
  if (dimension === 'age') return AGE_BANDS.map((b) => ({ key: b, label: b }));
  if (dimension === 'gender') return GENDERS.map((g) => ({ key: g, labelKey: `representatives.genders.${g}` }));
  return areas.filter((a) => !a.archived || String(a.id) in shares).map((a) => ({ key: String(a.id), label: a.name }));
}

/** /admin/areas (the organisation's areas and the mapping of free-text ones) and /admin/population (its shares). */
export function areasRoutes(services: Services): Router {
  const router = Router();
  const areas = services.areasService;
  router.use(['/admin/areas', '/admin/population'], requireRole('admin'));

  const renderAreas = async (
    req: Request,
    res: Response,
    status = 200,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ) => {
    const overview = await areas.overview(req.user!);
    res.status(status).render('admin/areas', { title: req.t('areas.title'), ...overview, errors, values });
  };

  router.get('/admin/areas', (req, res) => renderAreas(req, res));

  router.post('/admin/areas', async (req, res) => {
    const problem = await areas.add(req.user!, text(req.body, 'name'));
    if (problem) return renderAreas(req, res, 422, problemErrors(req.t, problem), typedValues(req.body));
    req.flash('success', 'areas.added');
    res.redirect(303, '/admin/areas');
  });

  router.post('/admin/areas/:id/rename', async (req, res) => {
    const id = requireId(req.params.id);
    const problem = await areas.rename(req.user!, id, text(req.body, 'name'));
    if (problem) {
      const errors = [{ field: `name-${id}`, message: req.t(problem.key) }];
      return renderAreas(req, res, 422, errors, { [`name-${id}`]: text(req.body, 'name') });
    }
    req.flash('success', 'areas.renamed');
    res.redirect(303, '/admin/areas');
  });

  router.post('/admin/areas/:id/archive', async (req, res) => {
    await areas.setArchived(req.user!, requireId(req.params.id), true);
    req.flash('success', 'areas.archivedDone');
    res.redirect(303, '/admin/areas');
  });

  router.post('/admin/areas/:id/restore', async (req, res) => {
    await areas.setArchived(req.user!, requireId(req.params.id), false);
    req.flash('success', 'areas.restoredDone');
    res.redirect(303, '/admin/areas');
  });

  router.post('/admin/areas/map', async (req, res) => {
    const value = text(req.body, 'text');
    const choice = text(req.body, 'area');
    const areaId = choice === 'new' ? null : parseId(choice);
    const result =
      choice !== 'new' && !areaId
        ? { field: 'area', key: 'areas.errors.choose' }
        : await areas.map(req.user!, value, areaId ?? null);
    if (typeof result !== 'number') {
      return renderAreas(req, res, 422, [{ field: 'map', message: req.t(result.key) }], { text: value, area: choice });
    }
    req.flash('success', 'areas.mapped', { count: result, text: value });
    res.redirect(303, '/admin/areas');
  });

  const renderPopulation = async (
    req: Request,
    res: Response,
    status = 200,
    failed?: { dimension: PopulationDimension; errors: FieldError[]; values: Record<string, string> },
  ) => {
    const { areas: list, population } = await areas.population(req.user!);
    // every stored share goes back into its form in the reader's number format; a refused form keeps what was typed
    const forms = POPULATION_DIMENSIONS.map((dimension) => {
      const shares = population.shares[dimension];
      const categories = populationCategories(dimension, list, shares).map((c) => ({
        key: c.key,
        label: 'labelKey' in c ? req.t(c.labelKey) : c.label,
      }));
      const source = population.sources[dimension];
      const stored: Record<string, string> = {
        source: source?.source ?? '',
        year: source ? String(source.year) : '',
        ...Object.fromEntries(
          categories.map((c) => [
            `share_${c.key}`,
            c.key in shares ? formatDecimalInput(shares[c.key]! / 10, req.locale) : '',
          ]),
        ),
      };
      const mine = failed?.dimension === dimension;
      return {
        dimension,
        categories,
        values: mine ? failed.values : stored,
        errors: mine ? failed.errors : [],
        updatedAt: source?.updatedAt ?? null,
      };
    });
    res.status(status).render('admin/population', {
      title: req.t('population.title'),
      forms,
      hasAreas: list.some((a) => !a.archived),
      errors: failed?.errors ?? [],
    });
  };

  router.get('/admin/population', (req, res) => renderPopulation(req, res));

  router.post('/admin/population', async (req, res) => {
    const dimension = text(req.body, 'dimension') as PopulationDimension;
    const refuse = (key: string, on: PopulationDimension = 'age') =>
      renderPopulation(req, res, 422, {
        dimension: on,
        errors: [{ field: `${on}-source`, message: req.t(key) }],
        values: typedValues(req.body),
      });
    if (!POPULATION_DIMENSIONS.includes(dimension)) return refuse('population.errors.dimension');
    const { areas: list, population } = await areas.population(req.user!);
    const categories = populationCategories(dimension, list, population.shares[dimension]).map((c) => c.key);
    if (!categories.length) return refuse('population.errors.noAreas', dimension);
    const year = services.clock.now().setZone(req.user!.timeZone).year;
    const read = readPopulationForm(req.body as Record<string, unknown>, categories, req.t, req.locale, year);
    if (!read.ok) {
      // each dimension has its own form on the page: its fields' ids (and so the errors' links) carry its name
      const errors = read.errors.map((e) => ({ ...e, field: `${dimension}-${e.field}` }));
      return renderPopulation(req, res, 422, { dimension, errors, values: typedValues(req.body) });
    }
    await areas.savePopulation(req.user!, dimension, read.value);
    req.flash('success', read.value ? 'population.saved' : 'population.cleared');
    res.redirect(303, `/admin/population#population-${dimension}`);
  });

  return router;
}
