import type { Knex } from 'knex';

// Nynorsk (issue 25, item 4): people recorded before the written language existed kept theirs (Bokmål); those whose
// spoken languages include Nynorsk wait on a one-time review list until a facilitator decides, once, for each.
// A plain nullable column: SQLite adds it without rebuilding the table (the worklist's triggers stay as they are).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('representatives', (t) => {
    t.timestamp('written_language_reviewed_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  // plain SQL: knex drops a column on SQLite by rebuilding the table, which the worklist's triggers forbid
  await knex.raw('alter table representatives drop column written_language_reviewed_at');
}
