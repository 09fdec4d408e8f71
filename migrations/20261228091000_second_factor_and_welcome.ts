import type { Knex } from 'knex';

// Staff sign-in, part 1 (issue 23): a second factor (TOTP) with one-time recovery codes, an organisation's
// requirement of it, new users invited by e-mail through a single-use link, and what a user's own sessions show.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_second_factors', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    // one second factor per user for now (an authenticator app); a passkey would be a row of another kind
    t.integer('user_id').notNullable().unique().references('id').inTable('users').onDelete('CASCADE');
    t.string('kind', 10).notNullable().defaultTo('totp');
    // the shared secret, base32; useless without the password (see docs/decisions.md)
    t.string('secret', 64).notNullable();
    // the last 30-second step a code was accepted for: a code (or an older one) cannot be used twice
    t.bigInteger('last_step').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_used_at', { useTz: true });
  });

  await knex.schema.createTable('user_recovery_codes', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    // SHA-256 of the code (ten random characters from an unambiguous alphabet, 50 bits; throttled like passwords)
    t.string('code_hash', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['user_id']);
  });

  await knex.schema.createTable('welcome_links', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['user_id']);
  });

  // a table of its own rather than a column: adding a column to organisations on SQLite rebuilds the table, which
  // the worklist's triggers forbid; no row means no requirement
  await knex.schema.createTable('organisation_sign_in', (t) => {
    t.integer('organisation_id').primary().references('id').inTable('organisations').onDelete('CASCADE');
    t.boolean('require_second_factor').notNullable().defaultTo(false);
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.alterTable('sessions', (t) => {
    // what the owner sees on /account/security: a short description of the browser, never the raw user agent
    t.string('device', 80).notNullable().defaultTo('');
    // password | password_totp | password_recovery | welcome | reset
    t.string('signed_in_with', 20).notNullable().defaultTo('password');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => {
    t.dropColumn('device');
    t.dropColumn('signed_in_with');
  });
  await knex.schema.dropTable('organisation_sign_in');
  await knex.schema.dropTable('welcome_links');
  await knex.schema.dropTable('user_recovery_codes');
  await knex.schema.dropTable('user_second_factors');
}
