import { insertReturningIds, on, type Db } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';
import type { Delimiter, ParsedCsv } from '../../lib/csv.js';
import type { Tx } from '../../lib/transact.js';

/** A file's header and rows as parsed at upload. */
export type ImportCells = Pick<ParsedCsv, 'header' | 'rows'>;

export interface ImportBatch {
  id: number;
  filename: string;
  encoding: string;
  delimiter: Delimiter;
  /** The file's text: only for batches stored before their cells were (new batches keep the cells instead). */
  content: string;
  /** The cells, parsed once at upload within the import's limits; null for a batch stored before. */
  cells: ImportCells | null;
  mapping: Record<string, string>;
  /** Who was imported, once the batch is confirmed (the file itself is then gone). */
  importedIds: number[] | null;
}

/** An import_batches row: the cells, the mapping and the ids imported are JSON text. */
interface ImportBatchRow {
  id: number | string;
  filename: string;
  encoding: string;
  delimiter: Delimiter;
  content: string;
  cells: string | null;
  mapping: string;
  imported_ids: string | null;
}

/** Uploaded CSV files between upload and confirmation, visible only to the user who uploaded them. */
export class ImportBatchesRepository {
  constructor(private readonly db: Db) {}

  async create(
    owner: { organisationId: number; userId: number },
    batch: Omit<ImportBatch, 'id' | 'importedIds'>,
    now: string,
    tx?: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'import_batches', [
      {
        organisation_id: owner.organisationId,
        user_id: owner.userId,
        filename: batch.filename.slice(0, 255),
        encoding: batch.encoding,
        delimiter: batch.delimiter,
        content: batch.content,
        cells: batch.cells ? JSON.stringify(batch.cells) : null,
        mapping: JSON.stringify(batch.mapping),
        created_at: now,
      },
    ]);
    return id!;
  }

  async find(owner: { organisationId: number; userId: number }, id: number, tx?: Tx): Promise<ImportBatch | undefined> {
    const db = on(this.db, tx);
    const row = (await db('import_batches')
      .where({ id, organisation_id: owner.organisationId, user_id: owner.userId })
      .first()) as ImportBatchRow | undefined;
    if (!row) return undefined;
    return {
      id: toNumber(row.id),
      filename: row.filename,
      encoding: row.encoding,
      delimiter: row.delimiter,
      content: row.content,
      cells: row.cells ? (JSON.parse(row.cells) as ImportCells) : null,
      mapping: JSON.parse(row.mapping) as Record<string, string>,
      importedIds: row.imported_ids ? (JSON.parse(row.imported_ids) as number[]) : null,
    };
  }

  async setMapping(id: number, mapping: Record<string, string>, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('import_batches')
      .where({ id })
      .update({ mapping: JSON.stringify(mapping) });
  }

  /** Claims a batch for its import; false when another confirmation got there first. */
  async claimForImport(id: number, now: string, tx?: Tx): Promise<boolean> {
    return (
      (await on(this.db, tx)('import_batches').where({ id }).whereNull('imported_at').update({ imported_at: now })) ===
      1
    );
  }

  /** Marks a batch imported: the file's content goes, the ids of those imported stay for the follow-up list. */
  async markImported(id: number, importedIds: number[], now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('import_batches')
      .where({ id })
      .update({ content: '', cells: null, imported_ids: JSON.stringify(importedIds), imported_at: now });
  }

  async delete(id: number, tx?: Tx): Promise<void> {
    await on(this.db, tx)('import_batches').where({ id }).delete();
  }

  /** Removes batches nobody confirmed (a scheduled job calls this). */
  async purgeOlderThan(instant: string, tx?: Tx): Promise<number> {
    return on(this.db, tx)('import_batches').where('created_at', '<', instant).delete();
  }
}
