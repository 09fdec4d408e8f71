import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { formatDecimalInput } from '../../lib/decimals.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireRole } from '../../middleware/roles.js';
import { weightsSchema } from '../projects/projects.schema.js';
import { honorariumSettingsSchema } from '../involvement/involvement.schema.js';

const wholeNumber = (min: number, max: number, key: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, key)
    .transform(Number)
    .refine((n) => n >= min && n <= max, key);

const retentionSchema = z.object({
  dataReviewMonths: wholeNumber(6, 120, 'settings.errors.dataReviewMonths'),
  sentEmailRetentionDays: wholeNumber(1, 365, 'settings.errors.sentEmailRetentionDays'),
  emailsPerMinute: wholeNumber(0, 6000, 'settings.errors.emailsPerMinute'),
});

/** /admin/settings: the organisation's rules: retention, the e-mail send rate and the matching's weights. */
export function settingsRoutes(services: Services): Router {
  const router = Router();
  router.use('/admin/settings', requireRole('admin'));

  const render = (req: Request, res: Response, status: number, values: Record<string, string>, errors: FieldError[]) =>
    res.status(status).render('admin/settings', { title: req.t('settings.title'), values, errors });

  router.get('/admin/settings', async (req, res) => {
    const settings = await services.settingsService.settings(req.user!);
    const decimal = (n: number, fixed?: number) => formatDecimalInput(n, req.locale, fixed);
    // every stored value goes back into the form, in the reader's number format, so that saving it unchanged works
    const weights = settings.matchingWeights;
    render(
      req,
      res,
      200,
      {
        dataReviewMonths: String(settings.dataReviewMonths),
        sentEmailRetentionDays: String(settings.sentEmailRetentionDays),
        emailsPerMinute: String(settings.emailsPerMinute),
        hourlyRate: decimal(settings.hourlyHonorariumOre / 100, 2),
        roundingMinutes: String(settings.roundingMinutes),
        minimumPaidMinutesInPerson: String(settings.minimumPaidMinutesInPerson),
        preparationPaid: settings.preparationPaid ? 'on' : '',
        niceToHave: decimal(weights.niceToHave),
        fairness: decimal(weights.fairness),
        rest: decimal(weights.rest),
        diversity: decimal(weights.diversity),
        language: decimal(weights.language),
      },
      [],
    );
  });

  router.post('/admin/settings', async (req, res) => {
    // each part is checked on its own, so that one bad field is the only one refused
    const form = validateForm(retentionSchema, req.body, req.t);
    const weights = validateForm(weightsSchema, req.body, req.t);
    const honorarium = validateForm(honorariumSettingsSchema, req.body, req.t);
    if (!form.ok || !weights.ok || !honorarium.ok) {
      return render(req, res, 422, typedValues(req.body), [
        ...(form.ok ? [] : form.errors),
        ...(honorarium.ok ? [] : honorarium.errors),
        ...(weights.ok ? [] : weights.errors),
      ]);
    }
    await services.settingsService.save(req.user!, {
      ...form.data,
      matchingWeights: weights.data,
      honorarium: {
        hourlyHonorariumOre: honorarium.data.hourlyRate,
        roundingMinutes: honorarium.data.roundingMinutes,
        minimumPaidMinutesInPerson: honorarium.data.minimumPaidMinutesInPerson,
        preparationPaid: honorarium.data.preparationPaid,
      },
    });
    req.flash('success', 'settings.saved');
    res.redirect(303, '/admin/settings');
  });
  return router;
}
