import { toNumber } from '../../lib/db-values.js';

type Value = number | string | null;

/** One attended entry, with only the columns the report groups by or sums. */
export interface InvolvementFact {
  projectId: Value;
  representativeId: Value;
  activity: string;
  levelDelivered: string;
  /** The date, `yyyy-MM-dd` (both engines). */
  occurredOn: string;
  minutes: Value;
  preparationMinutes: Value;
  honorariumOre: Value;
  travelOre: Value;
}

/** What the report reads once for every grouping of involvement (InvolvementFiguresRepository.facts). */
export interface InvolvementFacts {
  rows: InvolvementFact[];
  projects: Map<number, { title: string; unitId: number | null; targetLevel: string }>;
  unitNames: Map<number, string>;
}

interface Sums {
  entries: number;
  minutes: number;
  preparationMinutes: number;
  honorariumOre: number;
  travelOre: number;
}

const emptySums = (): Sums => ({ entries: 0, minutes: 0, preparationMinutes: 0, honorariumOre: 0, travelOre: 0 });

/**
 * The report's groupings of what was logged, from the entries read once: per activity, per unit, promised against
 * delivered depth, minutes per person, per project (hours and people), and hours and people per month of the
 * trend. Each is what one GROUP BY query gave before (issue 26), so the figures are the same.
 */
export function involvementFigures(facts: InvolvementFacts, period: { from: string; to: string }, trendFrom: string) {
  const activities = new Map<string, Sums>();
  const units = new Map<number | null, { unit: string | null; entries: number; minutes: number }>();
  const depth = new Map<string, { promised: string; delivered: string; entries: number }>();
  const perPerson = new Map<number, number>();
  const perProject = new Map<number, { projectId: number; title: string; minutes: number; people: Set<number> }>();
  const months = new Map<string, { minutes: number; people: Set<number> }>();

  for (const row of facts.rows) {
    const minutes = toNumber(row.minutes);
    const person = toNumber(row.representativeId);
    if (row.occurredOn >= trendFrom && row.occurredOn <= period.to) {
      const month = months.get(row.occurredOn.slice(0, 7)) ?? { minutes: 0, people: new Set<number>() };
      month.minutes += minutes;
      month.people.add(person);
      months.set(row.occurredOn.slice(0, 7), month);
    }
    if (row.occurredOn < period.from || row.occurredOn > period.to) continue;

    const sums = activities.get(row.activity) ?? emptySums();
    sums.entries += 1;
    sums.minutes += minutes;
    sums.preparationMinutes += toNumber(row.preparationMinutes);
    sums.honorariumOre += toNumber(row.honorariumOre);
    sums.travelOre += toNumber(row.travelOre);
    activities.set(row.activity, sums);

    perPerson.set(person, (perPerson.get(person) ?? 0) + minutes);

    const projectId = toNumber(row.projectId);
    const project = facts.projects.get(projectId);
    if (!project) continue;
    const byProject = perProject.get(projectId) ?? { projectId, title: project.title, minutes: 0, people: new Set() };
    byProject.minutes += minutes;
    byProject.people.add(person);
    perProject.set(projectId, byProject);

    const unit = units.get(project.unitId) ?? {
      unit: project.unitId === null ? null : (facts.unitNames.get(project.unitId) ?? null),
      entries: 0,
      minutes: 0,
    };
    unit.entries += 1;
    unit.minutes += minutes;
    units.set(project.unitId, unit);

    const key = `${project.targetLevel}|${row.levelDelivered}`;
    const level = depth.get(key) ?? { promised: project.targetLevel, delivered: row.levelDelivered, entries: 0 };
    level.entries += 1;
    depth.set(key, level);
  }

  return {
    byActivity: [...activities]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([activity, sums]) => ({ activity, ...sums })),
    byUnit: [...units.values()].sort((a, b) => b.minutes - a.minutes),
    depth: [...depth.values()].sort(
      (a, b) => a.promised.localeCompare(b.promised) || a.delivered.localeCompare(b.delivered),
    ),
    minutesPerPerson: [...perPerson.values()],
    byProject: [...perProject.values()].map(({ people, ...row }) => ({ ...row, people: people.size })),
    trend: [...months].map(([month, m]) => ({ month, minutes: m.minutes, people: m.people.size })),
  };
}
