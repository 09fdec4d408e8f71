import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { isLocale, negotiateLocale, translator, formatDate, formatDateTime, formatNumber } from '../lib/i18n.js';

export const LOCALE_COOKIE = 'lang';

/**
 * Picks the language: the visitor's remembered choice (cookie), else Accept-Language, else the default;
 * and gives views t() and the date and number formatters in that language.
 */
export function localeMiddleware(config: Config): RequestHandler {
  return (req, res, next) => {
    // a signed-in user's remembered choice, else this browser's choice, else what the browser asks for
    const chosen: unknown = req.user?.locale ?? req.cookies?.[LOCALE_COOKIE];
    const locale = isLocale(chosen) ? chosen : negotiateLocale(req.get('accept-language'), config.defaultLocale);
    req.locale = locale;
    req.t = translator(locale);
    res.locals.locale = locale;
    res.locals.t = req.t;
    res.locals.formatDate = (iso: string | null) => formatDate(iso, locale);
    const zone = req.user?.timeZone ?? config.timeZone;
    res.locals.formatDateTime = (iso: string | null) => formatDateTime(iso, locale, zone);
    res.locals.formatNumber = (n: number) => formatNumber(n, locale);
    res.locals.currentPath = req.originalUrl;
    res.vary('Accept-Language');
    next();
  };
}
