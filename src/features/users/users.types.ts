import type { Locale } from '../../config.js';

/** Who uses Medvirk, and the signed-in user as requests see them. */
export const ROLES = ['admin', 'facilitator', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  organisationId: number;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  active: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
}

export interface CurrentUser extends User {
  organisationName: string;
  timeZone: string;
  /** The organisation's roster version at this request (see RosterVersions). */
  rosterVersion: number;
}

export interface UserWithHash extends User {
  passwordHash: string;
}
