import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // an upload's cells, parsed once within the import's limits (issue 15, finding 1): each view of the preview reads
  // them back instead of parsing the file again; `content` stays for batches stored before this column
  await knex.schema.alterTable('import_batches', (t) => {
    t.text('cells');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_batches', (t) => {
    t.dropColumn('cells');
  });
}
