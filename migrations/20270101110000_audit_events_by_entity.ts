import type { Knex } from 'knex';

// Issue 26 (the growth table): a profile lists the latest audit events about its person. Without an index on the
// entity, the database walked the organisation's whole log newest first until it had found them, so a profile got
// slower with every view ever recorded (5 ms with 22,000 rows in the log; the log gains a row per profile viewed).
// With it, the person's own events are read directly, newest first.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => {
    t.index(['organisation_id', 'entity_type', 'entity_id', 'occurred_at'], 'audit_events_entity');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_events', (t) => t.dropIndex([], 'audit_events_entity'));
}
