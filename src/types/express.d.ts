import type { Locale } from '../config.js';
import type { Translate } from '../lib/i18n.js';
import type { CurrentUser } from '../features/users/users.repository.js';

declare global {
  namespace Express {
    interface Request {
      locale: Locale;
      t: Translate;
      /** The CSRF token for forms on this response. */
      csrfToken(): string;
      flash(kind: 'success' | 'info' | 'warning', messageKey: string): void;
      /** The signed-in user, loaded from the session on every request. */
      user?: CurrentUser;
      /** Set when a form's CSRF token was made for an earlier session of this browser. */
      csrfStale?: boolean;
    }
  }
}

export {};

declare module 'express-session' {
  interface SessionData {
    userId: number;
    organisationId: number;
    /** Public random id that ties CSRF tokens to this session (see middleware/csrf.ts). */
    csrfBinding: string;
    formStash: { path: string; values: Record<string, string> };
    /** A temporary password to show the admin once, after creating or resetting a user. */
    revealPassword: { userId: number; password: string };
  }
}
