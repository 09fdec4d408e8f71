import type { Locale } from '../../config.js';
import type { Tx } from '../../lib/transact.js';
import type { SignInMethod } from '../auth/sessions.types.js';

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
  /** The user has a second factor (an authenticator app); known for a user loaded with their session. */
  hasSecondFactor?: boolean;
  /** The organisation requires a second factor of every password account; known as hasSecondFactor is. */
  secondFactorRequired?: boolean;
  /** How this session was signed in (password, with a second factor, …); known as hasSecondFactor is. */
  signedInWith?: SignInMethod;
  /** The organisation's official written standard (nb or nn), the default for new staff and people. */
  organisationLocale?: Locale;
}

export interface UserWithHash extends User {
  /** None until an invited user chooses one through their welcome link: such a user cannot sign in with a password. */
  passwordHash: string | null;
}

/** A user with their work phone (shown to the representatives they are contact person for). */
export interface UserDetails extends User {
  phone: string;
  /** Whether the user has chosen a password (an invited user has none until their welcome link is used). */
  hasPassword: boolean;
}

/** An active facilitator or admin, as a choice of contact person or of whom to hand work over to. */
export interface StaffMember {
  id: number;
  name: string;
  phone: string;
}

export interface NewUser {
  organisationId: number;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  /** None for a user invited by e-mail (they choose one through their welcome link). */
  passwordHash: string | null;
  mustChangePassword: boolean;
  /** The work phone; empty when not given. */
  phone?: string;
}

/** An active user who asked for the weekly digest, with their organisation's name and time zone. */
export interface DigestSubscriber extends User {
  timeZone: string;
  organisationName: string;
}

/**
 * What other features read and change of user accounts (sign-in, password reset, a new organisation's first
 * administrator, facilitators named in e-mails, the digest). UsersRepository implements it; features depend on
 * this, not on the repository.
 */
export interface UserAccounts {
  find(organisationId: number, id: number, tx?: Tx): Promise<User | undefined>;
  list(organisationId: number): Promise<User[]>;
  /** For sign-in: looks up by e-mail across the installation (e-mail is the sign-in name). */
  findByEmailWithHash(email: string): Promise<UserWithHash | undefined>;
  findWithHash(organisationId: number, id: number, tx?: Tx): Promise<UserWithHash | undefined>;
  /** The user, if active and wanting an e-mail for every answer to their projects' invitations. */
  findNotifiable(organisationId: number, id: number, tx?: Tx): Promise<User | undefined>;
  digestSubscribers(): Promise<DigestSubscriber[]>;
  emailTaken(email: string, exceptId?: number): Promise<boolean>;
  create(user: NewUser, now: string, tx?: Tx): Promise<number>;
  setPassword(id: number, passwordHash: string, mustChange: boolean, now: string, tx?: Tx): Promise<void>;
  recordSignIn(id: number, now: string, tx?: Tx): Promise<void>;
  /** The user with their work phone. */
  details(organisationId: number, id: number, tx?: Tx): Promise<UserDetails | undefined>;
  /** The active facilitators and admins of the organisation. */
  activeStaff(organisationId: number, tx?: Tx): Promise<StaffMember[]>;
}

/** The key of a user's status as the admin's pages show it: deactivated, invited (no password yet), to change, active. */
export function userStatusKey(user: Pick<User, 'active' | 'mustChangePassword'> & { hasPassword: boolean }): string {
  if (!user.active) return 'users.status.deactivated';
  if (!user.hasPassword) return 'users.status.invited';
  return user.mustChangePassword ? 'users.status.mustChange' : 'users.status.active';
}
