import { expect } from 'chai';
import {
  peopleCount,
  primaryState,
  suppressGroup,
  type CellState,
  type GroupCell,
} from '../../../src/features/reports/small-numbers.js';
import { translator } from '../../../src/lib/i18n.js';

const cells = (...counts: Array<number | GroupCell>): GroupCell[] =>
  counts.map((c) => (typeof c === 'number' ? { count: c } : c));

describe('small-number suppression', () => {
  it('shows 0 and 5 or more as they are and 1 to 4 as "fewer than 5"', () => {
    expect([0, 1, 4, 5, 29].map(primaryState)).to.deep.equal(['shown', 'fewer', 'fewer', 'shown', 'shown']);
  });

  const table: Array<{
    when: string;
    cells: GroupCell[];
    total?: number;
    expected: CellState[];
    totalState?: CellState;
  }> = [
    { when: 'no cell is small', cells: cells(9, 16, 5), total: 30, expected: ['shown', 'shown', 'shown'] },
    {
      when: 'one kind is small beside a shown total (the review: 29 = 9 + 16 + 4)',
      cells: cells(9, 16, 4),
      total: 29,
      expected: ['withheld', 'shown', 'fewer'],
    },
    {
      when: 'took part is small beside not involved (the review: 29 = 3 + 26)',
      cells: cells(3, 26),
      total: 29,
      expected: ['fewer', 'withheld'],
    },
    {
      when: 'invitation outcomes: on the team 3, declined 1 (two small cells that could still be told apart)',
      cells: cells(3, 1, 0, 12),
      total: 16,
      expected: ['fewer', 'fewer', 'shown', 'shown'],
    },
    {
      when: 'two small cells of 1 each: their sum 2 would give both back',
      cells: cells(1, 1, 12),
      total: 14,
      expected: ['fewer', 'fewer', 'withheld'],
    },
    {
      when: 'two small cells of 4 each: their sum 8 would give both back',
      cells: cells(4, 4, 9, 20),
      total: 37,
      expected: ['fewer', 'fewer', 'withheld', 'shown'],
    },
    {
      when: 'the complement is exactly 5 beside a 1: 6 would give the 1 back, so a third cell goes',
      cells: cells(1, 5, 7, 30),
      total: 43,
      expected: ['fewer', 'withheld', 'withheld', 'shown'],
    },
    {
      when: 'zeros are never the complement: they hide nothing',
      cells: cells(2, 0, 0, 8),
      total: 10,
      expected: ['fewer', 'shown', 'shown', 'withheld'],
    },
    {
      when: 'no other cell can be withheld: the total is',
      cells: cells(4, 4),
      total: 8,
      expected: ['fewer', 'fewer'],
      totalState: 'withheld',
    },
    {
      when: 'a hidden cell (health) beside a shown total is protected like a small one, even at 0',
      cells: cells({ count: 0, hidden: true }, 6, 7),
      total: 13,
      expected: ['withheld', 'withheld', 'shown'],
    },
    {
      when: 'a hidden cell of 7 gets a complement too',
      cells: cells(5, { count: 7, hidden: true }, 9),
      total: 21,
      expected: ['withheld', 'withheld', 'shown'],
    },
    {
      when: 'fixed cells (named members) are never the complement: the total goes',
      cells: cells({ count: 6, fixed: true }, 2),
      total: 8,
      expected: ['shown', 'fewer'],
      totalState: 'withheld',
    },
    {
      when: 'a fixed cell of 2 (two names listed) beside 6 others: nothing is small',
      cells: cells({ count: 2, fixed: true }, 6),
      total: 8,
      expected: ['shown', 'shown'],
    },
    {
      when: 'the total is itself under 5',
      cells: cells(1, 2, 0),
      total: 3,
      expected: ['fewer', 'fewer', 'shown'],
      totalState: 'fewer',
    },
    {
      when: 'there is no total to subtract from',
      cells: cells(3, 26),
      expected: ['fewer', 'shown'],
    },
    { when: 'everything is 0', cells: cells(0, 0), total: 0, expected: ['shown', 'shown'] },
  ];
  for (const row of table) {
    it(`decides ${JSON.stringify(row.expected)} when ${row.when}`, () => {
      const decision = suppressGroup(row.cells, row.total);
      expect(decision.cells).to.deep.equal(row.expected);
      expect(decision.total).to.equal(row.totalState ?? 'shown');
    });
  }

  it('writes "fewer than 5", "not shown" and numbers in the reader’s language', () => {
    const nb = translator('nb');
    const en = translator('en');
    expect(peopleCount(3, nb, 'nb')).to.equal('færre enn 5');
    expect(peopleCount(3, en, 'en')).to.equal('fewer than 5');
    expect(peopleCount(1234, nb, 'nb')).to.match(/^1\s234$/);
    expect(peopleCount(12, en, 'en', 'withheld')).to.equal('not shown');
    expect(peopleCount(12, nb, 'nb', 'withheld')).to.equal('vises ikke');
  });
});
