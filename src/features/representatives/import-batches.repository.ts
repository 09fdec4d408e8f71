import type { Db } from '../../db.js';
import { insertReturningIds } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';
import type { Delimiter } from '../../lib/csv.js';

export interface ImportBatch {
  id: number;
  filename: string;
  encoding: string;
  delimiter: Delimiter;
  content: string;
  mapping: Record<string, string>;
}

/** Uploaded CSV files between upload and confirmation, visible only to the user who uploaded them. */
export class ImportBatchesRepository {
  constructor(private readonly db: Db) {}

  async create(
    owner: { organisationId: number; userId: number },
    batch: Omit<ImportBatch, 'id'>,
    now: string,
  ): Promise<number> {
    const [id] = await insertReturningIds(this.db, 'import_batches', [
      {
        organisation_id: owner.organisationId,
        user_id: owner.userId,
        filename: batch.filename.slice(0, 255),
        encoding: batch.encoding,
        delimiter: batch.delimiter,
        content: batch.content,
        mapping: JSON.stringify(batch.mapping),
        created_at: now,
      },
    ]);
    return id!;
  }

  async find(owner: { organisationId: number; userId: number }, id: number): Promise<ImportBatch | undefined> {
    const row = await this.db('import_batches')
      .where({ id, organisation_id: owner.organisationId, user_id: owner.userId })
      .first();
    if (!row) return undefined;
    return {
      id: toNumber(row.id),
      filename: row.filename as string,
      encoding: row.encoding as string,
      delimiter: row.delimiter as Delimiter,
      content: row.content as string,
      mapping: JSON.parse(row.mapping as string) as Record<string, string>,
    };
  }

  async setMapping(id: number, mapping: Record<string, string>): Promise<void> {
    await this.db('import_batches')
      .where({ id })
      .update({ mapping: JSON.stringify(mapping) });
  }

  async delete(id: number, trx?: Db): Promise<void> {
    await (trx ?? this.db)('import_batches').where({ id }).delete();
  }

  /** Removes batches nobody confirmed (a scheduled job calls this). */
  async purgeOlderThan(instant: string): Promise<number> {
    return this.db('import_batches').where('created_at', '<', instant).delete();
  }
}
