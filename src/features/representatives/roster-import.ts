import type { Db } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import { decodeCsv, detectDelimiter, isFormula, looksBinary, parseCsv, type Delimiter } from '../../lib/csv.js';
import { AppError } from '../../lib/errors.js';
import { catalogs, type Translate } from '../../lib/i18n.js';
import { searchKey } from '../../lib/text.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.repository.js';
import type { RosterVersions } from './roster-versions.js';
import type { RepresentativeInput, RepresentativesRepository } from './representatives.repository.js';
import type { ImportBatchesRepository } from './import-batches.repository.js';
import { LANGUAGES, representativeSchema } from './representatives.schema.js';

export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_ROWS = 2000;

/** The roster fields a CSV column can be mapped to. */
export const IMPORT_FIELDS = [
  'name',
  'email',
  'phone',
  'kind',
  'area',
  'languages',
  'nominatingOrganisation',
  'termStart',
  'termEnd',
  'preferredContact',
  'postalAddress',
  'accessibilityNeeds',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type Mapping = Record<string, ImportField | ''>;

// header words Norwegian and English spreadsheets use for each field
const HEADER_GUESSES: Record<ImportField, string[]> = {
  name: ['navn', 'fullt navn', 'name', 'full name'],
  email: ['e-post', 'epost', 'e-postadresse', 'email', 'e-mail', 'mail'],
  phone: ['telefon', 'tlf', 'mobil', 'telefonnummer', 'phone', 'mobile', 'telephone'],
  kind: ['type', 'rolle', 'kind', 'representant'],
  area: ['område', 'bydel', 'area', 'district'],
  languages: ['språk', 'languages', 'language'],
  nominatingOrganisation: ['brukerorganisasjon', 'organisasjon', 'oppnevnt av', 'organisation', 'nominated by'],
  termStart: ['oppnevnt fra', 'fra', 'start', 'term start'],
  termEnd: ['oppnevnt til', 'til', 'slutt', 'term end'],
  preferredContact: ['kontaktmåte', 'foretrukket kontakt', 'preferred contact', 'contact'],
  postalAddress: ['adresse', 'postadresse', 'address', 'postal address'],
  accessibilityNeeds: ['tilrettelegging', 'behov for tilrettelegging', 'accessibility', 'accessibility needs'],
  notes: ['notat', 'notater', 'merknad', 'notes', 'note'],
};

/** A first guess at the mapping from the file's headers. */
export function guessMapping(header: string[]): Mapping {
  const mapping: Mapping = {};
  const used = new Set<ImportField>();
  for (const column of header) {
    const key = column.trim().toLocaleLowerCase('nb');
    const field = IMPORT_FIELDS.find((f) => !used.has(f) && HEADER_GUESSES[f].includes(key));
    mapping[column] = field ?? '';
    if (field) used.add(field);
  }
  return mapping;
}

export interface CellError {
  field: string;
  column: string;
  message: string;
}

export interface PreviewRow {
  line: number;
  cells: string[];
  status: 'ok' | 'error' | 'duplicate';
  errors: CellError[];
  /** For a duplicate: the person already on the roster, or the earlier line of the file. */
  existingId?: number;
  duplicateOfLine?: number;
  input?: RepresentativeInput;
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

function languageLookup(): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const code of LANGUAGES) {
    lookup.set(code, code);
    for (const catalog of [catalogs.nb, catalogs.en]) {
      const name = catalog[`languages.${code}`];
      if (name) {
        lookup.set(name.toLocaleLowerCase('nb'), code);
        lookup.set(name.toLocaleLowerCase('nb').replace(/\s*\(.*\)$/, ''), code);
      }
    }
  }
  lookup.set('norsk', 'nb');
  lookup.set('norwegian', 'nb');
  lookup.set('samisk', 'se');
  return lookup;
}
const LANGUAGE_LOOKUP = languageLookup();

const KIND_WORDS: Array<[RegExp, RepresentativeInput['kind']]> = [
  [/pårørende|next.of.kin|carer/i, 'next_of_kin'],
  [/organisasjon|organisation|organization/i, 'user_organisation'],
  [/bruker|pasient|patient|user|service/i, 'patient'],
];

/** "17.05.2026", "17.5.2026" (Norwegian Excel) or "2026-05-17" as an ISO date; anything else is returned as is. */
function isoDateFrom(value: string): string {
  const no = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (no) return `${no[3]}-${no[2]!.padStart(2, '0')}-${no[1]!.padStart(2, '0')}`;
  return value;
}

const phoneDigits = (phone: string | null | undefined) => (phone ?? '').replace(/\D/g, '');

/** CSV import: upload → preview with per-row errors and duplicates → mapping → confirmation in one transaction. */
export class RosterImport {
  constructor(
    private readonly db: Db,
    private readonly batches: ImportBatchesRepository,
    private readonly representatives: RepresentativesRepository,
    private readonly audit: AuditService,
    private readonly versions: RosterVersions,
    private readonly clock: Clock,
  ) {}

  /** Checks and stores an uploaded file; returns its batch id, or the catalog key of what is wrong with it. */
  async upload(
    actor: CurrentUser,
    file: { originalname: string; buffer: Buffer } | undefined,
  ): Promise<number | { key: string; params?: Record<string, number> }> {
    if (!file || file.buffer.length === 0) return { key: 'import.errors.noFile' };
    if (file.buffer.length > IMPORT_MAX_BYTES)
      return { key: 'import.errors.tooLarge', params: { count: IMPORT_MAX_BYTES / 1024 } };
    const { text, encoding } = decodeCsv(file.buffer);
    if (looksBinary(text)) return { key: 'import.errors.notCsv' };
    const delimiter = detectDelimiter(text);
    let parsed;
    try {
      parsed = parseCsv(text, delimiter);
    } catch (err) {
      const line = (err as { lines?: number }).lines;
      return { key: 'import.errors.unreadable', params: { line: typeof line === 'number' ? line : 1 } };
    }
    if (parsed.header.length < 1 || parsed.rows.length === 0) return { key: 'import.errors.empty' };
    if (parsed.header.length === 1 && !parsed.header[0]!.trim()) return { key: 'import.errors.notCsv' };
    if (parsed.rows.length > IMPORT_MAX_ROWS)
      return { key: 'import.errors.tooManyRows', params: { count: IMPORT_MAX_ROWS } };
    return this.batches.create(
      { organisationId: actor.organisationId, userId: actor.id },
      { filename: file.originalname, encoding, delimiter, content: text, mapping: guessMapping(parsed.header) },
      this.clock.now().toISO()!,
    );
  }

  private async batch(actor: CurrentUser, batchId: number) {
    const batch = await this.batches.find({ organisationId: actor.organisationId, userId: actor.id }, batchId);
    if (!batch) throw new AppError(404, 'errors.notFound.body');
    return { ...batch, mapping: batch.mapping as Mapping };
  }

  async setMapping(actor: CurrentUser, batchId: number, wanted: Record<string, unknown>): Promise<void> {
    const batch = await this.batch(actor, batchId);
    const { header } = parseCsv(batch.content, batch.delimiter);
    const mapping: Mapping = {};
    header.forEach((column, index) => {
      const value = wanted[`column_${index}`];
      mapping[column] =
        typeof value === 'string' && (IMPORT_FIELDS as readonly string[]).includes(value) ? (value as ImportField) : '';
    });
    await this.batches.setMapping(batch.id, mapping);
  }

  /** Reads every row through the mapping with the same rules as the form; finds duplicates in the roster and the file. */
  async preview(actor: CurrentUser, batchId: number, t: Translate): Promise<Preview> {
    const batch = await this.batch(actor, batchId);
    const { header, rows } = parseCsv(batch.content, batch.delimiter);
    const mapping = batch.mapping;
    const fieldColumn = new Map<ImportField, number>();
    header.forEach((column, index) => {
      const field = mapping[column];
      if (field && !fieldColumn.has(field)) fieldColumn.set(field, index);
    });
    const missingRequired = (['name'] as ImportField[]).filter((f) => !fieldColumn.has(f));

    const existing = await this.representatives.duplicateKeys(actor.organisationId);
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
      const cell = (field: ImportField) => {
        const index = fieldColumn.get(field);
        return index === undefined ? '' : (cells[index] ?? '').trim();
      };
      for (const [field, index] of fieldColumn) {
        const value = (cells[index] ?? '').trim();
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
      const languageWords = cell('languages')
        .split(/[,;/]+/)
        .map((w) => w.trim().toLocaleLowerCase('nb'))
        .filter(Boolean);
      const languages = languageWords.map((w) => LANGUAGE_LOOKUP.get(w));
      if (languages.some((l) => !l)) {
        errors.push({
          field: 'languages',
          column: header[fieldColumn.get('languages')!]!,
          message: t('import.errors.languageUnknown'),
        });
      }
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
        locale: 'nb',
        kind: kind ?? 'patient',
        area: cell('area'),
        nominatingOrganisation: cell('nominatingOrganisation'),
        termStart: isoDateFrom(cell('termStart')),
        termEnd: isoDateFrom(cell('termEnd')),
        languages: languages.filter((l): l is string => Boolean(l)),
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
      return { line, cells, status: 'ok', errors: [], input };
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

  /** Writes the rows that passed, in one transaction; rows with errors and duplicates are left out. */
  async confirm(
    actor: CurrentUser,
    batchId: number,
    t: Translate,
    options: { status: 'prospective' | 'active'; rosterConsent: boolean },
  ): Promise<number> {
    const preview = await this.preview(actor, batchId, t);
    const good = preview.rows.filter((r) => r.status === 'ok' && r.input);
    const now = this.clock.now().toISO()!;
    await this.db.transaction(async (trx) => {
      for (const row of good) {
        const id = await this.representatives.create(actor.organisationId, row.input!, options.status, now, trx);
        await this.representatives.addStatusChange(
          actor.organisationId,
          id,
          { from: null, to: options.status, pausedUntil: null, reason: '', userId: actor.id, at: now },
          trx,
        );
        if (options.rosterConsent) {
          await this.representatives.giveConsent(
            actor.organisationId,
            id,
            { purpose: 'roster', method: 'import', at: now, userId: actor.id },
            trx,
          );
        }
      }
      await this.batches.delete(batchId, trx);
      await this.versions.bump(actor.organisationId, trx);
      await this.audit.record(
        {
          organisationId: actor.organisationId,
          actorType: 'user',
          actorUserId: actor.id,
          action: 'representatives.imported',
          entityType: 'import',
          entityId: batchId,
          details: { imported: good.length, skipped: preview.rows.length - good.length },
        },
        trx,
      );
    });
    return good.length;
  }

  async discard(actor: CurrentUser, batchId: number): Promise<void> {
    await this.batch(actor, batchId);
    await this.batches.delete(batchId);
  }
}
