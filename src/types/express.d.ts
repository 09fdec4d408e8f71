import type { Locale } from '../config.js';
import type { Translate } from '../lib/i18n.js';

declare global {
  namespace Express {
    interface Request {
      locale: Locale;
      t: Translate;
      /** The CSRF token for forms on this response. */
      csrfToken(): string;
      flash(kind: 'success' | 'info' | 'warning', messageKey: string): void;
    }
  }
}

export {};
