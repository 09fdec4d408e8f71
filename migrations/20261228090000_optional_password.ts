import type { Knex } from 'knex';

// A user invited by e-mail has no password until they choose one through their welcome link (issue 23, item 2):
// users.password_hash becomes optional, and a user without one cannot sign in with a password.
//
// On SQLite a column's NOT NULL can only be dropped by rebuilding the table (knex copies it into a new one). Many
// tables point at users with ON DELETE CASCADE, and dropping the old table with foreign keys on would delete their
// rows; the foreign-key pragma cannot change inside a transaction, so this migration runs outside one and knex
// turns the check off around the rebuild (and runs `PRAGMA foreign_key_check` before turning it on again).
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.setNullable('password_hash');
  });
}

export async function down(knex: Knex): Promise<void> {
  // users without a password get one nobody knows (an unusable scrypt string), then the column is required again
  await knex('users').whereNull('password_hash').update({ password_hash: 'scrypt$none' });
  await knex.schema.alterTable('users', (t) => {
    t.dropNullable('password_hash');
  });
}
