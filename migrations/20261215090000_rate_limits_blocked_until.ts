import type { Knex } from 'knex';

// Sign-in throttling (issue 15, findings 2 and 11): for an account-and-address key, the instant before which the
// next attempt is refused. A reservation sets it in the same atomic upsert that counts the attempt, so parallel
// requests cannot all pass a read-then-write check.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rate_limits', (t) => {
    t.timestamp('blocked_until', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rate_limits', (t) => {
    t.dropColumn('blocked_until');
  });
}
