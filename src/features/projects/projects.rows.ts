import { toLocale } from '../../config.js';
import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Level, Phase, Project, ProjectInput } from './projects.model.js';

// The projects table's rows and the feature's shapes, for the projects repository only. Column types allow for both
// engines (pg: booleans, Dates, COUNT as a string or number; SQLite: 0/1 and the strings written); the mappers of
// db-values.ts turn them into one shape.

/** A projects row, with its unit, owner and facilitator's names and the counts the list shows. */
export interface ProjectRow {
  id: number | string;
  organisation_id: number | string;
  title: string;
  purpose: string;
  what_matters: string;
  unit_id: number | string | null;
  owner_contact_id: number | string | null;
  facilitator_user_id: number | string | null;
  phase: Phase;
  target_level: Level;
  seats: number | string;
  starts_on: string | Date | null;
  ends_on: string | Date | null;
  location: string;
  online: boolean | number;
  working_languages: string | null;
  sensitive_topic: boolean | number;
  honorarium_applies: boolean | number;
  unit_name: string | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_locale?: string | null;
  facilitator_name: string | null;
  filled: number | string;
  named_on_team: number | string;
  shortlisted: number | string;
  copied_from_project_id: number | string | null;
  copied_from_title: string | null;
}

export interface PhaseChangeRow {
  from_phase: Phase | null;
  to_phase: Phase;
  by: string | null;
  changed_at: string | Date;
}

export interface RequirementRow {
  skill_id: number | string;
  must: boolean | number;
  min_level: number | string;
  name_nb: string;
  name_en: string;
  category: string;
}

export interface MeetingRow {
  id: number | string;
  starts_at: string | Date;
  ends_at: string | Date;
  place: string;
  online_link: string;
  agenda: string;
  sequence: number | string;
  cancelled_at: string | Date | null;
  series_id: string | null;
  series_every_weeks: number | string | null;
}

/** An invitation on a project's team, with the person and their report-name consent. */
export interface TeamRow {
  invitation_id: number | string;
  id: number | string;
  name: string;
  kind: 'patient' | 'next_of_kin' | 'user_organisation';
  area: string;
  status: string;
  representative_status: string;
  paused_until: string | Date | null;
  named: boolean | number;
}

export function toProject(r: ProjectRow): Project {
  return {
    id: toNumber(r.id),
    organisationId: toNumber(r.organisation_id),
    title: r.title,
    purpose: r.purpose,
    whatMatters: r.what_matters,
    unitId: r.unit_id === null ? null : toNumber(r.unit_id),
    ownerContactId: r.owner_contact_id === null ? null : toNumber(r.owner_contact_id),
    facilitatorUserId: r.facilitator_user_id === null ? null : toNumber(r.facilitator_user_id),
    phase: r.phase,
    targetLevel: r.target_level,
    seats: toNumber(r.seats),
    startsOn: toIsoDate(r.starts_on),
    endsOn: toIsoDate(r.ends_on),
    location: r.location,
    online: toBool(r.online),
    workingLanguages: String(r.working_languages ?? '')
      .split(',')
      .filter(Boolean),
    sensitiveTopic: toBool(r.sensitive_topic),
    honorariumApplies: toBool(r.honorarium_applies),
    unitName: r.unit_name ?? null,
    ownerName: r.owner_name ?? null,
    ownerEmail: r.owner_email ?? null,
    ownerLocale: toLocale(r.owner_locale),
    facilitatorName: r.facilitator_name ?? null,
    filled: toNumber(r.filled),
    namedOnTeam: toNumber(r.named_on_team),
    shortlisted: toNumber(r.shortlisted),
    copiedFromProjectId: r.copied_from_project_id === null ? null : toNumber(r.copied_from_project_id),
    copiedFromTitle: r.copied_from_title ?? null,
  };
}

export const toRow = (input: ProjectInput) => ({
  title: input.title,
  purpose: input.purpose,
  what_matters: input.whatMatters,
  unit_id: input.unitId,
  owner_contact_id: input.ownerContactId,
  facilitator_user_id: input.facilitatorUserId,
  target_level: input.targetLevel,
  seats: input.seats,
  starts_on: input.startsOn,
  ends_on: input.endsOn,
  location: input.location,
  online: input.online,
  working_languages: input.workingLanguages.join(','),
  sensitive_topic: input.sensitiveTopic,
  honorarium_applies: input.honorariumApplies,
});
