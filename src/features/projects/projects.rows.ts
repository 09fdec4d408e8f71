import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Level, Phase, Project, ProjectInput } from './projects.model.js';

// The projects table's rows and the feature's shapes, for the projects repository only.

export type Row = Record<string, unknown>;

export function toProject(r: Row): Project {
  return {
    id: toNumber(r.id),
    organisationId: toNumber(r.organisation_id),
    title: r.title as string,
    purpose: r.purpose as string,
    whatMatters: r.what_matters as string,
    unitId: r.unit_id === null ? null : toNumber(r.unit_id),
    ownerContactId: r.owner_contact_id === null ? null : toNumber(r.owner_contact_id),
    facilitatorUserId: r.facilitator_user_id === null ? null : toNumber(r.facilitator_user_id),
    phase: r.phase as Phase,
    targetLevel: r.target_level as Level,
    seats: toNumber(r.seats),
    startsOn: toIsoDate(r.starts_on),
    endsOn: toIsoDate(r.ends_on),
    location: r.location as string,
    online: toBool(r.online),
    workingLanguages: String(r.working_languages ?? '')
      .split(',')
      .filter(Boolean),
    sensitiveTopic: toBool(r.sensitive_topic),
    honorariumApplies: toBool(r.honorarium_applies),
    unitName: (r.unit_name as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    ownerEmail: (r.owner_email as string | null) ?? null,
    facilitatorName: (r.facilitator_name as string | null) ?? null,
    filled: toNumber(r.filled),
    namedOnTeam: toNumber(r.named_on_team),
    shortlisted: toNumber(r.shortlisted),
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
