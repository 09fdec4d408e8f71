import type { Knex } from 'knex';

// Who made a status change: a user (named by changed_by_user_id), the representative on their own page, or the
// system. Without it, a representative's own pause showed as changed by nobody.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('representative_status_changes', (t) => {
    t.string('changed_by', 20);
  });
  await knex('representative_status_changes').whereNotNull('changed_by_user_id').update({ changed_by: 'user' });
  // earlier self-service changes: the audit log has the representative's own event at the same instant
  await knex('representative_status_changes as c')
    .whereNull('c.changed_by_user_id')
    .whereExists(
      knex
        .select(knex.raw('1'))
        .from('audit_events as a')
        .whereRaw('a.entity_id = c.representative_id')
        .whereRaw('a.occurred_at = c.changed_at')
        .where('a.actor_type', 'representative')
        .whereIn('a.action', ['representative.self_paused', 'representative.self_resumed']),
    )
    .update({ changed_by: 'representative' });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('representative_status_changes', (t) => {
    t.dropColumn('changed_by');
  });
}
