import { isNorwegian } from '../../config.js';
import { Router, type Request } from 'express';
import type { Services } from '../../services.js';
import { toCsv } from '../../lib/csv.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/i18n.js';
import { validateForm } from '../../lib/forms.js';
import { requireRole } from '../../middleware/roles.js';
import { periodSchema } from './involvement.schema.js';
import type { HonorariumRuleVersion } from './rule-versions.js';

/** The payment list for a period, on screen and as CSV for the finance office, with its downloads and corrections. */
export function paymentsRoutes(services: Services): Router {
  const router = Router();
  const staff = requireRole('facilitator', 'admin');
  const payments = services.paymentsService;

  const period = (req: Request) => {
    const today = services.clock.now().setZone(req.user!.timeZone);
    const lastMonth = today.minus({ months: 1 });
    const query = req.query as Record<string, unknown>;
    const raw = {
      from: typeof query.from === 'string' ? query.from : lastMonth.startOf('month').toISODate()!,
      to: typeof query.to === 'string' ? query.to : lastMonth.endOf('month').toISODate()!,
    };
    return { raw, form: validateForm(periodSchema, raw, req.t) };
  };

  router.get('/payments', staff, async (req, res) => {
    const { raw, form } = period(req);
    const list = form.ok ? await payments.list(req.user!, form.data.from, form.data.to) : undefined;
    const rows = list?.rows ?? [];
    const money = (ore: number) =>
      formatNumber(ore / 100, req.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    res.status(form.ok ? 200 : 422).render('involvement/payments', {
      title: req.t('involvement.payments.title'),
      rows,
      people: new Set(rows.map((r) => r.representativeId)).size,
      exports: list?.exports ?? [],
      corrections: list?.corrections ?? [],
      values: raw,
      errors: form.ok ? [] : form.errors,
      csvHref: `/payments.csv?${new URLSearchParams(raw)}`,
      money,
      hoursOf: (minutes: number) =>
        formatNumber(minutes / 60, req.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      versionOf: (version: number) => {
        const v = list?.versions.get(version);
        return v
          ? req.t('involvement.payments.versionLabel', { version, rate: money(v.hourlyRateOre) })
          : String(version);
      },
      versionFrom: (version: number) => {
        const v = list?.versions.get(version);
        return v && v.validFrom > '1900-01-01'
          ? req.t('involvement.payments.versionFrom', { date: formatDate(v.validFrom, req.locale) })
          : '';
      },
      dateOf: (isoDate: string) => formatDate(isoDate, req.locale),
      instantOf: (iso: string) => formatDateTime(iso, req.locale, req.user!.timeZone),
      total: rows.reduce((sum, r) => sum + r.honorariumOre + r.travelCostOre, 0),
    });
  });

  router.get('/payments.csv', staff, async (req, res) => {
    const { form } = period(req);
    if (!form.ok) return res.redirect(303, '/payments');
    const { rows, versions } = await payments.download(req.user!, form.data.from, form.data.to);
    // numbers with a decimal comma and no thousands separator: what Norwegian Excel reads as numbers
    const decimal = (n: number) => n.toFixed(2).replace('.', isNorwegian(req.locale) ? ',' : '.');
    const amount = (ore: number) => decimal(ore / 100);
    const hours = (minutes: number) => decimal(minutes / 60);
    const rate = (v: HonorariumRuleVersion | undefined) => (v ? amount(v.hourlyRateOre) : '');
    const header = [
      'name',
      'address',
      'entries',
      'hours',
      'preparation',
      'paidHours',
      'ruleVersion',
      'hourlyRate',
      'honorarium',
      'travel',
      'total',
    ].map((k) => req.t(`involvement.payments.columns.${k}`));
    const body = rows.map((r) => [
      r.name,
      r.postalAddress.replace(/\s*\n\s*/g, ', '),
      String(r.entries),
      hours(r.minutes),
      hours(r.preparationMinutes),
      hours(r.paidMinutes),
      String(r.ruleVersion),
      rate(versions.get(r.ruleVersion)),
      amount(r.honorariumOre),
      amount(r.travelCostOre),
      amount(r.honorariumOre + r.travelCostOre),
    ]);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="honorar-${form.data.from}-${form.data.to}.csv"`);
    res.send(toCsv([header, ...body], ';'));
  });

  return router;
}
