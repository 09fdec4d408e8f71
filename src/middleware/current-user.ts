import type { RequestHandler } from 'express';
import type { UsersRepository } from '../features/users/users.repository.js';
import type { Role } from '../features/users/users.repository.js';

interface NavItem {
  href: string;
  labelKey: string;
  roles: Role[];
}

/** The main navigation; each feature adds its pages here, shown by role. */
export const NAVIGATION: NavItem[] = [
  { href: '/', labelKey: 'nav.dashboard', roles: ['admin', 'facilitator', 'supervisor'] },
  { href: '/admin/users', labelKey: 'nav.users', roles: ['admin'] },
  { href: '/admin/audit', labelKey: 'nav.audit', roles: ['admin'] },
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
 * Loads the signed-in user on every request (so that a deactivation takes effect at once), ends sessions whose
 * user is gone, marks signed-in pages no-store, and keeps a user with a temporary password on the change page.
 */
export function currentUser(users: UsersRepository): RequestHandler {
  return async (req, res, next) => {
    const userId = req.session?.userId;
    if (!userId) return next();
    const user = await users.findCurrent(userId);
    if (!user || user.organisationId !== req.session.organisationId) {
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      return next();
    }
    req.user = user;
    res.locals.user = user;
    res.set('Cache-Control', 'no-store');
    res.locals.navItems = NAVIGATION.filter((item) => item.roles.includes(user.role)).map((item) => ({
      ...item,
      current: item.href === '/' ? req.path === '/' : req.path.startsWith(item.href),
    }));
    if (user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(req.path)) {
      return res.redirect(303, '/password/change');
    }
    next();
  };
}
