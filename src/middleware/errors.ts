import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Config } from '../config.js';
import { AppError, notFound } from '../lib/errors.js';
import { translator } from '../lib/i18n.js';
import type { Logger } from '../lib/logger.js';
import type { TokenRoutes } from './token-routes.js';

/** Unknown routes: a friendly 404 page in the visitor's language. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(notFound());
};

const DB_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_BUSY',
  '57P01', // admin_shutdown
  '57P02',
  '57P03', // cannot_connect_now
  '57014', // query_canceled: the statement timeout (DB_TIMEOUT_MS)
  '25P03', // idle_in_transaction_session_timeout
  '3D000', // database does not exist
]);

/** Errors that mean "the database cannot be reached right now", answered with 503 rather than 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === 'KnexTimeoutError') return true;
  if (e.code && (DB_UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08') || e.code.startsWith('SQLITE_BUSY')))
    return true;
  const message = e.message ?? '';
  return /Unable to acquire a connection|Connection terminated|Query read timeout|timeout expired|database connection is not open|The database connection is not open/i.test(
    message,
  );
}

type ErrorKind = 'badRequest' | 'forbidden' | 'notFound' | 'tooLarge' | 'tooMany' | 'server' | 'unavailable';

function kindOf(status: number): ErrorKind {
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 413) return 'tooLarge';
  if (status === 429) return 'tooMany';
  if (status === 503) return 'unavailable';
  return status >= 500 ? 'server' : 'badRequest';
}

function classify(err: unknown): { status: number; kind: ErrorKind; bodyKey: string } {
  if (err instanceof AppError) return { status: err.status, kind: kindOf(err.status), bodyKey: err.messageKey };
  const e = (err ?? {}) as { type?: string; status?: number; statusCode?: number };
  const given = e.status ?? e.statusCode;
  let status = 500;
  if (e.type === 'entity.too.large') status = 413;
  else if (isDatabaseUnavailable(err)) status = 503;
  else if (typeof given === 'number' && given >= 400 && given < 500) status = given;
  const kind = kindOf(status);
  return { status, kind, bodyKey: `errors.${kind}.body` };
}

/**
 * The one error path: every error becomes a page in the visitor's language with the right status. No stack
 * trace is ever shown; server errors are logged with the error's name, code and stack frames only (the
 * message can hold personal data from a query).
 */
export function errorHandler(config: Config, logger: Logger, tokenRoutes?: TokenRoutes): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const { status, kind, bodyKey } = classify(err);
    if (status >= 500) {
      const e = err as { name?: string; code?: string; stack?: string };
      logger.error('request_failed', {
        method: req.method,
        // without the registry (a test's bare app), no path at all rather than one that may hold a token
        path: tokenRoutes ? tokenRoutes.redact(req.path) : undefined,
        status,
        error: e?.name ?? 'Error',
        code: e?.code,
        frames: config.env === 'production' ? undefined : e?.stack?.split('\n').slice(1, 6).join(' | '),
      });
    }
    const t = req.t ?? translator(config.defaultLocale);
    if (status === 503) res.set('Retry-After', '30');
    res.status(status);
    const params = err instanceof AppError ? err.params : {};
    res.render(
      'errors/error',
      {
        t,
        locale: req.locale ?? config.defaultLocale,
        status,
        title: t(`errors.${kind}.title`),
        message: t(bodyKey, params),
      },
      (renderErr: Error | null, html?: string) => {
        if (renderErr) {
          res.type('text/plain').send(t(bodyKey, params));
          return;
        }
        res.send(html);
      },
    );
  };
}
