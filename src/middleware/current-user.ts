import type { RequestHandler } from 'express';
import type { Role } from '../features/users/users.types.js';

/** The groups of the main navigation, in the order shown; an item of `overview` stands alone, first. */
export type NavGroup = 'overview' | 'people' | 'projects' | 'reports' | 'admin';

interface NavItem {
  href: string;
  labelKey: string;
  /** Where the item sits in the grouped navigation (the group's name is `nav.groups.<group>`). */
  group: NavGroup;
  roles: Role[];
  /** Shown only while e-mail is captured rather than sent (development without SMTP_URL). */
  mailboxOnly?: boolean;
}

/** The main navigation; each feature adds its pages here, in a group, shown by role. */
export const NAVIGATION: NavItem[] = [
  { href: '/', labelKey: 'nav.dashboard', group: 'overview', roles: ['admin', 'facilitator', 'supervisor'] },
  { href: '/representatives', labelKey: 'nav.representatives', group: 'people', roles: ['admin', 'facilitator'] },
  { href: '/skills', labelKey: 'nav.skills', group: 'people', roles: ['admin', 'facilitator'] },
  { href: '/contacts', labelKey: 'nav.contacts', group: 'people', roles: ['admin', 'facilitator'] },
  { href: '/projects', labelKey: 'nav.projects', group: 'projects', roles: ['admin', 'facilitator', 'supervisor'] },
  { href: '/payments', labelKey: 'nav.payments', group: 'projects', roles: ['admin', 'facilitator'] },
  { href: '/reports', labelKey: 'nav.reports', group: 'reports', roles: ['admin', 'facilitator', 'supervisor'] },
  { href: '/admin/users', labelKey: 'nav.users', group: 'admin', roles: ['admin'] },
  { href: '/admin/audit', labelKey: 'nav.audit', group: 'admin', roles: ['admin'] },
  { href: '/admin/outbox', labelKey: 'nav.outbox', group: 'admin', roles: ['admin'] },
  { href: '/admin/mailbox', labelKey: 'nav.mailbox', group: 'admin', roles: ['admin'], mailboxOnly: true },
  { href: '/admin/settings', labelKey: 'nav.settings', group: 'admin', roles: ['admin'] },
  { href: '/admin/areas', labelKey: 'nav.areas', group: 'admin', roles: ['admin'] },
  { href: '/admin/population', labelKey: 'nav.population', group: 'admin', roles: ['admin'] },
];

export interface ShownNavItem extends NavItem {
  /** The page shown is this item's or below it (`aria-current="page"`). */
  current: boolean;
}

/** Groups that a wide screen's navigation bar folds into a disclosure of their own (pages seldom visited). */
const FOLDED_ON_THE_BAR: ReadonlySet<NavGroup> = new Set(['admin']);

/** A group as views/partials/navigation.ejs shows it; `labelKey` only when the group has more than one item. */
export interface ShownNavGroup {
  group: NavGroup;
  labelKey?: string;
  /** Folded into a disclosure on the bar (the menu of a narrow screen lists every group open). */
  folded: boolean;
  /** The page shown is one of the group's. */
  current: boolean;
  items: ShownNavItem[];
}

/** The items of a user's navigation gathered into their groups, in NAVIGATION's order. */
export function groupNavigation(items: ShownNavItem[]): ShownNavGroup[] {
  const groups: ShownNavGroup[] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last.group === item.group) last.items.push(item);
    else groups.push({ group: item.group, folded: false, current: false, items: [item] });
  }
  for (const g of groups) {
    g.current = g.items.some((item) => item.current);
    if (g.items.length > 1) {
      g.labelKey = `nav.groups.${g.group}`;
      g.folded = FOLDED_ON_THE_BAR.has(g.group);
    }
  }
  return groups;
}

// pages a user with a temporary password may still reach
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  '/password/change',
  '/logout',
  '/language',
  '/privacy',
  '/accessibility',
]);

/**
 * For a signed-in user (loaded with the session): the navigation for their role, no-store on every page, a user
 * with a temporary password kept on the change page, and one without a second factor their organisation requires
 * kept on /account/security. Deactivation and sign-out everywhere delete the
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
    const shown: ShownNavItem[] = items.map((item) => ({
      ...item,
      current: item.href === '/' ? req.path === '/' : req.path.startsWith(item.href),
    }));
    res.locals.navItems = shown;
    res.locals.navGroups = groupNavigation(shown);
    if (user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(req.path)) {
      return res.redirect(303, '/password/change');
    }
    // the organisation requires a second factor and this user has none: set-up first, whatever else is asked for
    // (a session signed in through the organisation's provider has had its multi-factor check there)
    const missing = user.secondFactorRequired && !user.hasSecondFactor && user.signedInWith !== 'sso';
    if (missing && !req.path.startsWith('/account/security') && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(req.path)) {
      return res.redirect(303, '/account/security');
    }
    next();
  };
