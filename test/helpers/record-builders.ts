import type { DateTime } from 'luxon';
import type { Db } from '../../src/db.js';
import { insertReturningIds } from '../../src/db.js';
import { newToken } from '../../src/lib/tokens.js';

// Builders for the records around the roster and the projects: requirements, impacts, personal links, password
// resets, honorarium rules, stored import batches and requests from representatives. Each writes the columns the
// app writes, with defaults a test overrides by name. Re-exported by builders.ts: import them from there.

const nowIso = (): string => new Date().toISOString();

export interface RequirementInput {
  skillId: number;
  must?: boolean;
  minLevel?: number;
}

/** A project's skill requirements: by default a "nice to have" at level 1. */
export async function buildRequirements(db: Db, projectId: number, requirements: RequirementInput[]): Promise<void> {
  await db('project_requirements').insert(
    requirements.map((r) => ({
      project_id: projectId,
      skill_id: r.skillId,
      must: r.must ?? false,
      min_level: r.minLevel ?? 1,
    })),
  );
}

export interface ImpactOverrides {
  whatSaid: string;
  whatChanged: string;
  status: 'proposed' | 'adopted' | 'rejected';
  rejectedReason: string;
  decidedOn: string | null;
  fedBackAt: string | null;
  createdAt: string;
}

/** What representatives said in a project and what came of it: by default proposed, not yet decided. */
export async function buildImpact(
  db: Db,
  organisationId: number,
  projectId: number,
  overrides: Partial<ImpactOverrides> = {},
): Promise<number> {
  const createdAt = overrides.createdAt ?? nowIso();
  const [id] = await insertReturningIds(db, 'impacts', [
    {
      organisation_id: organisationId,
      project_id: projectId,
      what_said: overrides.whatSaid ?? 'Brevet er vanskelig å forstå',
      what_changed: overrides.whatChanged ?? '',
      status: overrides.status ?? 'proposed',
      rejected_reason: overrides.rejectedReason ?? '',
      decided_on: overrides.decidedOn ?? null,
      fed_back_at: overrides.fedBackAt ?? null,
      created_at: createdAt,
      updated_at: createdAt,
    },
  ]);
  return id!;
}

/** A representative's personal link to /me, valid for `days` from `now`; returns the token (not its hash). */
export async function buildParticipationLink(
  db: Db,
  organisationId: number,
  representativeId: number,
  { now, days = 30 }: { now: DateTime; days?: number },
): Promise<string> {
  const { token, hash } = newToken();
  await db('participation_links').insert({
    organisation_id: organisationId,
    representative_id: representativeId,
    token_hash: hash,
    created_at: now.toISO(),
    expires_at: now.plus({ days }).toISO(),
  });
  return token;
}

/** A password reset for a user, valid for `minutes` from `now`; returns the token (not its hash). */
export async function buildPasswordReset(
  db: Db,
  organisationId: number,
  userId: number,
  { now, minutes = 30 }: { now: DateTime; minutes?: number },
): Promise<string> {
  const { token, hash } = newToken();
  await db('password_resets').insert({
    organisation_id: organisationId,
    user_id: userId,
    token_hash: hash,
    created_at: now.toISO(),
    expires_at: now.plus({ minutes }).toISO(),
  });
  return token;
}

export interface RuleVersionInput {
  version: number;
  validFrom: string;
  hourlyRateOre: number;
  roundingMinutes?: number;
  minimumPaidMinutesInPerson?: number;
  preparationPaid?: boolean;
}

/** Honorarium rule versions of an organisation, as the settings page writes them (30-minute rounding by default). */
export async function buildHonorariumRuleVersions(
  db: Db,
  organisationId: number,
  versions: RuleVersionInput[],
): Promise<void> {
  const now = nowIso();
  await db('honorarium_rule_versions').insert(
    versions.map((v) => ({
      organisation_id: organisationId,
      version: v.version,
      valid_from: v.validFrom,
      hourly_rate_ore: v.hourlyRateOre,
      rounding_minutes: v.roundingMinutes ?? 30,
      minimum_paid_minutes_in_person: v.minimumPaidMinutesInPerson ?? 60,
      preparation_paid: v.preparationPaid ?? true,
      created_at: now,
    })),
  );
}

export interface ImportBatchOverrides {
  filename: string;
  content: string;
  mapping: Record<string, string> | null;
  createdAt: string;
}

/** A roster file as stored by an upload (UTF-8, semicolons); returns its id. */
export async function buildImportBatch(
  db: Db,
  organisationId: number,
  userId: number,
  overrides: Partial<ImportBatchOverrides> = {},
): Promise<number> {
  const row: Record<string, unknown> = {
    organisation_id: organisationId,
    user_id: userId,
    filename: overrides.filename ?? 'roster.csv',
    encoding: 'utf-8',
    delimiter: ';',
    content: overrides.content ?? 'navn;e-post',
    created_at: overrides.createdAt ?? nowIso(),
  };
  if (overrides.mapping) row.mapping = JSON.stringify(overrides.mapping);
  const [id] = await insertReturningIds(db, 'import_batches', [row]);
  return id!;
}

/** A representative's request (a copy of their data, by default), as /me records it; returns its id. */
export async function buildRepresentativeRequest(
  db: Db,
  organisationId: number,
  representativeId: number,
  kind = 'data_copy',
): Promise<number> {
  const [id] = await insertReturningIds(db, 'representative_requests', [
    { organisation_id: organisationId, representative_id: representativeId, kind, created_at: nowIso() },
  ]);
  return id!;
}
