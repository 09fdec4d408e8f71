import type { ImpactStatus } from '../impacts/impacts.model.js';
import type { Level, Phase } from '../projects/projects.model.js';

/** A project's results as its figures come from the database (results.repository.ts). */
export interface ResultsFigures {
  /** Meetings not cancelled that have begun, and those ahead. */
  meetingsHeld: number;
  meetingsAhead: number;
  /** Attended involvement: entries, distinct people, minutes in meetings and in preparation. */
  entries: number;
  people: number;
  minutes: number;
  preparationMinutes: number;
  /** How many attended entries delivered each participation level. */
  levels: Array<{ level: Level; entries: number }>;
  impacts: ResultImpact[];
}

/** "You said, we did", without who said it. */
export interface ResultImpact {
  id: number;
  whatSaid: string;
  whatChanged: string;
  status: ImpactStatus;
  rejectedReason: string;
  decidedOn: string | null;
  fedBack: boolean;
}

/**
 * A project's results page: the same for every reader (facilitators, admins and supervisors), by the supervisors'
 * rules, so it can be printed and passed on. The team by name only where the person consented to be named in
 * reports; everyone else as a count; no contact details.
 */
export interface ProjectResults {
  project: {
    id: number;
    title: string;
    purpose: string;
    whatMatters: string;
    phase: Phase;
    targetLevel: Level;
    startsOn: string | null;
    endsOn: string | null;
    unitName: string | null;
    ownerName: string | null;
    facilitatorName: string | null;
    seats: number;
  };
  /** Those on the team who consented to be named in reports, by name. */
  named: string[];
  /** The team's size and its unnamed part, as counts of people (small numbers decided by the view's helper). */
  filled: number;
  namedOnTeam: number;
  figures: ResultsFigures;
  /** The highest level delivered in any attended entry (null: nothing logged with a level). */
  highestDelivered: Level | null;
}
