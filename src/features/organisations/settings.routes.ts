import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Services } from '../../services.js';
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
    const settings = await services.organisations.settings(req.user!.organisationId);
    render(
      req,
      res,
      200,
      {
        dataReviewMonths: String(settings.dataReviewMonths),
        sentEmailRetentionDays: String(settings.sentEmailRetentionDays),
        emailsPerMinute: String(settings.emailsPerMinute),
        hourlyRate: (settings.hourlyHonorariumOre / 100).toFixed(2),
        roundingMinutes: String(settings.roundingMinutes),
        minimumPaidMinutesInPerson: String(settings.minimumPaidMinutesInPerson),
        preparationPaid: settings.preparationPaid ? 'on' : '',
      },
      [],
    );
  });

  router.post('/admin/settings', async (req, res) => {
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
    const user = req.user!;
    const current = await services.organisations.settings(user.organisationId);
    const rules = {
      hourlyHonorariumOre: honorarium.data.hourlyRate,
      roundingMinutes: honorarium.data.roundingMinutes,
      minimumPaidMinutesInPerson: honorarium.data.minimumPaidMinutesInPerson,
      preparationPaid: honorarium.data.preparationPaid,
    };
    // a change of the honorarium rules is a new version: amounts computed before keep theirs
    const rulesChanged = (Object.keys(rules) as Array<keyof typeof rules>).some((k) => rules[k] !== current[k]);
    await services.organisations.saveSettings(user.organisationId, {
      ...current,
      ...form.data,
      ...rules,
      honorariumRuleVersion: current.honorariumRuleVersion + (rulesChanged ? 1 : 0),
      matchingWeights: weights.data,
    });
    await services.audit.record({
      organisationId: user.organisationId,
      actorType: 'user',
      actorUserId: user.id,
      action: 'organisation.settings_changed',
      entityType: 'organisation',
      entityId: user.organisationId,
      details: { ...form.data, honorariumRuleVersion: current.honorariumRuleVersion + (rulesChanged ? 1 : 0) },
    });
    req.flash('success', 'settings.saved');
    res.redirect(303, '/admin/settings');
  });
  return router;
}
