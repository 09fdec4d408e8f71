// What one view of an import's preview shows: the mapped columns and one page of rows. Pure: the preview is
// worked out once per request; this decides how little of it is rendered.
import { IMPORT_ERRORS_SHOWN_PER_ROW, IMPORT_PAGE_SIZE } from './import-limits.js';
import type { Preview, PreviewRow } from './roster-import.js';

/** The longest sample of a column's first value shown beside its mapping. */
const EXAMPLE_MAX = 40;

export interface PreviewPage {
  /** The columns mapped to a field, in the file's order: the only cells rendered. */
  columns: Array<{ index: number; name: string }>;
  /** Each column's value on the first row, shortened, to help map columns whose names say little. */
  examples: string[];
  /** The page's rows, with at most IMPORT_ERRORS_SHOWN_PER_ROW problems each and the number left out. */
  rows: Array<PreviewRow & { moreErrors: number }>;
  page: number;
  pages: number;
}

/** The page number asked for, within 1 … pages (anything else is the first or the last page). */
function pageNumber(requested: unknown, pages: number): number {
  const n = typeof requested === 'string' && /^\d{1,6}$/.test(requested) ? Number(requested) : 1;
  return Math.min(Math.max(n, 1), pages);
}

/**
 * One page of the preview: rows with errors first (the ones a facilitator has to fix, so that the error summary's
 * links land on this page), then the others in the file's order.
 */
export function previewPage(preview: Preview, requestedPage: unknown): PreviewPage {
  const columns = preview.header
    .map((name, index) => ({ index, name }))
    .filter(({ name }) => Boolean(preview.mapping[name]));
  const first = preview.rows[0]?.cells ?? [];
  const examples = preview.header.map((_, index) => {
    const value = (first[index] ?? '').trim();
    return value.length > EXAMPLE_MAX ? `${value.slice(0, EXAMPLE_MAX)}…` : value;
  });
  const ordered = [
    ...preview.rows.filter((row) => row.status === 'error'),
    ...preview.rows.filter((row) => row.status !== 'error'),
  ];
  const pages = Math.max(1, Math.ceil(ordered.length / IMPORT_PAGE_SIZE));
  const page = pageNumber(requestedPage, pages);
  const rows = ordered.slice((page - 1) * IMPORT_PAGE_SIZE, page * IMPORT_PAGE_SIZE).map((row) => ({
    ...row,
    errors: row.errors.slice(0, IMPORT_ERRORS_SHOWN_PER_ROW),
    moreErrors: Math.max(0, row.errors.length - IMPORT_ERRORS_SHOWN_PER_ROW),
  }));
  return { columns, examples, rows, page, pages };
}
