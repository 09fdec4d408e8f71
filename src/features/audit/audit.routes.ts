import { Router } from 'express';
import { DateTime } from 'luxon';
import type { Services } from '../../services.js';
import { parseId } from '../../lib/paths.js';
import { formatDate, formatDateTime } from '../../lib/i18n.js';
import { requireRole } from '../../middleware/roles.js';
import { AUDIT_PAGE_SIZE } from './audit.service.js';
import type { AuditFilter } from './audit.model.js';

/** How the audit page shows a date (a day) and an instant: the app's helpers, in the reader's locale and zone. */
interface DateFormats {
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Details in the reader's language: known keys and codes are translated, dates shown as dates in the reader's
 * locale (an instant in the organisation's zone), ids as they are.
 */
export function describeDetails(
  details: Record<string, unknown>,
  t: (key: string) => string,
  formats: DateFormats,
): string {
  return Object.entries(details)
    .map(([key, value]) => {
      const label = t(`audit.details.${key}`);
      const code = `audit.values.${String(value)}`;
      const text = String(value);
      const shown =
        typeof value === 'string' && ISO_DAY.test(value)
          ? formats.date(value)
          : typeof value === 'string' && ISO_INSTANT.test(value)
            ? formats.dateTime(value)
            : t(code) === code
              ? text
              : t(code);
      return `${label === `audit.details.${key}` ? key : label}: ${shown}`;
    })
    .join(', ');
}

const isoDate = (value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;

/** /admin/audit: the organisation's audit log, newest first, filtered by action, user and period (filters in the URL). */
export function auditRoutes(services: Services): Router {
  const router = Router();
  router.get('/admin/audit', requireRole('admin'), async (req, res) => {
    const user = req.user!;
    const zone = user.timeZone;
    const from = isoDate(req.query.from);
    const to = isoDate(req.query.to);
    const fromInstant = from ? DateTime.fromISO(from, { zone }) : undefined;
    const toInstant = to ? DateTime.fromISO(to, { zone }).plus({ days: 1 }) : undefined;
    const filter: AuditFilter = {
      action:
        typeof req.query.action === 'string' && /^[a-z_.]{1,60}$/.test(req.query.action) ? req.query.action : undefined,
      actorUserId: parseId(req.query.user),
      from: fromInstant?.isValid ? fromInstant.toUTC().toISO() : undefined,
      to: toInstant?.isValid ? toInstant.toUTC().toISO() : undefined,
    };
    const page = parseId(req.query.page) ?? 1;
    const [{ events, total, actions }, users] = await Promise.all([
      services.auditService.page(user.organisationId, filter, page),
      services.usersService.list(user),
    ]);
    const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    const query = new URLSearchParams();
    if (filter.action) query.set('action', filter.action);
    if (filter.actorUserId) query.set('user', String(filter.actorUserId));
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    res.render('audit/list', {
      title: req.t('audit.title'),
      events: events.map((e) => ({
        ...e,
        detailsText: describeDetails(e.details, req.t, {
          date: (iso) => formatDate(iso, req.locale),
          dateTime: (iso) => formatDateTime(iso, req.locale, zone),
        }),
      })),
      total,
      page: Math.min(page, pages),
      pages,
      actions,
      users,
      filter: { action: filter.action ?? '', user: filter.actorUserId ?? '', from: from ?? '', to: to ?? '' },
      pageHref: (n: number) => {
        const q = new URLSearchParams(query);
        q.set('page', String(n));
        return `/admin/audit?${q.toString()}`;
      },
    });
  });
  return router;
}
