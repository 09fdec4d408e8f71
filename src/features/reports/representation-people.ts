import type { Locale } from '../../config.js';
import { formatNumber, type Translate } from '../../lib/i18n.js';
import type { Dimension } from './representation-figures.repository.js';
import { peopleCount, SMALL_NUMBER, suppressGroup, type CellState } from './small-numbers.js';
import type { RepresentationRow, RepresentationSection } from './voice-and-representation.js';

/** A group this many percentage points (in tenths of a percent) below its population share is a recruitment need. */
export const GAP_TENTHS = 50;
/** The largest gaps named as recruitment needs. */
export const GAPS_SHOWN = 3;

const FIELD: Record<Dimension, string> = {
  age: 'representatives.fields.ageBand',
  gender: 'representatives.fields.gender',
  area: 'representatives.fields.area',
};

/** Each column's cells as shown: all of them "not shown" when the group's rule would withhold the total, which the
 * report shows elsewhere (the active representatives in the network, those who took part in the headline). */
function column(counts: number[], total: number): CellState[] {
  const decision = suppressGroup(
    counts.map((count) => ({ count })),
    total,
  );
  return decision.total === 'withheld' ? counts.map(() => 'withheld') : decision.cells;
}

/**
 * The representativeness as a reader may see it (page, CSV and share links alike). In each dimension the groups and
 * "not recorded" add up to the total, so they are suppressed as a group (1 to 4 reads "fewer than 5", a cell that
 * subtraction would give back reads "not shown"); a share is shown only beside a count that is shown. The gaps are
 * worked out from what is shown only: a "fewer than 5" group as if it had 4 people (a gap then is one whatever it
 * holds), a group "not shown" not at all; so whether and where a group is named tells nothing more.
 */
export function representationPeople(section: RepresentationSection, t: Translate, locale: Locale) {
  const percent = (tenths: number) => `${formatNumber(tenths / 10, locale, { maximumFractionDigits: 1 })} %`;
  const cell = (count: number, state: CellState, of: number) => {
    const value = peopleCount(count, t, locale, state);
    return state === 'shown' && of > 0 && count > 0
      ? t('reports.representation.cell', { count: value, share: percent((1000 * count) / of) })
      : value;
  };
  const group = (dimension: Dimension, row: RepresentationRow) =>
    t(`reports.representation.groups.${dimension}`, {
      value: dimension === 'gender' ? t(`representatives.genders.${row.category}`) : (row.name ?? row.category),
    });
  const candidates: Array<{ gap: number; text: string; population: number }> = [];
  const dimensions = section.dimensions.map((d) => {
    const last = d.rows.length;
    const active = column([...d.rows.map((r) => r.active), d.notRecorded.active], d.activeTotal);
    const involved = column([...d.rows.map((r) => r.involved), d.notRecorded.involved], d.involvedTotal);
    d.rows.forEach((r, i) => {
      const state = active[i]!;
      if (d.activeTotal === 0 || state === 'withheld') return;
      const seen = state === 'fewer' ? SMALL_NUMBER - 1 : r.active;
      const gap = r.populationTenths - (1000 * seen) / d.activeTotal;
      if (gap < GAP_TENTHS) return;
      candidates.push({
        gap,
        population: r.populationTenths,
        text: t('reports.representation.gap', {
          group: group(d.dimension, r),
          population: percent(r.populationTenths),
          active: cell(r.active, state, d.activeTotal),
        }),
      });
    });
    return {
      dimension: d.dimension,
      heading: t(FIELD[d.dimension]),
      source: d.source
        ? t('reports.representation.source', { source: d.source.source, year: String(d.source.year) })
        : '',
      rows: d.rows.map((r, i) => ({
        label: d.dimension === 'gender' ? t(`representatives.genders.${r.category}`) : (r.name ?? r.category),
        population: percent(r.populationTenths),
        active: cell(r.active, active[i]!, d.activeTotal),
        involved: cell(r.involved, involved[i]!, d.involvedTotal),
      })),
      notRecorded: {
        active: cell(d.notRecorded.active, active[last]!, d.activeTotal),
        involved: cell(d.notRecorded.involved, involved[last]!, d.involvedTotal),
      },
    };
  });
  // the largest first; between equal gaps, the larger group of the population
  const gaps = candidates
    .sort((a, b) => b.gap - a.gap || b.population - a.population)
    .slice(0, GAPS_SHOWN)
    .map((c) => c.text);
  return { dimensions, gaps };
}

export type RepresentationPeople = ReturnType<typeof representationPeople>;
