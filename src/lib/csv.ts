import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type Delimiter = ';' | ',';

/**
 * Reads an uploaded file's bytes as text: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else
 * Windows-1252, which is what Norwegian Excel writes when it saves "CSV (semikolondelt)".
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/** Whether the text looks like a binary file rather than text (NUL or many control characters). */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4000);
  if (sample.includes('\u0000')) return true;
  let controls = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const code = sample.charCodeAt(i);
    if ((code >= 1 && code <= 8) || (code >= 14 && code <= 31)) controls += 1;
  }
  return controls > sample.length / 50;
}

/** ";" when the header line has more semicolons than commas (Norwegian Excel), else ",". */
export function detectDelimiter(text: string): Delimiter {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

export interface ParsedCsv {
  header: string[];
  /** Each record with the file line it started on (1-based, the header is line 1). */
  rows: Array<{ line: number; cells: string[] }>;
  /** Whether the file has more rows than `maxRows` (only the first `maxRows + 1` are returned). */
  truncated: boolean;
}

/** What a parse may cost: records wider than `maxColumns` stop it, rows past `maxRows` are not read. */
export interface CsvLimits {
  maxColumns: number;
  maxRows: number;
}

/** Thrown when a record has more fields than the limit; `line` is the file line it started on. */
export class CsvTooWideError extends Error {
  constructor(readonly line: number) {
    super(`CSV record on line ${line} is too wide`);
    this.name = 'CsvTooWideError';
  }
}

/** How many cells the parser has read since the process started: lets tests and the bench see the work done. */
export const csvWork = { fields: 0 };

/**
 * Parses CSV text; throws an Error with the line number when the file is not valid CSV (e.g. an open quote), and a
 * CsvTooWideError as soon as a record passes `maxColumns`: the parser stops at that cell, so that a file of a
 * million columns costs no more than one of `maxColumns`.
 */
export function parseCsv(text: string, delimiter: Delimiter, limits: CsvLimits): ParsedCsv {
  const records = parse(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    // the header, the rows allowed and one more, to tell that there are too many
    to: limits.maxRows + 2,
    cast: (value: string, context: { index: number; lines: number }) => {
      csvWork.fields += 1;
      if (context.index >= limits.maxColumns) throw new CsvTooWideError(context.lines);
      return value;
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [head, ...rest] = records;
  if (!head) return { header: [], rows: [], truncated: false };
  return {
    header: head.record.map((h) => h.trim()),
    rows: rest.slice(0, limits.maxRows + 1).map((r) => ({ line: r.info.lines, cells: r.record })),
    truncated: rest.length > limits.maxRows,
  };
}

/** A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or carriage return). */
export function isFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}

/** Neutralises formula-looking cells for export: a leading apostrophe makes spreadsheets show them as text. */
export function neutralise(value: string): string {
  return isFormula(value) ? `'${value}` : value;
}

/** CSV text with a UTF-8 BOM (so that Excel and LibreOffice read æ, ø, å right), every cell neutralised. */
export function toCsv(rows: string[][], delimiter: Delimiter): string {
  return `\uFEFF${stringify(
    rows.map((r) => r.map(neutralise)),
    { delimiter, record_delimiter: '\r\n', quoted_match: /[\s"';,]/ },
  )}`;
}
