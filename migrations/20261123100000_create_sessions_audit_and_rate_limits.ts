import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    // SHA-256 of the session id: a stolen copy of the table cannot be replayed as cookies
    t.string('id_hash', 64).primary();
    t.integer('organisation_id').references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('user_id').references('id').inTable('users').onDelete('CASCADE');
    t.text('data').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['user_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('audit_events', (t) => {
    t.bigIncrements('id').primary();
    t.integer('organisation_id').references('id').inTable('organisations').onDelete('CASCADE');
    // user, representative (through a link), system
    t.string('actor_type', 20).notNullable();
    t.integer('actor_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.integer('actor_representative_id');
    t.string('action', 60).notNullable();
    t.string('entity_type', 40).notNullable().defaultTo('');
    t.integer('entity_id');
    // JSON of ids and codes only: never names, e-mail addresses or health data
    t.text('details').notNullable().defaultTo('{}');
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'occurred_at']);
    t.index(['organisation_id', 'action']);
  });

  await knex.schema.createTable('rate_limits', (t) => {
    // e.g. "login:ip:127.0.0.1" or "login:account:<sha256 of the e-mail>"
    t.string('key', 200).primary();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.integer('count').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });

  await knex.schema.alterTable('users', (t) => {
    t.timestamp('last_sign_in_at', { useTz: true });
    t.timestamp('password_changed_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('last_sign_in_at');
    t.dropColumn('password_changed_at');
  });
  await knex.schema.dropTable('rate_limits');
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('sessions');
}
