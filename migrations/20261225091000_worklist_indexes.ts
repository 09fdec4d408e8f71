import type { Knex } from 'knex';

// The worklist (issue 20, item 1) reads each kind of item over the whole organisation: invitations by status (and
// the answers by when they came), meetings by when they start. Without these the queries walk every invitation of
// the organisation, or every meeting of every project, on each view of `/`.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invitations', (t) => {
    t.index(['organisation_id', 'status'], 'invitations_org_status');
    // the newest answers first, stopping at the page's few (no sort of a fortnight's answers)
    t.index(['organisation_id', 'responded_at'], 'invitations_org_responded');
  });
  await knex.schema.alterTable('meetings', (t) => {
    t.index(['organisation_id', 'starts_at'], 'meetings_org_starts');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('meetings', (t) => t.dropIndex(['organisation_id', 'starts_at'], 'meetings_org_starts'));
  await knex.schema.alterTable('invitations', (t) => {
    t.dropIndex(['organisation_id', 'responded_at'], 'invitations_org_responded');
    t.dropIndex(['organisation_id', 'status'], 'invitations_org_status');
  });
}
