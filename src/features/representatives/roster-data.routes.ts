import { Router, type Request, type Response, type NextFunction } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { toCsv } from '../../lib/csv.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { IMPORT_FIELDS, IMPORT_MAX_BYTES } from './roster-import.js';
import { ERASE_WORDS } from './data-rights.service.js';
import { rosterFilterFromQuery } from './representatives.routes.js';

const confirmImportSchema = z.object({
  status: z.enum(['prospective', 'active'], 'representatives.errors.statusRequired'),
  rosterConsent: z.literal('yes', 'import.errors.consentNeeded'),
});

/**
 * The roster's data in and out: CSV import and export, a person's data as JSON, erasure and the data review.
 * Facilitators and admins only.
 */
export function rosterDataRoutes(services: Services): Router {
  const router = Router();
  const { rosterImport, dataRights, skillsService } = services;
  router.use('/representatives', requireRole('facilitator', 'admin'));

  // ---- export
  router.get('/representatives/export.csv', async (req, res) => {
    const grouped = await skillsService.grouped(req.user!, req.locale, { includeArchived: false });
    const { filter } = rosterFilterFromQuery(req.query, grouped);
    const rows = await dataRights.exportRoster(req.user!, filter, req.t, req.locale);
    const delimiter = req.query.sep === 'comma' ? ',' : ';';
    const day = services.clock.now().setZone(req.user!.timeZone).toISODate();
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="representanter-${day}.csv"`);
    res.send(toCsv(rows, delimiter));
  });

  // ---- import
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10 },
  });
  const renderUpload = (req: Request, res: Response, status: number, errors: FieldError[]) =>
    res
      .status(status)
      .render('representatives/import', { title: req.t('import.title'), errors, maxKb: IMPORT_MAX_BYTES / 1024 });

  router.get('/representatives/import', (req, res) => renderUpload(req, res, 200, []));

  router.post(
    '/representatives/import',
    (req: Request, res: Response, next: NextFunction) =>
      upload.single('file')(req, res, (err: unknown) => {
        if (!err) return next();
        const code = (err as { code?: string }).code;
        const key = code === 'LIMIT_FILE_SIZE' ? 'import.errors.tooLarge' : 'import.errors.notCsv';
        renderUpload(req, res, 422, [{ field: 'file', message: req.t(key, { count: IMPORT_MAX_BYTES / 1024 }) }]);
      }),
    async (req, res) => {
      const result = await rosterImport.upload(req.user!, req.file);
      if (typeof result !== 'number')
        return renderUpload(req, res, 422, [{ field: 'file', message: req.t(result.key, result.params) }]);
      res.redirect(303, `/representatives/import/${result}`);
    },
  );

  const renderPreview = async (
    req: Request,
    res: Response,
    status: number,
    errors: FieldError[],
    values: Record<string, string> = {},
  ) => {
    const preview = await rosterImport.preview(req.user!, requireId(req.params.batchId), req.t);
    res.status(status).render('representatives/import-preview', {
      title: req.t('import.preview.title'),
      preview,
      fields: IMPORT_FIELDS,
      errors,
      values: { status: 'prospective', ...values },
    });
  };

  router.get('/representatives/import/:batchId', (req, res) => renderPreview(req, res, 200, []));

  router.post('/representatives/import/:batchId/mapping', async (req, res) => {
    const batchId = requireId(req.params.batchId);
    await rosterImport.setMapping(req.user!, batchId, req.body as Record<string, unknown>);
    res.redirect(303, `/representatives/import/${batchId}`);
  });

  router.post('/representatives/import/:batchId/confirm', async (req, res) => {
    const batchId = requireId(req.params.batchId);
    const form = validateForm(confirmImportSchema, req.body, req.t);
    if (!form.ok) return renderPreview(req, res, 422, form.errors, typedValues(req.body));
    const imported = await rosterImport.confirm(req.user!, batchId, req.t, {
      status: form.data.status,
      rosterConsent: true,
    });
    req.flash('success', imported === 1 ? 'import.done.one' : 'import.done.other');
    res.redirect(303, '/representatives?sort=newest');
  });

  router.post('/representatives/import/:batchId/discard', async (req, res) => {
    await rosterImport.discard(req.user!, requireId(req.params.batchId));
    req.flash('info', 'import.discarded');
    res.redirect(303, '/representatives/import');
  });

  // ---- data review
  router.get('/representatives/review', async (req, res) => {
    const review = await dataRights.reviewList(req.user!);
    res.render('representatives/review', { title: req.t('review.title'), ...review });
  });

  router.post('/representatives/:id/reviewed', async (req, res) => {
    await dataRights.markReviewed(req.user!, requireId(req.params.id));
    req.flash('success', 'review.done');
    res.redirect(303, '/representatives/review');
  });

  // ---- a person's data, and erasure
  router.get('/representatives/:id/export.json', async (req, res) => {
    const id = requireId(req.params.id);
    const data = await dataRights.personalData(req.user!, id);
    res.set('Content-Disposition', `attachment; filename="representant-${id}.json"`);
    res.type('application/json').send(JSON.stringify(data, null, 2));
  });

  const renderErase = async (
    req: Request,
    res: Response,
    status: number,
    errors: FieldError[],
    values: Record<string, string>,
  ) => {
    const rep = await services.representativesService.get(req.user!, requireId(req.params.id));
    res.status(status).render('representatives/erase', { title: req.t('erase.title'), rep, errors, values });
  };

  router.get('/representatives/:id/erase', (req, res) => renderErase(req, res, 200, [], {}));

  router.post('/representatives/:id/erase', async (req, res) => {
    const typed = typeof req.body?.confirmation === 'string' ? req.body.confirmation.trim() : '';
    if (!ERASE_WORDS.includes(typed.toUpperCase())) {
      return renderErase(
        req,
        res,
        422,
        [{ field: 'confirmation', message: req.t('erase.errors.confirmation') }],
        typedValues(req.body),
      );
    }
    await dataRights.erase(req.user!, requireId(req.params.id));
    req.flash('success', 'erase.done');
    res.redirect(303, '/representatives');
  });

  return router;
}
