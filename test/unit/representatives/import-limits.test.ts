import { expect } from 'chai';
import { CsvTooWideError, csvWork, parseCsv } from '../../../src/lib/csv.js';
import {
  distanceWithin,
  editDistance,
  skillCellReader,
  type TaxonomySkill,
} from '../../../src/features/representatives/import-cells.js';
import { previewPage } from '../../../src/features/representatives/import-preview-page.js';
import type { Preview, PreviewRow } from '../../../src/features/representatives/roster-import.js';
import {
  IMPORT_ERRORS_SHOWN_PER_ROW,
  IMPORT_MAX_SKILLS_PER_CELL,
  IMPORT_PAGE_SIZE,
} from '../../../src/features/representatives/import-limits.js';

// Issue 15, finding 1: the work of reading an imported file is bounded by the limits, not by what the file holds.
describe('import limits: parsing within limits', () => {
  const limits = { maxColumns: 5, maxRows: 3 };

  it('stops at the first cell past the column limit, naming the line of its record', () => {
    const before = csvWork.fields;
    const wide = `a;b\nc;d\n${'x;'.repeat(100_000)}x\n`;
    let error: unknown;
    try {
      parseCsv(wide, ';', limits);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(CsvTooWideError);
    expect((error as CsvTooWideError).line).to.equal(3);
    expect(csvWork.fields - before).to.equal(2 + 2 + limits.maxColumns + 1);
  });

  it('reads one row past the row limit and says the file has more', () => {
    const parsed = parseCsv('h\n1\n2\n3\n4\n5\n6\n', ';', limits);
    expect(parsed.rows.map((r) => r.cells[0])).to.deep.equal(['1', '2', '3', '4']);
    expect(parsed.truncated).to.equal(true);
    expect(parseCsv('h\n1\n2\n3\n', ';', limits).truncated).to.equal(false);
  });
});

describe('import limits: bounded edit distance', () => {
  const words = ['', 'a', 'ab', 'ba', 'abc', 'diabetes', 'diabetis', 'dibaetes', 'psykisk helse', 'prosjekt', 'kurs'];

  it('equals the edit distance up to the bound, and is above the bound otherwise', () => {
    for (const a of words) {
      for (const b of words) {
        for (const max of [0, 1, 2, 3]) {
          const exact = editDistance(a, b);
          const bounded = distanceWithin(a, b, max);
          if (exact <= max) expect(bounded, `${a}/${b}/${max}`).to.equal(exact);
          else expect(bounded, `${a}/${b}/${max}`).to.be.above(max);
        }
      }
    }
  });
});

describe('import limits: skills cells', () => {
  const TAXONOMY: TaxonomySkill[] = [
    { id: 1, nameNb: 'Diabetes', nameEn: 'Diabetes', category: 'lived_experience' },
    { id: 3, nameNb: 'Prosjektarbeid', nameEn: 'Project work', category: 'competence' },
    { id: 4, nameNb: 'Rus, avhengighet', nameEn: 'Substance use, addiction', category: 'lived_experience' },
  ];

  it(`refuses a cell of more than ${IMPORT_MAX_SKILLS_PER_CELL} names as one problem`, () => {
    const cell = Array.from({ length: 10_000 }, (_, i) => `x${i}`).join(',');
    expect(skillCellReader(TAXONOMY)(cell).problems).to.deep.equal([
      { kind: 'tooMany', count: 10_000, max: IMPORT_MAX_SKILLS_PER_CELL },
    ]);
  });

  it('looks for close names within its budget, each distinct name once', () => {
    const read = skillCellReader(TAXONOMY, { suggestions: 2 });
    const closest = read('Diabetis, diabetis, Prosjekt, Diabetess').problems.map((p) =>
      p.kind === 'unknown' ? p.closest.map((s) => s.id) : [],
    );
    expect(closest).to.deep.equal([[1], [1], [3], []]);
  });

  it('reads a name with a level after a long run of spaces, and quotes a long unknown name shortened', () => {
    const read = skillCellReader(TAXONOMY);
    expect(read(`Prosjektarbeid${' '.repeat(50)}(2)`).skills.map((s) => s.level)).to.deep.equal([2]);
    const [problem] = read(`a${' '.repeat(100_000)}b`).problems;
    expect(problem?.kind === 'unknown' && problem.text.length).to.equal(81);
  });
});

describe('import limits: one page of the preview', () => {
  const row = (line: number, status: PreviewRow['status'], errors = 0): PreviewRow => ({
    line,
    cells: [`Navn ${line}`, `kode ${line}`],
    status,
    errors: Array.from({ length: errors }, (_, i) => ({ field: 'x', column: 'x', message: `feil ${i}` })),
  });
  const preview = (rows: PreviewRow[]): Preview => ({
    batchId: 1,
    filename: 'f.csv',
    encoding: 'utf-8',
    delimiter: ';',
    header: ['Navn', 'Kode'],
    mapping: { Navn: 'name', Kode: '' },
    rows,
    counts: { ok: 0, error: 0, duplicate: 0 },
    missingRequired: [],
  });

  it('shows the rows with errors first, one page at a time, and only the mapped columns', () => {
    const rows = Array.from({ length: 120 }, (_, i) =>
      row(i + 2, i === 100 ? 'error' : i === 110 ? 'duplicate' : 'ok', i === 100 ? 12 : 0),
    );
    const first = previewPage(preview(rows), undefined);
    expect(first.columns).to.deep.equal([{ index: 0, name: 'Navn' }]);
    expect(first.rows).to.have.length(IMPORT_PAGE_SIZE);
    expect(first.rows[0]).to.include({ line: 102, moreErrors: 12 - IMPORT_ERRORS_SHOWN_PER_ROW });
    expect(first.rows[0]!.errors).to.have.length(IMPORT_ERRORS_SHOWN_PER_ROW);
    expect(first.rows[1]!.line).to.equal(2);
    expect([first.page, first.pages]).to.deep.equal([1, 3]);
    expect(previewPage(preview(rows), '3').rows.map((r) => r.line)).to.have.length(20);
    expect(previewPage(preview(rows), '99').page).to.equal(3);
    expect(previewPage(preview(rows), '-1').page).to.equal(1);
    expect(previewPage(preview([]), '2')).to.include({ page: 1, pages: 1 });
  });
});
