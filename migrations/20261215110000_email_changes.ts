import type { Knex } from 'knex';

// A new e-mail address typed on a representative's own page takes effect only when the link sent to it is
// confirmed: the pending address and a hash of the link's token (never the token), expiring, used once.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('email_changes', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    t.string('new_email', 254).notNullable();
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    // confirmed, or replaced by a later request: the link no longer works
    t.timestamp('used_at', { useTz: true });
    t.index(['representative_id']);
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('email_changes');
}
