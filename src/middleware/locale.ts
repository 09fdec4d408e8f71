import { skillName } from '../lib/skill-name.js';
import type { Request, RequestHandler, Response } from 'express';
import type { Config, Locale } from '../config.js';
import { isLocale, negotiateLocale, translator, formatDate, formatDateTime, formatNumber } from '../lib/i18n.js';
import { cookieName, cookieOptions, requestCookie } from './cookies.js';

/** Remembers this browser's language in a cookie (`__Host-lang` in production); for the browser's session unless
 * `maxAgeMs` is given. */
export function rememberLocale(res: Response, config: Pick<Config, 'env'>, locale: Locale, maxAgeMs?: number): void {
  const options = cookieOptions(config);
  res.cookie(cookieName(config, 'lang'), locale, maxAgeMs === undefined ? options : { ...options, maxAge: maxAgeMs });
}

/**
 * Picks the language: the visitor's remembered choice (cookie), else Accept-Language, else the default;
 * and gives views t() and the date and number formatters in that language.
 */
export function localeMiddleware(config: Config): RequestHandler {
  const localeCookie = cookieName(config, 'lang');
  return (req, res, next) => {
    // a signed-in user's remembered choice, else this browser's choice, else what the browser asks for
    const chosen = req.user?.locale ?? requestCookie(req, localeCookie);
    req.localeChosen = isLocale(chosen);
    const locale = isLocale(chosen) ? chosen : negotiateLocale(req.get('accept-language'), config.defaultLocale);
    applyLocale(req, res, locale, req.user?.timeZone ?? config.timeZone);
    res.locals.currentPath = req.originalUrl;
    res.vary('Accept-Language');
    next();
  };
}

/**
 * Sets the page's language and time zone. Pages opened by a representative's personal link use the person's
 * language and the organisation's zone, unless this browser chose a language with the switch.
 */
export function applyLocale(req: Request, res: Response, locale: Locale, zone: string): void {
  req.locale = locale;
  req.t = translator(locale);
  res.locals.locale = locale;
  res.locals.t = req.t;
  res.locals.formatDate = (iso: string | null) => formatDate(iso, locale);
  res.locals.formatDateTime = (iso: string | null) => formatDateTime(iso, locale, zone);
  res.locals.formatNumber = (n: number) => formatNumber(n, locale);
  res.locals.localeOptions = LOCALE_OPTIONS;
  res.locals.skillLabel = (skill: { nameNb: string; nameEn: string; nameNn?: string | null }) =>
    skillName(skill, locale);
  res.locals.localeName = (code: string) => LOCALE_OPTIONS.find((o) => o.value === code)?.label ?? code;
}

/** The languages as choices, each named in itself (so that a reader finds their own whatever the page's language). */
export const LOCALE_OPTIONS: ReadonlyArray<{ value: Locale; label: string }> = [
  { value: 'nb', label: 'Norsk (bokmål)' },
  { value: 'nn', label: 'Norsk (nynorsk)' },
  { value: 'en', label: 'English' },
];
