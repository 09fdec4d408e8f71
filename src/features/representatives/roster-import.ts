import type { Clock } from '../../lib/clock.js';
import {
  CsvTooWideError,
  decodeCsv,
  detectDelimiter,
  isFormula,
  looksBinary,
  parseCsv,
  type Delimiter,
} from '../../lib/csv.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Locale } from '../../config.js';
import type { Translate } from '../../lib/i18n.js';
import { searchKey, stripControlCharacters } from '../../lib/text.js';
import type { Transact } from '../../lib/transact.js';
import type { SkillsService } from '../skills/skills.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { ConsentMethod, ConsentPurpose, RepresentativeInput, RosterVersions } from './representatives.model.js';
import type { RepresentativesRepository } from './representatives.repository.js';
import type { ConsentsRepository } from './consents.repository.js';
import type { RepresentativeSkillsRepository } from './representative-skills.repository.js';
import type { ImportBatchesRepository, ImportCells } from './import-batches.repository.js';
import { representativeSchema } from './representatives.schema.js';
import { isoDateFrom, KIND_WORDS, parseLanguages, parseWrittenLanguage, skillCellReader } from './import-cells.js';
import { readConsentsAndSkills, type CellError } from './import-rows.js';
import { areaMatcher, type ImportAreas } from './roster-import-areas.js';
import {
  CONSENT_FIELDS,
  MULTILINE_IMPORT_FIELDS,
  REPEATABLE_FIELDS,
  guessMapping,
  mappingFromForm,
  type ImportField,
  type Mapping,
} from './import-mapping.js';
export { IMPORT_FIELDS } from './import-mapping.js';

import { IMPORT_MAX_BYTES, IMPORT_MAX_COLUMNS, IMPORT_MAX_ROWS, IMPORT_SUGGESTION_BUDGET } from './import-limits.js';

const LIMITS = { maxColumns: IMPORT_MAX_COLUMNS, maxRows: IMPORT_MAX_ROWS };
const tooManyColumns = (err: CsvTooWideError) => ({
  key: 'import.errors.tooManyColumns',
  params: { count: IMPORT_MAX_COLUMNS, line: err.line },
});

export type { CellError } from './import-rows.js';

export interface PreviewRow {
  line: number;
  cells: string[];
  status: 'ok' | 'error' | 'duplicate';
  errors: CellError[];
  /** For a duplicate: the person already on the roster, or the earlier line of the file. */
  existingId?: number;
  duplicateOfLine?: number;
  input?: RepresentativeInput;
  /** The consents the row's columns say yes to (roster is given to everyone imported). */
  consents?: ConsentPurpose[];
  skills?: Array<{ skillId: number; level: number }>;
}

export interface Preview {
  batchId: number;
  filename: string;
  encoding: string;
  delimiter: Delimiter;
  header: string[];
  mapping: Mapping;
  rows: PreviewRow[];
  counts: { ok: number; error: number; duplicate: number };
  /** Fields no column is mapped to but every row needs. */
  missingRequired: ImportField[];
}

const phoneDigits = (phone: string | null | undefined) => (phone ?? '').replace(/\D/g, '');

export interface RosterImportDeps {
  transact: Transact;
  batches: ImportBatchesRepository;
  representatives: RepresentativesRepository;
  consents: ConsentsRepository;
  representativeSkills: RepresentativeSkillsRepository;
  skills: SkillsService;
  audit: AuditService;
  versions: RosterVersions;
  /** The organisation's areas (the areas feature): an area in the file that names one is that area. */
  areas: ImportAreas;
  clock: Clock;
}

/** CSV import: upload → preview with per-row errors and duplicates → mapping → confirmation in one transaction. */
export class RosterImport {
  constructor(private readonly deps: RosterImportDeps) {}

  /** Checks and stores an uploaded file; returns its batch id, or the catalog key of what is wrong with it. */
  async upload(
    actor: CurrentUser,
    file: { originalname: string; buffer: Buffer } | undefined,
  ): Promise<number | { key: string; params?: Record<string, number> }> {
    if (!file || file.buffer.length === 0) return { key: 'import.errors.noFile' };
    if (file.buffer.length > IMPORT_MAX_BYTES)
      return { key: 'import.errors.tooLarge', params: { count: IMPORT_MAX_BYTES / 1024 } };
    const decoded = decodeCsv(file.buffer);
    if (looksBinary(decoded.text)) return { key: 'import.errors.notCsv' };
    // a stray control character past the binary check (NUL breaks PostgreSQL) goes before the file is stored;
    // tab and line breaks stay, and each cell is cleaned again for its field when the rows are read
    const text = stripControlCharacters(decoded.text, { multiline: true });
    const { encoding } = decoded;
    const delimiter = detectDelimiter(text);
    let parsed;
    try {
      parsed = parseCsv(text, delimiter, LIMITS);
    } catch (err) {
      if (err instanceof CsvTooWideError) return tooManyColumns(err);
      const line = (err as { lines?: number }).lines;
      return { key: 'import.errors.unreadable', params: { line: typeof line === 'number' ? line : 1 } };
    }
    if (parsed.header.length < 1 || parsed.rows.length === 0) return { key: 'import.errors.empty' };
    if (parsed.header.length === 1 && !parsed.header[0]!.trim()) return { key: 'import.errors.notCsv' };
    if (parsed.truncated) return { key: 'import.errors.tooManyRows', params: { count: IMPORT_MAX_ROWS } };
    return this.deps.batches.create(
      { organisationId: actor.organisationId, userId: actor.id },
      {
        filename: stripControlCharacters(file.originalname),
        encoding,
        delimiter,
        content: '',
        cells: { header: parsed.header, rows: parsed.rows },
        mapping: guessMapping(parsed.header),
      },
      this.deps.clock.now().toISO()!,
    );
  }

  private async batch(actor: CurrentUser, batchId: number) {
    const batch = await this.deps.batches.find({ organisationId: actor.organisationId, userId: actor.id }, batchId);
    if (!batch) throw notFound();
    return { ...batch, mapping: batch.mapping as Mapping };
  }

  /**
   * A stored file's cells, as parsed at upload: a view reads them back rather than parsing the file again. A batch
   * stored before the cells were is parsed within the same limits (one past them is refused, not read).
   */
  private read(batch: { content: string; cells: ImportCells | null; delimiter: Delimiter }): ImportCells {
    if (batch.cells) return batch.cells;
    try {
      return parseCsv(batch.content, batch.delimiter, LIMITS);
    } catch (err) {
      if (err instanceof CsvTooWideError) {
        const { key, params } = tooManyColumns(err);
        throw new AppError(422, key, params);
      }
      throw err;
    }
  }

  /** The ids of those imported, once the batch is confirmed; undefined while it waits for confirmation. */
  async importedIds(actor: CurrentUser, batchId: number): Promise<number[] | undefined> {
    return (await this.batch(actor, batchId)).importedIds ?? undefined;
  }

  async setMapping(actor: CurrentUser, batchId: number, wanted: Record<string, unknown>): Promise<void> {
    const batch = await this.batch(actor, batchId);
    if (batch.importedIds) return;
    const { header } = this.read(batch);
    await this.deps.batches.setMapping(batch.id, mappingFromForm(header, wanted));
  }

  /** Reads every row through the mapping with the same rules as the form; finds duplicates in the roster and the file. */
  async preview(actor: CurrentUser, batchId: number, t: Translate, locale: Locale): Promise<Preview> {
    const batch = await this.batch(actor, batchId);
    const { header, rows } = this.read(batch);
    const mapping = batch.mapping;
    const fieldColumn = new Map<ImportField, number>();
    const mapped: Array<[ImportField, number]> = [];
    header.forEach((column, index) => {
      const field = mapping[column];
      if (!field) return;
      if (REPEATABLE_FIELDS.has(field) || !fieldColumn.has(field)) mapped.push([field, index]);
      if (!fieldColumn.has(field)) fieldColumn.set(field, index);
    });
    const missingRequired = (['name'] as ImportField[]).filter((f) => !fieldColumn.has(f));
    const columns = {
      consent: CONSENT_FIELDS.filter(([f]) => fieldColumn.has(f)).map(
        ([f, purpose]) => [purpose, fieldColumn.get(f)!] as [ConsentPurpose, number],
      ),
      skills: mapped.filter(([f]) => f === 'skills').map(([, index]) => index),
    };
    const taxonomy = columns.skills.length ? (await this.deps.skills.list(actor)).filter((s) => !s.archived) : [];
    const readSkills = skillCellReader(taxonomy, { suggestions: IMPORT_SUGGESTION_BUDGET });

    const existing = await this.deps.representatives.duplicateKeys(actor.organisationId);
    const byEmail = new Map(existing.filter((r) => r.email).map((r) => [r.email!.toLowerCase(), r.id]));
    const byNamePhone = new Map(
      existing.filter((r) => r.phone).map((r) => [`${r.searchKey}|${phoneDigits(r.phone)}`, r.id]),
    );
    const seenEmail = new Map<string, number>();
    const seenNamePhone = new Map<string, number>();

    const previewRows: PreviewRow[] = rows.map(({ line, cells }) => {
      const errors: CellError[] = [];
      if (cells.length !== header.length) {
        errors.push({
          field: '',
          column: '',
          message: t(cells.length > header.length ? 'import.errors.tooManyFields' : 'import.errors.tooFewFields', {
            count: cells.length,
            expected: header.length,
          }),
        });
        return { line, cells, status: 'error', errors };
      }
      // control characters (NUL breaks PostgreSQL) go, as at every form's boundary
      const cellAt = (index: number, field?: ImportField) =>
        stripControlCharacters(cells[index] ?? '', { multiline: field && MULTILINE_IMPORT_FIELDS.has(field) }).trim();
      const cell = (field: ImportField) => {
        const index = fieldColumn.get(field);
        return index === undefined ? '' : cellAt(index, field);
      };
      for (const [field, index] of mapped) {
        const value = cellAt(index, field);
        if (isFormula(value) && !(field === 'phone' && /^\+[0-9 ()-]+$/.test(value))) {
          errors.push({ field, column: header[index]!, message: t('import.errors.formula') });
        }
      }
      const kindText = cell('kind');
      const kind = kindText ? KIND_WORDS.find(([re]) => re.test(kindText))?.[1] : 'patient';
      if (!kind)
        errors.push({
          field: 'kind',
          column: header[fieldColumn.get('kind')!]!,
          message: t('import.errors.kindUnknown', { value: kindText }),
        });
      const languages = parseLanguages(cell('languages'));
      if (languages.unknown.length) {
        errors.push({
          field: 'languages',
          column: header[fieldColumn.get('languages')!]!,
          message: t('import.errors.languageUnknown', { value: languages.unknown.join(', ') }),
        });
      }
      const written = parseWrittenLanguage(cell('writtenLanguage'));
      if (written === null) {
        const column = header[fieldColumn.get('writtenLanguage')!]!;
        errors.push({ field: 'writtenLanguage', column, message: t('import.errors.writtenLanguageUnknown') });
      }
      const extras = readConsentsAndSkills(cellAt, columns, header, readSkills, t, locale);
      errors.push(...extras.errors);
      const contactText = cell('preferredContact').toLocaleLowerCase('nb');
      const email = cell('email');
      const phone = cell('phone');
      const preferred = /post|mail/.test(contactText)
        ? 'email'
        : /tele|phone|tlf/.test(contactText)
          ? 'phone'
          : /brev|letter/.test(contactText)
            ? 'letter'
            : email
              ? 'email'
              : phone
                ? 'phone'
                : 'letter';
      const form = representativeSchema.safeParse({
        name: cell('name'),
        email,
        phone,
        locale: written ?? actor.organisationLocale ?? 'nb',
        kind: kind ?? 'patient',
        area: cell('area'),
        nominatingOrganisation: cell('nominatingOrganisation'),
        termStart: isoDateFrom(cell('termStart')),
        termEnd: isoDateFrom(cell('termEnd')),
        languages: languages.codes,
        accessibilityNeeds: cell('accessibilityNeeds'),
        preferredContact: preferred,
        postalAddress: cell('postalAddress'),
        loadCap: '',
        ageBand: '',
        gender: '',
        notes: cell('notes'),
      });
      if (!form.success) {
        for (const issue of form.error.issues) {
          const field = String(issue.path[0] ?? '');
          if (errors.some((e) => e.field === field)) continue;
          const index = fieldColumn.get(field as ImportField);
          errors.push({ field, column: index === undefined ? '' : header[index]!, message: t(issue.message) });
        }
      }
      if (errors.length || !form.success) return { line, cells, status: 'error', errors };
      const input = form.data;
      const emailKey = input.email?.toLowerCase();
      const namePhoneKey = input.phone ? `${searchKey(input.name)}|${phoneDigits(input.phone)}` : undefined;
      const existingId =
        (emailKey && byEmail.get(emailKey)) || (namePhoneKey && byNamePhone.get(namePhoneKey)) || undefined;
      if (existingId) return { line, cells, status: 'duplicate', errors: [], existingId };
      const earlier =
        (emailKey && seenEmail.get(emailKey)) || (namePhoneKey && seenNamePhone.get(namePhoneKey)) || undefined;
      if (earlier) return { line, cells, status: 'duplicate', errors: [], duplicateOfLine: earlier };
      if (emailKey) seenEmail.set(emailKey, line);
      if (namePhoneKey) seenNamePhone.set(namePhoneKey, line);
      return { line, cells, status: 'ok', errors: [], input, consents: extras.consents, skills: extras.skills };
    });

    const counts = { ok: 0, error: 0, duplicate: 0 };
    for (const row of previewRows) counts[row.status] += 1;
    return {
      batchId: batch.id,
      filename: batch.filename,
      encoding: batch.encoding,
      delimiter: batch.delimiter,
      header,
      mapping,
      rows: previewRows,
      counts,
      missingRequired,
    };
  }

  /**
   * Writes the rows that passed, in one transaction, with their consents (recorded as the facilitator confirmed,
   * by the facilitator) and skills; duplicates are left out. Rows with errors are left out only when the
   * facilitator chose to skip them: otherwise nothing is written and the preview comes back to be shown again.
   */
  async confirm(
    actor: CurrentUser,
    batchId: number,
    t: Translate,
    locale: Locale,
    options: { status: 'prospective' | 'active'; method: ConsentMethod; skipErrors: boolean },
  ): Promise<{ imported: number } | { refused: Preview }> {
    const preview = await this.preview(actor, batchId, t, locale);
    if (preview.counts.error > 0 && !options.skipErrors) return { refused: preview };
    // the rows to write, each with its area matched to one of the organisation's areas where it names one
    const withArea = await areaMatcher(this.deps.areas, actor.organisationId);
    const good = preview.rows
      .filter((r) => r.status === 'ok' && r.input)
      .map((r) => ({ ...r, input: withArea(r.input!) }));
    const now = this.deps.clock.now().toISO()!;
    const imported = await this.deps.transact(async (tx) => {
      // claimed first: a second confirmation of the same batch (a double click) writes nothing
      if (!(await this.deps.batches.claimForImport(batchId, now, tx))) return undefined;
      const ids: number[] = [];
      for (const row of good) {
        const id = await this.deps.representatives.create(actor.organisationId, row.input, options.status, now, tx);
        ids.push(id);
        await this.deps.representatives.addStatusChange(
          actor.organisationId,
          id,
          { from: null, to: options.status, pausedUntil: null, reason: '', userId: actor.id, at: now },
          tx,
        );
        for (const purpose of new Set<ConsentPurpose>(['roster', ...(row.consents ?? [])])) {
          await this.deps.consents.giveConsent(
            actor.organisationId,
            id,
            { purpose, method: options.method, at: now, userId: actor.id },
            tx,
          );
        }
        for (const skill of row.skills ?? []) {
          await this.deps.representativeSkills.setSkill(
            actor.organisationId,
            id,
            { ...skill, since: null, expiresOn: null },
            tx,
          );
        }
      }
      await this.deps.batches.markImported(batchId, ids, now, tx);
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(
        actor,
        'representatives.imported',
        { type: 'import', id: batchId },
        { imported: good.length, skipped: preview.rows.length - good.length },
        tx,
      );
      return ids.length;
    });
    return { imported: imported ?? 0 };
  }

  async discard(actor: CurrentUser, batchId: number): Promise<void> {
    await this.batch(actor, batchId);
    await this.deps.batches.delete(batchId);
  }
}
