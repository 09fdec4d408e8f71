import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { Transact } from '../lib/transact.js';
import type { createRepositories } from '../repositories.js';
import type { AuditService } from '../features/audit/audit.service.js';
import type { OrganisationDirectory } from '../features/organisations/organisations.types.js';
import type { OutboxService } from '../features/outbox/outbox.service.js';
import { AuthService, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from '../features/auth/auth.service.js';
import { SecondFactorService } from '../features/auth/second-factor.service.js';
import { SignInThrottle } from '../features/auth/sign-in-throttle.js';
import { WelcomeService } from '../features/auth/welcome.service.js';
import { UsersService } from '../features/users/users.service.js';
import { OidcClients } from '../features/sso/oidc.js';
import { SsoService } from '../features/sso/sso.service.js';
import { SsoSettingsService } from '../features/sso/sso-settings.service.js';

/**
 * Staff sign-in and accounts (issue 23): the password, the second factor (one throttle for both, since a code is
 * a guess like a password), new users' welcome links, and the admins' management of users.
 */
export function createSignIn(deps: {
  transact: Transact;
  repositories: ReturnType<typeof createRepositories>;
  organisations: OrganisationDirectory;
  outbox: OutboxService;
  audit: AuditService;
  clock: Clock;
  baseUrl: string;
  config: Pick<Config, 'scryptLog2N' | 'ssoSecretKey' | 'oidcAllowHttp'>;
  signInLimits?: SignInLimits;
}) {
  const { transact, repositories, organisations, outbox, audit, clock, baseUrl } = deps;
  const { users, sessions, rateLimits, secondFactors } = repositories;
  const { scryptLog2N } = deps.config;
  const throttle = new SignInThrottle({ rateLimits, clock, limits: deps.signInLimits ?? DEFAULT_SIGN_IN_LIMITS });
  const redirectUri = `${baseUrl}/login/sso/callback`;
  const oidc = new OidcClients({ allowHttp: deps.config.oidcAllowHttp, redirectUri });
  const ssoSettingsService = new SsoSettingsService({
    transact,
    settings: repositories.ssoSettings,
    oidc,
    audit,
    clock,
    key: deps.config.ssoSecretKey,
    allowHttp: deps.config.oidcAllowHttp,
    redirectUri,
  });
  const authService = new AuthService({
    ...{ transact, users, sessions, throttle, audit, clock, scryptLog2N, secondFactors },
    passwords: ssoSettingsService,
  });
  const welcomeService = new WelcomeService({
    transact,
    links: repositories.welcomeLinks,
    resets: repositories.passwordResets,
    users,
    organisations,
    outbox,
    audit,
    clock,
    baseUrl,
    scryptLog2N,
  });
  return {
    authService,
    welcomeService,
    ssoSettingsService,
    ssoService: new SsoService({
      transact,
      settings: repositories.ssoSettings,
      provider: ssoSettingsService,
      signIns: repositories.ssoSignIns,
      users,
      oidc,
      audit,
      clock,
      signedIn: (user, method) => authService.recordSignIn(user, method),
    }),
    secondFactorService: new SecondFactorService({
      transact,
      factors: secondFactors,
      users,
      sessions,
      throttle,
      audit,
      outbox,
      organisations,
      clock,
      baseUrl,
      signedIn: (user, method) => authService.recordSignIn(user, method),
    }),
    usersService: new UsersService({ transact, users, sessions, audit, clock, scryptLog2N, welcome: welcomeService }),
  };
}
