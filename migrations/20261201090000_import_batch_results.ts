import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // after confirmation a batch keeps who was imported (not the file), so that the facilitator can see who still
  // cannot be invited; the abandoned-import job deletes it with the others
  await knex.schema.alterTable('import_batches', (t) => {
    t.timestamp('imported_at', { useTz: true });
    t.text('imported_ids');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_batches', (t) => {
    t.dropColumn('imported_ids');
    t.dropColumn('imported_at');
  });
}
