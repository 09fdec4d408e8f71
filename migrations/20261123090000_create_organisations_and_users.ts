import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisations', (t) => {
    t.increments('id').primary();
    t.string('name', 200).notNullable();
    t.string('default_locale', 5).notNullable().defaultTo('nb');
    t.string('time_zone', 64).notNullable().defaultTo('Europe/Oslo');
    // JSON text: honorarium rules, expiry, reminder lead, load cap, review interval, weights, send rate, retention
    t.text('settings').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('name', 200).notNullable();
    // stored lower-cased; unique across the installation since it is the sign-in name
    t.string('email', 254).notNullable().unique();
    t.string('role', 20).notNullable();
    t.string('password_hash', 300).notNullable();
    t.string('locale', 5).notNullable().defaultTo('nb');
    t.boolean('active').notNullable().defaultTo(true);
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'role']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
  await knex.schema.dropTable('organisations');
}
