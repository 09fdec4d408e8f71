import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // an uploaded CSV between upload, preview and confirmation; deleted when confirmed or abandoned
  await knex.schema.createTable('import_batches', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('filename', 255).notNullable().defaultTo('');
    t.string('encoding', 20).notNullable();
    t.string('delimiter', 1).notNullable();
    t.text('content').notNullable();
    t.text('mapping').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('import_batches');
}
