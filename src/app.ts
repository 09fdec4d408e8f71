import path from 'node:path';
import { createRequire } from 'node:module';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import { rootDir } from './config.js';
import type { Services } from './services.js';
import { securityHeaders } from './middleware/security.js';
import { requestLog } from './middleware/request-log.js';
import { localeMiddleware } from './middleware/locale.js';
import { flashMessages } from './middleware/flash.js';
import { csrfProtection } from './middleware/csrf.js';
import { tokenRouteGuard } from './middleware/token-routes.js';
import { queryParserWithoutControlCharacters, stripFormControlCharacters } from './middleware/control-characters.js';
import { errorHandler, notFoundHandler } from './middleware/errors.js';
import { healthRoutes } from './features/health/health.routes.js';
import { metricsRoutes } from './features/metrics/metrics.routes.js';
import { requestMetrics } from './features/metrics/metrics.middleware.js';
import { publicRoutes } from './features/public/public.routes.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { secondFactorRoutes } from './features/auth/second-factor.routes.js';
import { welcomeRoutes } from './features/auth/welcome.routes.js';
import { ssoRoutes } from './features/sso/sso.routes.js';
import { accountRoutes } from './features/account/account.routes.js';
import { calendarRoutes } from './features/account/calendar.routes.js';
import { handoverRoutes } from './features/handover/handover.routes.js';
import { usersRoutes } from './features/users/users.routes.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { dashboardRoutes } from './features/dashboard/dashboard.routes.js';
import { noticesRoutes } from './features/notices/notices.routes.js';
import { worklistRoutes } from './features/worklist/worklist.routes.js';
import { representativesRoutes } from './features/representatives/representatives.routes.js';
import { skillsRoutes } from './features/skills/skills.routes.js';
import { rosterBulkRoutes } from './features/representatives/roster-bulk.routes.js';
import { writtenLanguageRoutes } from './features/representatives/written-language.routes.js';
import { rosterDataRoutes } from './features/representatives/roster-data.routes.js';
import { settingsRoutes } from './features/organisations/settings.routes.js';
import { unitsRoutes } from './features/units/units.routes.js';
import { projectsRoutes } from './features/projects/projects.routes.js';
import { projectTemplatesRoutes } from './features/projects/project-templates.routes.js';
import { sessionMiddleware } from './middleware/session.js';
import { currentUser } from './middleware/current-user.js';
import { outboxRoutes } from './features/outbox/outbox.routes.js';
import { invitationsRoutes } from './features/invitations/invitations.routes.js';
import { involvementRoutes } from './features/involvement/involvement.routes.js';
import { paymentsRoutes } from './features/involvement/payments.routes.js';
import { impactsRoutes } from './features/impacts/impacts.routes.js';
import { resultsRoutes } from './features/results/results.routes.js';
import { summariesRoutes } from './features/summaries/summaries.routes.js';
import { sharingRoutes } from './features/sharing/sharing.routes.js';
import { surveysRoutes } from './features/surveys/surveys.routes.js';
import { areasRoutes } from './features/areas/areas.routes.js';
import { unitRequestsRoutes } from './features/unit-requests/unit-requests.routes.js';
import { reportsRoutes } from './features/reports/reports.routes.js';
import { answerRoutes } from './features/invitations/answer.routes.js';
import { participationRoutes } from './features/participation/participation.routes.js';
import { emailConfirmRoutes } from './features/participation/email-confirm.routes.js';

const require = createRequire(import.meta.url);
// Designsystemet's CSS is served straight from node_modules: no front-end build step
const designsystemetCss = path.dirname(require.resolve('@digdir/designsystemet-css'));
const designsystemetTheme = require.resolve('@digdir/designsystemet-theme/digdir.css');

/**
 * EJS setup shared by the app and tests. Includes are written from the views root ("/partials/top"), so that
 * EJS resolves them without a file-system check on every include of every render. Compiled templates are
 * cached outside development.
 */
export function configureViews(app: Express, cache: boolean): void {
  const views = path.join(rootDir, 'views');
  app.set('views', views);
  app.set('view engine', 'ejs');
  app.set('view options', { root: views });
  app.set('view cache', cache);
}

/** Builds the Express app from the services: middleware, routers, 404 and the one error handler. */
export function createApp(services: Services): Express {
  const { config, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  // no ETags: signed-in and token pages are no-store (never revalidated, and an ETag on a token page would be a
  // cache key for it), public pages are small; hashing every body was 2 % of a signed-in page's time (issue 26)
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', queryParserWithoutControlCharacters);
  configureViews(app, config.env !== 'development');

  app.use(securityHeaders());
  app.use(requestLog(logger, services.runtime.tokenRoutes));
  // every request counted and timed by route pattern (when METRICS_TOKEN is set); /metrics itself before the
  // static files, the session, the CSRF check and the rate limits: a scraper has only its bearer token
  app.use(requestMetrics(services.metricsService));
  app.use(metricsRoutes(services));

  const staticOptions = { maxAge: config.env === 'production' ? '1d' : 0, fallthrough: true, index: false as const };
  app.get('/assets/ds/index.css', (_req, res, next) =>
    res.sendFile(path.join(designsystemetCss, 'index.css'), staticOptions, (err) => err && next(err)),
  );
  app.get('/assets/ds/theme.css', (_req, res, next) =>
    res.sendFile(designsystemetTheme, staticOptions, (err) => err && next(err)),
  );
  // browsers ask for /favicon.ico whatever the page links to; the layout links the SVG as well
  app.get('/favicon.ico', (_req, res, next) =>
    res.sendFile(path.join(rootDir, 'public', 'favicon.ico'), staticOptions, (err) => err && next(err)),
  );
  app.use('/assets', express.static(path.join(rootDir, 'public'), staticOptions));

  app.use(healthRoutes(services));

  app.use(cookieParser(config.sessionSecret));
  app.use(express.urlencoded({ extended: false, limit: config.bodyLimit, parameterLimit: 2000 }));
  // the same text on SQLite and PostgreSQL: no NUL (a 500 on PostgreSQL) or other control character gets in
  app.use(stripFormControlCharacters());
  app.use(sessionMiddleware(config, services.sessionService, services.clock));
  app.use(currentUser({ mailbox: !config.smtpUrl }));
  app.use(localeMiddleware(config));
  app.use(flashMessages(config));
  // before the CSRF check: a case variant of a token route is a 404, and the link rate limit acts before any audit
  app.use(tokenRouteGuard(services.runtime.tokenRoutes, services.linkVisitsService, services.clock));
  app.use(csrfProtection(config, services.sessionService, services.runtime.tokenRoutes));

  app.use(publicRoutes(services));
  app.use(answerRoutes(services));
  app.use(participationRoutes(services));
  app.use(emailConfirmRoutes(services));
  app.use(calendarRoutes(services));
  app.use(sharingRoutes(services));
  app.use(unitRequestsRoutes(services));
  app.use(surveysRoutes(services));
  app.use(dashboardRoutes(services));
  app.use(worklistRoutes(services));
  app.use(noticesRoutes(services));
  app.use(authRoutes(services));
  app.use(secondFactorRoutes(services));
  app.use(welcomeRoutes(services));
  app.use(ssoRoutes(services));
  // before the roster's own routes: /representatives/import, /export.csv and /review are not ids
  app.use(rosterDataRoutes(services));
  app.use(rosterBulkRoutes(services));
  app.use(writtenLanguageRoutes(services));
  app.use(representativesRoutes(services));
  app.use(skillsRoutes(services));
  app.use(unitsRoutes(services));
  app.use(invitationsRoutes(services));
  app.use(involvementRoutes(services));
  app.use(paymentsRoutes(services));
  app.use(impactsRoutes(services));
  app.use(resultsRoutes(services));
  app.use(reportsRoutes(services));
  app.use(summariesRoutes(services));
  app.use(projectsRoutes(services));
  app.use(projectTemplatesRoutes(services));
  app.use(usersRoutes(services));
  app.use(accountRoutes(services));
  app.use(handoverRoutes(services));
  app.use(auditRoutes(services));
  app.use(settingsRoutes(services));
  app.use(areasRoutes(services));
  app.use(outboxRoutes(services));

  app.use(notFoundHandler);
  app.use(errorHandler(config, logger, services.runtime.tokenRoutes));
  return app;
}
