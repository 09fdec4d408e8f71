import type { RequestHandler } from 'express';
import type { Logger } from '../lib/logger.js';
import type { TokenRoutes } from './token-routes.js';

/** One log line per request: method, path without query string and with tokens redacted, status, time. */
export function requestLog(logger: Logger, tokenRoutes: TokenRoutes): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info('request', {
        method: req.method,
        path: tokenRoutes.redact(req.path),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      });
    });
    next();
  };
}
