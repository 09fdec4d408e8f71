import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { formatDecimalInput } from '../../lib/decimals.js';
import { formatDate, formatNumber } from '../../lib/i18n.js';
import { problemErrors, typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { ssoSettingsSchema } from '../sso/sso.schema.js';
import { requireRole } from '../../middleware/roles.js';
import { weightsSchema } from '../projects/projects.schema.js';
import { honorariumSettingsSchema } from '../involvement/involvement.schema.js';
import { FIRST_VALID_FROM } from '../involvement/rule-versions.js';
import { retentionSchema, validFromSchema, writtenStandardSchema } from './organisations.schema.js';
import type { SettingsInput } from './organisations.service.js';

/** /admin/settings: the organisation's rules: retention, the e-mail send rate, the honorarium and the matching's weights. */
export function settingsRoutes(services: Services): Router {
  const router = Router();
  router.use('/admin/settings', requireRole('admin'));

  const render = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string> | undefined,
    errors: FieldError[],
  ) => {
    const [{ settings, honorarium }, requireSecondFactor, sso, writtenStandard] = await Promise.all([
      services.organisationsService.settingsForm(req.user!),
      services.secondFactorService.required(req.user!),
      services.ssoSettingsService.view(req.user!),
      services.organisationsService.writtenStandard(req.user!),
    ]);
    const decimal = (n: number, fixed?: number) => formatDecimalInput(n, req.locale, fixed);
    // every stored value goes back into the form, in the reader's number format, so that saving it unchanged works
    const weights = settings.matchingWeights;
    const rules = honorarium.latest;
    const stored = {
      dataReviewMonths: String(settings.dataReviewMonths),
      sentEmailRetentionDays: String(settings.sentEmailRetentionDays),
      auditRetentionYears: String(settings.auditRetentionYears),
      emailsPerMinute: String(settings.emailsPerMinute),
      hourlyRate: decimal(rules.hourlyRateOre / 100, 2),
      roundingMinutes: String(rules.roundingMinutes),
      minimumPaidMinutesInPerson: String(rules.minimumPaidMinutesInPerson),
      preparationPaid: rules.preparationPaid ? 'on' : '',
      validFrom: honorarium.defaultValidFrom,
      niceToHave: decimal(weights.niceToHave),
      fairness: decimal(weights.fairness),
      rest: decimal(weights.rest),
      diversity: decimal(weights.diversity),
      language: decimal(weights.language),
      // single sign-on: the secret is never shown (blank keeps it)
      oidcIssuer: sso.issuer,
      oidcClientId: sso.clientId,
      oidcClientSecret: '',
      ssoDomains: sso.domains.join(', '),
      passwordsAllowed: sso.passwordsAllowed ? 'on' : '',
      writtenStandard,
    };
    res.status(status).render('admin/settings', {
      title: req.t('settings.title'),
      // a refused form keeps what was typed; the other forms on the page show what is stored
      values: values ? { ...stored, ...values } : stored,
      sso,
      errors,
      requireSecondFactor,
      versions: [...honorarium.versions].reverse(),
      latestVersion: rules.version,
      money: (ore: number) =>
        formatNumber(ore / 100, req.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      dateOf: (isoDate: string) => (isoDate === FIRST_VALID_FROM ? '' : formatDate(isoDate, req.locale)),
    });
  };

  router.get('/admin/settings', (req, res) => render(req, res, 200, undefined, []));

  router.post('/admin/settings', async (req, res) => {
    // each part is checked on its own, so that one bad field is the only one refused
    const parts = [
      validateForm(retentionSchema, req.body, req.t),
      validateForm(honorariumSettingsSchema, req.body, req.t),
      validateForm(validFromSchema, req.body, req.t),
      validateForm(weightsSchema, req.body, req.t),
    ] as const;
    const [form, honorarium, validFrom, weights] = parts;
    if (!form.ok || !honorarium.ok || !validFrom.ok || !weights.ok) {
      const errors = parts.flatMap((p) => (p.ok ? [] : p.errors));
      return render(req, res, 422, { preparationPaid: '', ...typedValues(req.body) }, errors);
    }
    const user = req.user!;
    const input: SettingsInput = {
      ...form.data,
      matchingWeights: weights.data,
      honorarium: {
        hourlyRateOre: honorarium.data.hourlyRate,
        roundingMinutes: honorarium.data.roundingMinutes,
        minimumPaidMinutesInPerson: honorarium.data.minimumPaidMinutesInPerson,
        preparationPaid: honorarium.data.preparationPaid,
      },
      honorariumValidFrom: validFrom.data.validFrom,
    };
    const problem = await services.organisationsService.saveSettings(user, input);
    if (problem) {
      const message = req.t(problem.key, { date: formatDate(String(problem.params?.date), req.locale) });
      return render(req, res, 422, { preparationPaid: '', ...typedValues(req.body) }, [
        { field: problem.field, message },
      ]);
    }
    req.flash('success', 'settings.saved');
    res.redirect(303, '/admin/settings');
  });
  router.post('/admin/settings/sso', async (req, res) => {
    const values = { passwordsAllowed: '', ...typedValues(req.body), oidcClientSecret: '' };
    const form = validateForm(ssoSettingsSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, values, form.errors);
    const problem = await services.ssoSettingsService.save(req.user!, {
      issuer: form.data.oidcIssuer,
      clientId: form.data.oidcClientId,
      clientSecret: form.data.oidcClientSecret,
      domains: form.data.ssoDomains,
      passwordsAllowed: form.data.passwordsAllowed === 'on',
    });
    if (problem) return render(req, res, 422, values, problemErrors(req.t, problem));
    req.flash('success', 'settings.sso.saved');
    res.redirect(303, '/admin/settings#sso');
  });

  router.post('/admin/settings/sso/off', async (req, res) => {
    await services.ssoSettingsService.turnOff(req.user!);
    req.flash('success', 'settings.sso.off');
    res.redirect(303, '/admin/settings#sso');
  });

  // the official written standard: a form of its own; anything but nb or nn is refused with the allowed values
  router.post('/admin/settings/language', async (req, res) => {
    const form = validateForm(writtenStandardSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, typedValues(req.body), form.errors);
    await services.organisationsService.setWrittenStandard(req.user!, form.data.writtenStandard);
    req.flash('success', 'settings.language.saved');
    res.redirect(303, '/admin/settings#written-standard');
  });

  // sign-in security is a form of its own: one box, saved at once, so that it never rides along with the rules
  router.post('/admin/settings/sign-in', async (req, res) => {
    const wanted = (req.body as Record<string, unknown> | undefined)?.requireSecondFactor === 'on';
    await services.secondFactorService.setRequired(req.user!, wanted);
    req.flash('success', wanted ? 'settings.signIn.required' : 'settings.signIn.optional');
    res.redirect(303, '/admin/settings#sign-in');
  });
  return router;
}
