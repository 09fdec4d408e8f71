// The limits of a roster import, in one place: each bounds the work an upload or a view of its preview can cost.

/** The largest file accepted. */
export const IMPORT_MAX_BYTES = 1024 * 1024;
/** The most rows under the header. */
export const IMPORT_MAX_ROWS = 2000;
/** The most columns: a generous roster has about 30; a spreadsheet with more is not a roster. */
export const IMPORT_MAX_COLUMNS = 100;
/** Rows shown per page of the preview. */
export const IMPORT_PAGE_SIZE = 50;
/** The most skills one cell may list (a person with more splits them over several skills columns). */
export const IMPORT_MAX_SKILLS_PER_CELL = 50;
/** The most unknown skill names a preview looks for close names to (each distinct name once). */
export const IMPORT_SUGGESTION_BUDGET = 100;
/** The most problems shown on one row of the preview; the rest are counted. */
export const IMPORT_ERRORS_SHOWN_PER_ROW = 5;
