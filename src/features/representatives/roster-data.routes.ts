import { Router, type Request, type Response, type NextFunction } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { toCsv } from '../../lib/csv.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { collator, type Translate } from '../../lib/i18n.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { matchingText } from '../matching/matching.text.js';
import type { Preview } from './roster-import.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_COLUMNS, IMPORT_MAX_ROWS } from './import-limits.js';
import { previewPage } from './import-preview-page.js';
import { CONSENT_FIELDS, IMPORT_FIELDS, formHasMapping } from './import-mapping.js';
import { CONSENT_METHODS } from './representatives.model.js';
import { ERASE_WORDS } from './data-rights.service.js';
import { rosterFilterFromQuery } from './representatives.routes.js';

const confirmImportSchema = z.object({
  status: z.enum(['prospective', 'active'], 'representatives.errors.statusRequired'),
  consentMethod: z.enum(CONSENT_METHODS, 'import.errors.methodRequired'),
  rosterConsent: z.literal('yes', 'import.errors.consentNeeded'),
  skipErrors: z.literal('yes').optional(),
});

/** The confirmation's choices, carried through a change of mapping so that nothing chosen is lost. */
const CONFIRM_FIELDS = ['status', 'consentMethod', 'rosterConsent', 'skipErrors'] as const;
const confirmValues = (source: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    CONFIRM_FIELDS.filter((f) => typeof source[f] === 'string').map((f) => [f, (source[f] as string).slice(0, 20)]),
  );

/** The error summary for rows with errors: what to do, then each cell's problem linking to its row. */
function rowErrors(preview: Preview, t: Translate): FieldError[] {
  const cells = preview.rows.flatMap((row) =>
    row.errors.map((e) => ({
      field: `line-${row.line}`,
      message: t('import.errors.rowSummary', {
        line: row.line,
        message: e.column ? `${e.column}: ${e.message}` : e.message,
      }),
    })),
  );
  return [{ field: 'skipErrors', message: t('import.errors.rowsWithErrors', { count: preview.counts.error }) }].concat(
    cells.slice(0, 50),
  );
}

/**
 * The roster's data in and out: CSV import and export, a person's data as JSON, erasure and the data review.
 * Facilitators and admins only.
 */
export function rosterDataRoutes(services: Services): Router {
  const router = Router();
  const { rosterImportService: rosterImport, dataRightsService: dataRights, skillsService } = services;
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
    res.status(status).render('representatives/import', {
      title: req.t('import.title'),
      errors,
      maxKb: IMPORT_MAX_BYTES / 1024,
      maxRows: IMPORT_MAX_ROWS,
      maxColumns: IMPORT_MAX_COLUMNS,
    });

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
    values: Record<string, string>,
    computed?: Preview,
  ) => {
    const preview =
      computed ?? (await rosterImport.preview(req.user!, requireId(req.params.batchId), req.t, req.locale));
    const consentColumns = CONSENT_FIELDS.map(([field]) => field).filter((f) =>
      Object.values(preview.mapping).includes(f),
    );
    const batchId = preview.batchId;
    res.status(status).render('representatives/import-preview', {
      title: req.t('import.preview.title'),
      preview,
      // the 422 of a confirmation shows the first page, where the rows its error summary links to are
      shown: previewPage(preview, status === 200 ? req.query.page : undefined),
      pageHref: (n: number) => `/representatives/import/${batchId}?page=${n}`,
      fields: IMPORT_FIELDS,
      consentColumns,
      methods: CONSENT_METHODS,
      errors,
      values: { status: 'prospective', ...values },
    });
  };
  const resultUrl = (batchId: number) => `/representatives/import/${batchId}/result`;
  const imported = async (req: Request, batchId: number) =>
    (await rosterImport.importedIds(req.user!, batchId)) !== undefined;

  router.get('/representatives/import/:batchId', async (req, res) => {
    const batchId = requireId(req.params.batchId);
    if (await imported(req, batchId)) return res.redirect(303, resultUrl(batchId));
    await renderPreview(req, res, 200, [], confirmValues(req.query));
  });

  // the mapping and the confirmation are one form: "use these columns" keeps the confirmation's choices
  router.post('/representatives/import/:batchId/mapping', async (req, res) => {
    const batchId = requireId(req.params.batchId);
    await rosterImport.setMapping(req.user!, batchId, req.body as Record<string, unknown>);
    const query = new URLSearchParams(confirmValues(req.body as Record<string, unknown>)).toString();
    res.redirect(303, `/representatives/import/${batchId}${query ? `?${query}` : ''}`);
  });

  router.post('/representatives/import/:batchId/confirm', async (req, res) => {
    const batchId = requireId(req.params.batchId);
    if (await imported(req, batchId)) return res.redirect(303, resultUrl(batchId));
    const body = (req.body ?? {}) as Record<string, unknown>;
    // a mapping changed on the page counts, even when "import" was pressed without "use these columns" first
    if (formHasMapping(body)) await rosterImport.setMapping(req.user!, batchId, body);
    const values = typedValues(body);
    const form = validateForm(confirmImportSchema, body, req.t);
    const preview = await rosterImport.preview(req.user!, batchId, req.t, req.locale);
    const errors = [
      ...(form.ok ? [] : form.errors),
      ...(preview.counts.error > 0 && body.skipErrors !== 'yes' ? rowErrors(preview, req.t) : []),
    ];
    if (!form.ok || errors.length) return renderPreview(req, res, 422, errors, values, preview);
    const outcome = await rosterImport.confirm(req.user!, batchId, req.t, req.locale, {
      status: form.data.status,
      method: form.data.consentMethod,
      skipErrors: form.data.skipErrors === 'yes',
    });
    if ('refused' in outcome)
      return renderPreview(req, res, 422, rowErrors(outcome.refused, req.t), values, outcome.refused);
    req.flash('success', outcome.imported === 1 ? 'import.done.one' : 'import.done.other');
    res.redirect(303, resultUrl(batchId));
  });

  router.get('/representatives/import/:batchId/result', async (req, res) => {
    const batchId = requireId(req.params.batchId);
    const result = await services.importFollowUpService.result(req.user!, batchId);
    if (!result) return res.redirect(303, `/representatives/import/${batchId}`);
    const text = matchingText(req.t, req.locale, []);
    const byName = collator(req.locale);
    const people = result.notInvitable
      .map((p) => ({
        id: p.id,
        name: p.name,
        reasons: p.blockers.flatMap((b) =>
          b.reason === 'notActive'
            ? [
                req.t('import.result.notActive', {
                  status: req.t(`representatives.statuses.${p.status}`),
                  active: req.t('representatives.statuses.active'),
                }),
              ]
            : b.reason === 'paused'
              ? [req.t('import.result.paused')]
              : text.exclusionLines([b]),
        ),
      }))
      .sort((a, b) => byName.compare(a.name, b.name) || a.id - b.id);
    res.render('representatives/import-result', {
      title: req.t('import.result.title'),
      imported: result.imported,
      ready: result.ready,
      people,
    });
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
    const confirmation = (req.body as Record<string, unknown> | undefined)?.confirmation;
    const typed = typeof confirmation === 'string' ? confirmation.trim() : '';
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
