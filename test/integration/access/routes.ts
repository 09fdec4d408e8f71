// The route table of the access matrix, shared with the suppression walk (issue 15 finding 4): every route a
// supervisor reaches is walked for small numbers, so a route added here is walked without anyone listing it twice.

export type Who = 'anonymous' | 'admin' | 'facilitator' | 'supervisor';
export interface Ids {
  own: number;
  other: number;
  ownRep: number;
  otherRep: number;
  ownSkill: number;
  otherSkill: number;
  ownProject: number;
  otherProject: number;
  ownContact: number;
  otherContact: number;
  ownMail: number;
  otherMail: number;
  ownFailed: number;
  otherFailed: number;
  ownInvitation: number;
  otherInvitation: number;
  ownRequest: number;
  otherRequest: number;
}
export const STAFF: Who[] = ['admin', 'facilitator'];
export const EVERYONE: Who[] = ['admin', 'facilitator', 'supervisor'];
export type Scope = 'own' | 'other' | 'none';

export interface RouteCase {
  method: 'GET' | 'POST';
  path: (ids: Ids) => string;
  scope: Scope;
  /** Roles allowed; everyone else signed in gets 403, anonymous visitors go to /login. */
  roles: Who[] | 'public';
  /** What a signed-in user gets, where it differs (the sign-in page sends them to the dashboard). */
  signedIn?: number;
  /** What everyone gets from a public route, where it is not 200 (an unknown reset link is 404). */
  publicStatus?: number;
  /** What an allowed role gets, where it is not 200/303: the matrix posts a generic body, which a form may refuse (422). */
  allowedStatus?: number;
}

// Every route of the app so far. Later features add their routes here.
export const ROUTES: RouteCase[] = [
  // the front page for visitors, the dashboard for the signed in (a supervisor's carries the headline figures)
  { method: 'GET', path: () => '/', scope: 'none', roles: 'public' },
  { method: 'GET', path: () => '/privacy', scope: 'none', roles: 'public' },
  { method: 'GET', path: () => '/accessibility', scope: 'none', roles: 'public' },
  { method: 'GET', path: () => '/healthz', scope: 'none', roles: 'public' },
  { method: 'GET', path: () => '/readyz', scope: 'none', roles: 'public' },
  // without METRICS_TOKEN (as here) there is no /metrics for anyone; with it, only the token opens it (metrics.test.ts)
  { method: 'GET', path: () => '/metrics', scope: 'none', roles: 'public', publicStatus: 404 },
  { method: 'GET', path: () => '/login', scope: 'none', roles: 'public', signedIn: 303 },
  { method: 'GET', path: () => '/admin/users', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: () => '/admin/users/new', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: () => '/admin/audit', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: () => '/password/change', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  { method: 'GET', path: (ids) => `/admin/users/${ids.own}`, scope: 'own', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/users/${ids.other}`, scope: 'other', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/users/${ids.own}/edit`, scope: 'own', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/users/${ids.other}/edit`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/edit`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/deactivate`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/reactivate`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/sign-out-everywhere`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/reset-password`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.own}/sign-out-everywhere`, scope: 'own', roles: ['admin'] },
  // the roster and the taxonomy: facilitators and admins; supervisors never reach them
  { method: 'GET', path: () => '/representatives', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/representatives?skill=1&q=a', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/representatives/new', scope: 'none', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.ownRep}`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.otherRep}`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.ownRep}/edit`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.otherRep}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/status`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/skills`, scope: 'other', roles: STAFF },
  {
    method: 'POST',
    path: (ids) => `/representatives/${ids.otherRep}/skills/${ids.otherSkill}/remove`,
    scope: 'other',
    roles: STAFF,
  },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/consents`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/consents/withdraw`, scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/skills', scope: 'none', roles: STAFF },
  { method: 'GET', path: (ids) => `/skills/${ids.ownSkill}/edit`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/skills/${ids.otherSkill}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/skills/${ids.otherSkill}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/skills/${ids.otherSkill}/archive`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/skills/${ids.otherSkill}/restore`, scope: 'other', roles: STAFF },
  // roster data in and out
  { method: 'GET', path: () => '/representatives/import', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/representatives/export.csv', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/representatives/review', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/representatives/written-language', scope: 'none', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.ownRep}/export.json`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.otherRep}/export.json`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.ownRep}/erase`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.otherRep}/erase`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/erase`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/reviewed`, scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/representatives/import/999999', scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/representatives/import/999999/result', scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/admin/settings', scope: 'none', roles: ['admin'] },
  // units, contacts, projects and matching
  { method: 'GET', path: () => '/units', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/contacts', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/contacts/new', scope: 'none', roles: STAFF },
  { method: 'GET', path: (ids) => `/contacts/${ids.ownContact}`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/contacts/${ids.otherContact}`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/contacts/${ids.otherContact}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/contacts/${ids.otherContact}/notes`, scope: 'other', roles: STAFF },
  // supervisors read the project list and a project's page (issue 14 item 11); every write below stays staff only
  { method: 'GET', path: () => '/projects', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  {
    method: 'GET',
    path: () => '/projects?phase=running&unit=1&needs=yes',
    scope: 'none',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  { method: 'GET', path: () => '/projects/new', scope: 'none', roles: STAFF },
  {
    method: 'GET',
    path: (ids) => `/projects/${ids.ownProject}`,
    scope: 'own',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  {
    method: 'GET',
    path: (ids) => `/projects/${ids.otherProject}`,
    scope: 'other',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/edit`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/edit`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/matches`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/matches`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/phase`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/requirements`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/meetings`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/shortlist`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/unshortlist`, scope: 'other', roles: STAFF },
  // issue 20: projects from a template, and the rest of a meeting series cancelled
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/copy`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/copy`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/copy`, scope: 'other', roles: STAFF },
  {
    method: 'GET',
    path: (ids) => `/projects/${ids.otherProject}/meetings/1/cancel-series`,
    scope: 'other',
    roles: STAFF,
  },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/meetings/1/remove-series`,
    scope: 'other',
    roles: STAFF,
  },
  // password reset, the outbox and the development mailbox
  { method: 'GET', path: () => '/password/forgot', scope: 'none', roles: 'public' },
  { method: 'GET', path: () => `/password/reset/${'A'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  { method: 'GET', path: () => '/admin/outbox', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: () => '/admin/outbox?status=failed', scope: 'none', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/outbox/${ids.ownFailed}/retry`, scope: 'own', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/outbox/${ids.otherFailed}/retry`, scope: 'other', roles: ['admin'] },
  { method: 'GET', path: () => '/admin/mailbox', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/mailbox/${ids.ownMail}`, scope: 'own', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/mailbox/${ids.otherMail}`, scope: 'other', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/mailbox/${ids.ownMail}/html`, scope: 'own', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/mailbox/${ids.otherMail}/html`, scope: 'other', roles: ['admin'] },
  // invitations: staff of the project's organisation; the answer page is public and unknown tokens are 404
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/invitations`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/invitations`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/invitations/send`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/invitations/letters`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/invitations/letters`, scope: 'other', roles: STAFF },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/invitations/letters/sent`,
    scope: 'other',
    roles: STAFF,
  },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/invitations/letters/note`,
    scope: 'other',
    roles: STAFF,
  },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/invitations/${ids.otherInvitation}/withdraw`,
    scope: 'other',
    roles: STAFF,
  },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/invitations/${ids.otherInvitation}/contacted`,
    scope: 'other',
    roles: STAFF,
  },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.ownProject}/invitations/${ids.otherInvitation}/withdraw`,
    scope: 'other',
    roles: STAFF,
  },
  { method: 'GET', path: () => `/i/${'Q'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/meetings/1/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/meetings/1/edit`, scope: 'other', roles: STAFF },
  // involvement, honoraria and impacts
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/involvement`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/involvement`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/involvement`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/involvement/1/delete`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/meetings/1/attendance`, scope: 'other', roles: STAFF },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/meetings/1/attendance`,
    scope: 'other',
    roles: STAFF,
  },
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/impacts`, scope: 'own', roles: STAFF },
  // a project's results: the same page for staff and supervisors, by the supervisors' rules (issue 21)
  {
    method: 'GET',
    path: (ids) => `/projects/${ids.ownProject}/results`,
    scope: 'own',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  {
    method: 'GET',
    path: (ids) => `/projects/${ids.otherProject}/results`,
    scope: 'other',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/impacts`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/impacts`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/impacts/1/feedback`, scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/payments', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/payments.csv?from=2026-01-01&to=2026-12-31', scope: 'none', roles: STAFF },
  // reports: everyone signed in; another organisation's project is unknown
  { method: 'GET', path: () => '/reports', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  // written summaries (issue 21): everyone who reads the report reads them; staff write them
  { method: 'GET', path: () => '/reports/summaries', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  { method: 'POST', path: () => '/reports/summaries', scope: 'none', roles: STAFF, allowedStatus: 422 },
  { method: 'GET', path: () => '/reports/summaries/999999/edit', scope: 'none', roles: STAFF, allowedStatus: 404 },
  // share links (issue 21): made and revoked by anyone who reads the report; opened without an account
  { method: 'POST', path: () => '/reports/share', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.ownProject}/results/share`,
    scope: 'own',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/results/share`,
    scope: 'other',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  {
    method: 'POST',
    path: () => '/share/999999/revoke',
    scope: 'none',
    roles: ['admin', 'facilitator', 'supervisor'],
    allowedStatus: 404,
  },
  { method: 'GET', path: () => `/s/${'A'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  // units' requests for involvement (issue 21): the form at a secret address for anyone, the list for staff
  { method: 'GET', path: () => `/ask/${'A'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  { method: 'GET', path: () => '/requests', scope: 'none', roles: STAFF },
  { method: 'POST', path: () => '/requests/address', scope: 'none', roles: STAFF },
  { method: 'POST', path: () => '/requests/999999/project', scope: 'none', roles: STAFF, allowedStatus: 404 },
  { method: 'POST', path: () => '/requests/999999/decline', scope: 'none', roles: STAFF, allowedStatus: 404 },
  // the representatives' survey (issue 22): the personal link for anyone, asking about a meeting for staff
  { method: 'GET', path: () => `/survey/${'A'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  { method: 'POST', path: (ids) => `/projects/${ids.ownProject}/surveys`, scope: 'own', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/surveys`, scope: 'other', roles: STAFF },
  // areas and population shares (issue 22): admins only (the matrix's body names an area "X"; no dimension is refused)
  { method: 'GET', path: () => '/admin/areas', scope: 'none', roles: ['admin'] },
  { method: 'POST', path: () => '/admin/areas', scope: 'none', roles: ['admin'] },
  { method: 'POST', path: () => '/admin/areas/999999/rename', scope: 'none', roles: ['admin'], allowedStatus: 404 },
  { method: 'POST', path: () => '/admin/areas/999999/archive', scope: 'none', roles: ['admin'], allowedStatus: 404 },
  { method: 'POST', path: () => '/admin/areas/map', scope: 'none', roles: ['admin'], allowedStatus: 422 },
  { method: 'GET', path: () => '/admin/population', scope: 'none', roles: ['admin'] },
  { method: 'POST', path: () => '/admin/population', scope: 'none', roles: ['admin'], allowedStatus: 422 },
  { method: 'GET', path: () => '/reports/export.csv', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  {
    method: 'GET',
    path: (ids) => `/reports?project=${ids.otherProject}`,
    scope: 'other',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  { method: 'POST', path: () => '/account/digest', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  { method: 'GET', path: () => `/me/${'Q'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  { method: 'POST', path: () => '/invitations/notify', scope: 'none', roles: STAFF },
  // /account (issue 20): everyone signed in; the calendar feed and hand-overs for staff; an admin hands over for
  // a colleague of their own organisation only
  { method: 'GET', path: () => '/account', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  { method: 'POST', path: () => '/account/email', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  { method: 'POST', path: () => '/account/calendar', scope: 'none', roles: STAFF },
  { method: 'POST', path: () => '/account/calendar/off', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/account/hand-over', scope: 'none', roles: STAFF },
  // sign-in security (issue 23): the code step answers only a session waiting for it (everyone else is sent on);
  // /account/security is everyone's own. No set-up is pending here: the set-up page and its QR code send on or 404
  // (the set-up itself is walked in test/integration/auth/second-factor.test.ts)
  {
    method: 'GET',
    path: () => '/login/second-factor',
    scope: 'none',
    roles: 'public',
    publicStatus: 303,
    signedIn: 303,
  },
  {
    method: 'POST',
    path: () => '/login/second-factor',
    scope: 'none',
    roles: 'public',
    publicStatus: 303,
    signedIn: 303,
  },
  { method: 'GET', path: () => '/account/security', scope: 'none', roles: EVERYONE },
  { method: 'GET', path: () => '/account/security/totp', scope: 'none', roles: EVERYONE, allowedStatus: 303 },
  { method: 'GET', path: () => '/account/security/totp/qr.svg', scope: 'none', roles: EVERYONE, allowedStatus: 404 },
  { method: 'POST', path: () => '/account/security/totp/start', scope: 'none', roles: EVERYONE },
  // the matrix's body has no code: refused (422) before anything else is looked at
  { method: 'POST', path: () => '/account/security/totp', scope: 'none', roles: EVERYONE, allowedStatus: 422 },
  { method: 'POST', path: () => '/account/security/totp/off', scope: 'none', roles: EVERYONE, allowedStatus: 422 },
  { method: 'GET', path: () => '/account/security/recovery-codes', scope: 'none', roles: EVERYONE, allowedStatus: 303 },
  {
    method: 'POST',
    path: () => '/account/security/recovery-codes',
    scope: 'none',
    roles: EVERYONE,
    allowedStatus: 422,
  },
  { method: 'POST', path: () => '/account/security/sessions/0123456789abcdef', scope: 'none', roles: EVERYONE },
  { method: 'POST', path: () => '/account/security/sessions/others', scope: 'none', roles: EVERYONE },
  { method: 'POST', path: () => '/admin/settings/sign-in', scope: 'none', roles: ['admin'] },
  // an invitation goes only to a user without a password (the own target has one: 422)
  {
    method: 'POST',
    path: (ids) => `/admin/users/${ids.own}/invite`,
    scope: 'own',
    roles: ['admin'],
    allowedStatus: 422,
  },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/invite`, scope: 'other', roles: ['admin'] },
  // the own target has no second factor: nothing to reset (409)
  {
    method: 'POST',
    path: (ids) => `/admin/users/${ids.own}/reset-second-factor`,
    scope: 'own',
    roles: ['admin'],
    allowedStatus: 409,
  },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/reset-second-factor`, scope: 'other', roles: ['admin'] },
  { method: 'GET', path: () => `/welcome/${'A'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  // single sign-on (issue 24): the matrix's body has no ssoEmail (422); a callback without a sign-in under way is
  // refused (400) whoever asks; the provider's settings and requests for access are the admin's
  { method: 'POST', path: () => '/login/sso', scope: 'none', roles: 'public', publicStatus: 422, signedIn: 303 },
  {
    method: 'GET',
    path: () => '/login/sso/callback?code=x&state=y',
    scope: 'none',
    roles: 'public',
    publicStatus: 400,
  },
  { method: 'POST', path: () => '/admin/settings/sso', scope: 'none', roles: ['admin'], allowedStatus: 422 },
  { method: 'POST', path: () => '/admin/settings/sso/off', scope: 'none', roles: ['admin'] },
  { method: 'POST', path: () => '/admin/users/requests/999999/approve', scope: 'other', roles: ['admin'] },
  { method: 'POST', path: () => '/admin/users/requests/999999/decline', scope: 'other', roles: ['admin'] },
  // many people at once (issue 20): staff only; the matrix's generic body names nobody, so staff get the refusal (422)
  { method: 'POST', path: () => '/representatives/bulk', scope: 'none', roles: STAFF, allowedStatus: 422 },
  { method: 'POST', path: () => '/representatives/written-language', scope: 'none', roles: STAFF, allowedStatus: 422 },
  { method: 'POST', path: () => '/representatives/bulk/confirm', scope: 'none', roles: STAFF, allowedStatus: 422 },
  { method: 'GET', path: (ids) => `/admin/users/${ids.own}/hand-over`, scope: 'own', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/users/${ids.other}/hand-over`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/hand-over`, scope: 'other', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/hand-over`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/hand-over`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/hand-over`, scope: 'other', roles: STAFF },
  { method: 'GET', path: () => `/calendar/${'Q'.repeat(43)}.ics`, scope: 'none', roles: 'public', publicStatus: 404 },
  // the worklist's views and marks: staff only (the items name people); an item not on the organisation's list is unknown
  { method: 'GET', path: () => '/?view=all', scope: 'none', roles: 'public' },
  { method: 'POST', path: () => '/worklist/done', scope: 'other', roles: STAFF },
  { method: 'POST', path: () => '/worklist/snooze', scope: 'other', roles: STAFF },
  { method: 'POST', path: () => '/worklist/reopen', scope: 'other', roles: STAFF },
  // the dashboard's notices ("Since last time"): staff only, since they name people; another organisation's is unknown
  { method: 'POST', path: () => '/notices/seen', scope: 'none', roles: STAFF },
  { method: 'POST', path: () => '/notices/999999/seen', scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/requests/${ids.ownRequest}/handled`, scope: 'own', roles: STAFF },
  {
    method: 'POST',
    path: (ids) => `/representatives/requests/${ids.otherRequest}/handled`,
    scope: 'other',
    roles: STAFF,
  },
];

/** The status a role gets from a route. */
export function expected(route: RouteCase, who: Who): number {
  if (route.roles === 'public')
    return who !== 'anonymous' && route.signedIn ? route.signedIn : (route.publicStatus ?? 200);
  if (who === 'anonymous') return 303;
  if (!route.roles.includes(who)) return 403;
  if (route.scope === 'other') return 404;
  if (route.allowedStatus) return route.allowedStatus;
  return route.method === 'POST' ? 303 : 200;
}
