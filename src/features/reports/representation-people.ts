import type { Locale } from '../../config.js';
import { formatNumber, type Translate } from '../../lib/i18n.js';
import type { Dimension } from './representation-figures.repository.js';
import { peopleCount, suppressGroup, type CellState } from './small-numbers.js';
import type { RepresentationRow, RepresentationSection } from './voice-and-representation.js';

const FIELD: Record<Dimension, string> = {
  age: 'representatives.fields.ageBand',
  gender: 'representatives.fields.gender',
  area: 'representatives.fields.area',
};

/**
 * The representativeness as a reader may see it (page, CSV and share links alike): in each dimension the groups and
 * "not recorded" add up to the total, so they are suppressed as a group (1 to 4 reads "fewer than 5", and a cell
 * subtraction would give back is withheld too); a share is shown only beside a count that is shown.
 */
export function representationPeople(section: RepresentationSection, t: Translate, locale: Locale) {
  const percent = (tenths: number) => `${formatNumber(tenths / 10, locale, { maximumFractionDigits: 1 })} %`;
  const cell = (count: number, state: CellState, of: number) => {
    const value = peopleCount(count, t, locale, state);
    return state === 'shown' && of > 0 && count > 0
      ? t('reports.representation.cell', { count: value, share: percent((1000 * count) / of) })
      : value;
  };
  const label = (dimension: Dimension, row: RepresentationRow) =>
    dimension === 'gender' ? t(`representatives.genders.${row.category}`) : (row.name ?? row.category);
  const states = new Map<RepresentationRow, CellState>();
  const dimensions = section.dimensions.map((d) => {
    const active = suppressGroup(
      [...d.rows.map((r) => ({ count: r.active })), { count: d.notRecorded.active }],
      d.activeTotal,
    );
    const involved = suppressGroup(
      [...d.rows.map((r) => ({ count: r.involved })), { count: d.notRecorded.involved }],
      d.involvedTotal,
    );
    d.rows.forEach((r, i) => states.set(r, active.cells[i]!));
    const last = d.rows.length;
    return {
      dimension: d.dimension,
      heading: t(FIELD[d.dimension]),
      source: d.source
        ? t('reports.representation.source', { source: d.source.source, year: String(d.source.year) })
        : '',
      rows: d.rows.map((r, i) => ({
        label: label(d.dimension, r),
        population: percent(r.populationTenths),
        active: cell(r.active, active.cells[i]!, d.activeTotal),
        involved: cell(r.involved, involved.cells[i]!, d.involvedTotal),
      })),
      notRecorded: {
        active: cell(d.notRecorded.active, active.cells[last]!, d.activeTotal),
        involved: cell(d.notRecorded.involved, involved.cells[last]!, d.involvedTotal),
      },
      total: {
        active: peopleCount(d.activeTotal, t, locale, active.total),
        involved: peopleCount(d.involvedTotal, t, locale, involved.total),
      },
    };
  });
  const gaps = section.gaps.map((g) =>
    t('reports.representation.gap', {
      group: `${t(FIELD[g.dimension])} ${label(g.dimension, g.row)}`,
      population: percent(g.row.populationTenths),
      active: cell(g.row.active, states.get(g.row) ?? 'withheld', g.activeTotal),
    }),
  );
  return { dimensions, gaps };
}

export type RepresentationPeople = ReturnType<typeof representationPeople>;
