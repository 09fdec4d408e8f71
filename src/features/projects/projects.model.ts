import { type Locale } from '../../config.js';
import type { Tx } from '../../lib/transact.js';

/** The projects feature's vocabulary: phases, participation levels, and the shapes its pages and services use. */
export const PHASES = ['idea', 'planning', 'running', 'evaluating', 'closed'] as const;
export type Phase = (typeof PHASES)[number];
export const LEVELS = ['inform', 'consult', 'involve', 'collaborate', 'empower'] as const;
export type Level = (typeof LEVELS)[number];

export interface ProjectInput {
  title: string;
  purpose: string;
  whatMatters: string;
  unitId: number | null;
  ownerContactId: number | null;
  facilitatorUserId: number | null;
  targetLevel: Level;
  seats: number;
  startsOn: string | null;
  endsOn: string | null;
  location: string;
  online: boolean;
  workingLanguages: string[];
  sensitiveTopic: boolean;
  honorariumApplies: boolean;
}

export interface Project extends ProjectInput {
  id: number;
  organisationId: number;
  phase: Phase;
  unitName: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  /** The owner's language for e-mails: theirs, or the organisation's default. */
  ownerLocale: Locale;
  facilitatorName: string | null;
  filled: number;
  /** Of those on the team, how many consented to be named in reports (a supervisor sees them by name). */
  namedOnTeam: number;
  shortlisted: number;
  /** The project this one was copied from (a template), and its title while it exists (absent: not a copy). */
  copiedFromProjectId?: number | null;
  copiedFromTitle?: string | null;
}

export interface Requirement {
  skillId: number;
  nameNb: string;
  nameEn: string;
  category: string;
  must: boolean;
  minLevel: number;
}

export interface Meeting {
  id: number;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineLink: string;
  agenda: string;
  /** iCalendar SEQUENCE, raised when the meeting moves or is cancelled. */
  sequence: number;
  cancelledAt: string | null;
  /** A recurring series' id, shared by its meetings, and its interval in weeks (null or absent: a single meeting). */
  seriesId?: string | null;
  seriesEveryWeeks?: number | null;
}

export interface TeamMember {
  invitationId: number;
  representativeId: number;
  name: string;
  kind: 'patient' | 'next_of_kin' | 'user_organisation';
  area: string;
  status: string;
  namedInReports: boolean;
  /** The end of the person's pause, when they are paused (often set by themselves on their own page). */
  pausedUntil: string | null;
  paused: boolean;
}

export interface ProjectFilter {
  phase?: Phase;
  unitId?: number;
  facilitatorId?: number;
  needsRepresentatives?: boolean;
}

/**
 * What other features read of projects (matching, invitations, involvement): a project, its requirements, meetings
 * and team, and the row lock that serialises answers to it. ProjectsRepository implements it; features depend on
 * this (or a part of it), not on the repository.
 */
export interface ProjectCatalog {
  find(organisationId: number, id: number): Promise<Project | undefined>;
  requirements(projectId: number): Promise<Requirement[]>;
  meetings(organisationId: number, projectId: number): Promise<Meeting[]>;
  meeting(organisationId: number, projectId: number, meetingId: number): Promise<Meeting | undefined>;
  team(organisationId: number, projectId: number): Promise<TeamMember[]>;
  /** Locks the project's row in the caller's transaction (on PostgreSQL), while an answer takes or frees a seat. */
  lockProject(projectId: number, tx: Tx): Promise<void>;
}
