import type { Knex } from 'knex';

// Anonymous refusals (forged forms and unknown links on personal-link pages, refused sign-ins) are counted into one
// row per source, kind and window instead of a row each: a hostile client cannot grow the audit log without bound.
// aggregate_key is a keyed hash of the source (never the address itself), the kind and the window; null for every
// ordinary event. A unique column allows many nulls on SQLite and PostgreSQL alike.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.integer('occurrences').notNullable().defaultTo(1);
    t.string('aggregate_key', 64).unique();
    t.timestamp('last_occurred_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.dropUnique(['aggregate_key']);
    t.dropColumn('last_occurred_at');
    t.dropColumn('aggregate_key');
    t.dropColumn('occurrences');
  });
}
