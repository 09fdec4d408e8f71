import type { RequestHandler } from 'express';
import type { Role } from '../features/users/users.types.js';

interface NavItem {
  href: string;
  labelKey: string;
  roles: Role[];
  /** Shown only while e-mail is captured rather than sent (development without SMTP_URL). */
  mailboxOnly?: boolean;
}

/** The main navigation; each feature adds its pages here, shown by role. */
export const NAVIGATION: NavItem[] = [
  { href: '/', labelKey: 'nav.dashboard', roles: ['admin', 'facilitator', 'supervisor'] },
  { href: '/representatives', labelKey: 'nav.representatives', roles: ['admin', 'facilitator'] },
  { href: '/projects', labelKey: 'nav.projects', roles: ['admin', 'facilitator', 'supervisor'] },
  { href: '/skills', labelKey: 'nav.skills', roles: ['admin', 'facilitator'] },
  { href: '/contacts', labelKey: 'nav.contacts', roles: ['admin', 'facilitator'] },
  { href: '/payments', labelKey: 'nav.payments', roles: ['admin', 'facilitator'] },
  { href: '/reports', labelKey: 'nav.reports', roles: ['admin', 'facilitator', 'supervisor'] },
  { href: '/admin/users', labelKey: 'nav.users', roles: ['admin'] },
  { href: '/admin/audit', labelKey: 'nav.audit', roles: ['admin'] },
  { href: '/admin/outbox', labelKey: 'nav.outbox', roles: ['admin'] },
  { href: '/admin/mailbox', labelKey: 'nav.mailbox', roles: ['admin'], mailboxOnly: true },
  { href: '/admin/settings', labelKey: 'nav.settings', roles: ['admin'] },
];

// pages a user with a temporary password may still reach
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  '/password/change',
  '/logout',
  '/language',
  '/privacy',
  '/accessibility',
]);

/**
 * For a signed-in user (loaded with the session): the navigation for their role, no-store on every page, and a
 * user with a temporary password kept on the change page. Deactivation and sign-out everywhere delete the
 * session rows, so they take effect on the next request.
 */
export const currentUser =
  (options: { mailbox: boolean }): RequestHandler =>
  (req, res, next) => {
    const user = req.user;
    if (!user) return next();
    res.locals.user = user;
    res.set('Cache-Control', 'no-store');
    const items = NAVIGATION.filter((item) => item.roles.includes(user.role) && (options.mailbox || !item.mailboxOnly));
    res.locals.navItems = items.map((item) => ({
      ...item,
      current: item.href === '/' ? req.path === '/' : req.path.startsWith(item.href),
    }));
    if (user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(req.path)) {
      return res.redirect(303, '/password/change');
    }
    next();
  };
