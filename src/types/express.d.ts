import type { Locale } from '../config.js';
import type { Translate } from '../lib/i18n.js';
import type { CurrentUser } from '../features/users/users.types.js';
import type { SessionData } from '../features/auth/sessions.types.js';

declare global {
  namespace Express {
    interface Request {
      locale: Locale;
      t: Translate;
      /** The CSRF token for forms on this response. */
      csrfToken(): string;
      flash(kind: 'success' | 'info' | 'warning', messageKey: string, params?: Record<string, string | number>): void;
      /** Whether the language was chosen (by the signed-in user or this browser), not guessed from the browser. */
      localeChosen?: boolean;
      /** The signed-in user, loaded from the session on every request. */
      user?: CurrentUser;
      /** Whose password was right while their second factor is still asked for (/login/second-factor); not signed in. */
      pendingUser?: CurrentUser;
      /** The signed-in session's id (the cookie's value) and data. */
      sessionId?: string;
      session?: SessionData;
    }
  }
}

export {};
