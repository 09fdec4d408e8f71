import type { Locale } from '../../config.js';
import { formatNumber, type Translate } from '../../lib/i18n.js';

/** Cells about people under this many show "fewer than 5" (docs/domain.md: what supervisors see). */
export const SMALL_NUMBER = 5;

/** How one count of people is shown: as its number, as "fewer than 5", or withheld ("not shown"). */
export type CellState = 'shown' | 'fewer' | 'withheld';

/** One cell of a group of counts that add up to a total shown beside them. */
export interface GroupCell {
  count: number;
  /** Never shown (a health-related decline reason to a supervisor); protected like a small cell, whatever it holds. */
  hidden?: boolean;
  /** Shown in another form that cannot be withheld (the names of the members who consented): never a complement. */
  fixed?: boolean;
}

export interface GroupDecision {
  cells: CellState[];
  /** The total itself: withheld when no other cell could be withheld to protect a small one. */
  total: CellState;
}

/** A count alone: "fewer than 5" from 1 to 4, so nobody can be picked out; 0 and 5 or more as they are. */
export function primaryState(count: number): CellState {
  return count > 0 && count < SMALL_NUMBER ? 'fewer' : 'shown';
}

/** What a reader who knows the rule can tell about a cell from how it is shown. */
function bounds(cell: GroupCell, state: CellState): [number, number] {
  if (state === 'fewer') return [1, SMALL_NUMBER - 1];
  if (cell.hidden) return [0, Infinity];
  if (state === 'withheld') return [SMALL_NUMBER, Infinity];
  return [cell.count, cell.count];
}

/**
 * Whether subtracting the shown cells from the total pins down a protected cell (a small or hidden one): the
 * withheld cells add up to what the shown ones leave, and each lies within what its label says.
 */
function pinned(cells: GroupCell[], states: CellState[]): boolean {
  const withheld = cells.map((_, i) => i).filter((i) => states[i] !== 'shown');
  const sum = withheld.reduce((s, i) => s + cells[i]!.count, 0);
  return withheld.some((i) => {
    if (states[i] !== 'fewer' && !cells[i]!.hidden) return false;
    let othersLow = 0;
    let othersHigh = 0;
    for (const j of withheld) {
      if (j === i) continue;
      const [low, high] = bounds(cells[j]!, states[j]!);
      othersLow += low;
      othersHigh += high;
    }
    const [ownLow, ownHigh] = bounds(cells[i]!, states[i]!);
    const low = Math.max(ownLow, sum - othersHigh);
    const high = Math.min(ownHigh, sum - othersLow);
    return low >= high;
  });
}

/**
 * Small-number suppression of a group of counts of people that add up to `total` (kinds of representative and
 * the active total, took part and not involved, invitation outcomes and invitations sent). Cells from 1 to 4 read
 * "fewer than 5"; hidden cells are left out. When the total is shown, subtraction must not give a protected cell
 * back: while it would, the next smallest shown cell is withheld too, and when none is left, the total.
 * Without a total (`undefined`), each cell only gets the small-number rule.
 */
export function suppressGroup(cells: GroupCell[], total?: number): GroupDecision {
  const states: CellState[] = cells.map((c) => (c.hidden ? 'withheld' : c.fixed ? 'shown' : primaryState(c.count)));
  if (total === undefined) return { cells: states, total: 'shown' };
  const totalState = primaryState(total);
  // a total of 1 to 4 is itself "fewer than 5", and so is every cell in it: nothing to subtract from
  if (totalState === 'fewer' || total === 0) return { cells: states, total: totalState };
  while (pinned(cells, states)) {
    let next = -1;
    cells.forEach((c, i) => {
      if (states[i] !== 'shown' || c.fixed || c.count === 0) return;
      if (next === -1 || c.count < cells[next]!.count) next = i;
    });
    if (next === -1) return { cells: states, total: 'withheld' };
    states[next] = 'withheld';
  }
  return { cells: states, total: 'shown' };
}

/**
 * A count of people as a supervisor may see it: "fewer than 5" from 1 to 4 (or as a group decided), "not shown"
 * when withheld to protect a small cell beside it. Every count of people on a supervisor's pages, CSV and e-mail
 * goes through here.
 */
export function peopleCount(
  count: number,
  t: Translate,
  locale: Locale,
  state: CellState = primaryState(count),
): string {
  if (state === 'withheld') return t('reports.withheld');
  if (state === 'fewer') return t('reports.fewerThan5');
  return formatNumber(count, locale, { maximumFractionDigits: 0 });
}
