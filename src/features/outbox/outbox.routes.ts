import { Router, type RequestHandler } from 'express';
import type { Services } from '../../services.js';
import { parseId, requireId } from '../../lib/paths.js';
import { notFound } from '../../lib/errors.js';
import { requireRole } from '../../middleware/roles.js';
import { OUTBOX_PAGE_SIZE } from './outbox.service.js';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox.model.js';

// a URL in a captured text body, made a link on the mailbox page; a full stop or comma after it is not part of it
const URL_IN_TEXT = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)])/g;

/** Splits plain text into text and link pieces, so the view can escape the text and link the addresses. */
export function linkify(text: string): Array<{ text: string; href?: string }> {
  return text
    .split(URL_IN_TEXT)
    .filter((piece) => piece !== '')
    .map((piece) => (/^https?:\/\//.test(piece) ? { text: piece, href: piece } : { text: piece }));
}

/**
 * /admin/outbox: every e-mail of the organisation with its state, and a retry for failed ones. /admin/mailbox:
 * in development without SMTP_URL, the captured e-mails, readable as text and as HTML.
 */
export function outboxRoutes(services: Services): Router {
  const router = Router();
  const { outboxService, config } = services;
  router.use(['/admin/outbox', '/admin/mailbox'], requireRole('admin'));

  router.get('/admin/outbox', async (req, res) => {
    const status = OUTBOX_STATUSES.includes(req.query.status as OutboxStatus)
      ? (req.query.status as OutboxStatus)
      : undefined;
    const page = parseId(req.query.page) ?? 1;
    const { entries, total, counts } = await outboxService.page(req.user!, { status }, page);
    const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
    res.render('outbox/list', {
      title: req.t('outbox.title'),
      entries,
      total,
      counts,
      statuses: OUTBOX_STATUSES,
      status: status ?? '',
      page: Math.min(page, pages),
      pages,
      mailbox: !config.smtpUrl,
      pageHref: (n: number) =>
        `/admin/outbox?${new URLSearchParams({ ...(status ? { status } : {}), page: String(n) })}`,
    });
  });

  router.post('/admin/outbox/:id/retry', async (req, res) => {
    await outboxService.retry(req.user!, requireId(req.params.id));
    req.flash('success', 'outbox.retried');
    res.redirect(303, '/admin/outbox');
  });

  // the mailbox exists only while nothing is really sent
  const requireMailbox: RequestHandler = (_req, _res, next) => next(config.smtpUrl ? notFound() : undefined);

  router.get('/admin/mailbox', requireMailbox, async (req, res) => {
    const page = parseId(req.query.page) ?? 1;
    const { entries, total } = await outboxService.page(req.user!, { via: 'mailbox' }, page);
    const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
    res.render('outbox/mailbox', {
      title: req.t('mailbox.title'),
      entries,
      total,
      page: Math.min(page, pages),
      pages,
      pageHref: (n: number) => `/admin/mailbox?page=${n}`,
    });
  });

  router.get('/admin/mailbox/:id', requireMailbox, async (req, res) => {
    const message = await outboxService.captured(req.user!, requireId(req.params.id));
    res.render('outbox/message', {
      title: message.subject,
      message,
      textPieces: message.text === null ? null : linkify(message.text),
    });
  });

  // the e-mail's own HTML, as the recipient's mail program would show it; sandboxed, with no script or outside
  // resources allowed
  router.get('/admin/mailbox/:id/html', requireMailbox, async (req, res) => {
    const message = await outboxService.captured(req.user!, requireId(req.params.id));
    if (message.html === null) throw notFound();
    res.set(
      'Content-Security-Policy',
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation",
    );
    res.type('html').send(message.html);
  });

  return router;
}
