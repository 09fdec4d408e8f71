import { DateTime } from 'luxon';
import { voiceFigures, type RoundTotals, type VoiceFigures } from '../surveys/voice-figures.js';
import type { ReportsRepository, Scope } from './reports.repository.js';
import { DIMENSIONS, type CategoryCounts, type Dimension } from './representation-figures.repository.js';

/** How many periods of the report's length the survey's trend shows (this one and the three before it). */
export const VOICE_PERIODS = 4;

export interface VoiceSection {
  current: VoiceFigures;
  trend: Array<{ from: string; to: string; figures: VoiceFigures }>;
}

/** What the report needs of the surveys feature: the rounds sent in a period, each added up. */
export interface ReportVoice {
  periodRounds(
    organisationId: number,
    fromInstant: string,
    toInstant: string,
    scope: { unitId?: number; projectId?: number },
  ): Promise<RoundTotals[]>;
}

/**
 * The representatives' survey in the period, and in the three periods of the same length before it: the rounds sent
 * in each (a round belongs to the day it went out, in the organisation's zone), shown by the rules of `voiceFigures`.
 */
export async function voiceSection(
  voice: ReportVoice,
  scope: Scope,
  days: number,
  zone: string,
  nowMs: number,
): Promise<VoiceSection> {
  const start = DateTime.fromISO(scope.from, { zone });
  const periods = Array.from({ length: VOICE_PERIODS }, (_, i) => ({
    from: start.minus({ days: days * (VOICE_PERIODS - 1 - i) }).toISODate()!,
    to: start.minus({ days: days * (VOICE_PERIODS - 2 - i) + 1 }).toISODate()!,
  }));
  periods[VOICE_PERIODS - 1]!.to = scope.to;
  const instant = (date: string, plusDays = 0) =>
    DateTime.fromISO(date, { zone }).plus({ days: plusDays }).toUTC().toISO()!;
  const filter = { unitId: scope.unitId, projectId: scope.projectId };
  const rounds = await Promise.all(
    periods.map((p) => voice.periodRounds(scope.organisationId, instant(p.from), instant(p.to, 1), filter)),
  );
  const trend = periods.map((p, i) => ({ ...p, figures: voiceFigures(rounds[i]!, nowMs) }));
  return { current: trend[VOICE_PERIODS - 1]!.figures, trend };
}

export interface RepresentationRow {
  /** An age band, a gender, or an area's id. */
  category: string;
  /** The area's name (areas only). */
  name?: string;
  populationTenths: number;
  active: number;
  involved: number;
}

export interface RepresentationDimension {
  dimension: Dimension;
  source: { source: string; year: number } | null;
  rows: RepresentationRow[];
  /** People whose value is not recorded (or not one of the population's groups). */
  notRecorded: { active: number; involved: number };
  activeTotal: number;
  involvedTotal: number;
}

export interface RepresentationSection {
  dimensions: RepresentationDimension[];
}

const total = (counts: CategoryCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * The network against the population (issue 22, item 2): per dimension with shares recorded, the active
 * representatives and the people who took part in the period in each group (the gaps are named from what a reader
 * may see: representation-people.ts).
 */
export async function representationSection(reports: ReportsRepository, scope: Scope): Promise<RepresentationSection> {
  const population = await reports.representation.population(scope.organisationId);
  if (!population.shares.length) return { dimensions: [] };
  const [active, involved] = await Promise.all([
    reports.representation.active(scope.organisationId),
    reports.representation.involved(scope),
  ]);
  const dimensions: RepresentationDimension[] = [];
  for (const dimension of DIMENSIONS) {
    const shares = population.shares.filter((s) => s.dimension === dimension);
    if (!shares.length) continue;
    const rows = shares.map((s) => ({
      category: s.category,
      ...(dimension === 'area' ? { name: population.areaNames.get(s.category) ?? s.category } : {}),
      populationTenths: s.tenths,
      active: active[dimension][s.category] ?? 0,
      involved: involved[dimension][s.category] ?? 0,
    }));
    const activeTotal = total(active[dimension]);
    const involvedTotal = total(involved[dimension]);
    const source = population.sources.find((s) => s.dimension === dimension);
    dimensions.push({
      dimension,
      source: source ? { source: source.source, year: source.year } : null,
      rows,
      notRecorded: {
        active: activeTotal - rows.reduce((a, r) => a + r.active, 0),
        involved: involvedTotal - rows.reduce((a, r) => a + r.involved, 0),
      },
      activeTotal,
      involvedTotal,
    });
  }
  return { dimensions };
}
