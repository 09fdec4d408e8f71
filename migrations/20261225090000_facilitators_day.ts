import type { Knex } from 'knex';

// The facilitator's day (issue 20): a team that shares one network and one worklist.
// - users: a work phone (a representative sees their contact person's name and work phone) and the secret of their
//   personal calendar feed (only its SHA-256 is stored; renewing it revokes the old address).
// - representatives: their contact person, a named facilitator of the organisation.
// - projects: which project a copy was made from (a template), kept for the record.
// - meetings: a recurring series shares one series id, so the series can be told apart from single meetings.
// - invitations: the facilitator's short personal note, written into the invitation e-mail and letter.
// - worklist_marks: "done" and "snooze until" on a worklist item, for the whole team, with who did it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.string('phone', 40).notNullable().defaultTo('');
    t.string('calendar_token_hash', 64).unique();
    t.timestamp('calendar_token_created_at', { useTz: true });
  });
  await knex.schema.alterTable('representatives', (t) => {
    t.integer('contact_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.index(['organisation_id', 'contact_user_id'], 'representatives_org_contact');
  });
  await knex.schema.alterTable('projects', (t) => {
    t.integer('copied_from_project_id').references('id').inTable('projects').onDelete('SET NULL');
    t.index(['organisation_id', 'facilitator_user_id'], 'projects_org_facilitator');
  });
  await knex.schema.alterTable('meetings', (t) => {
    t.string('series_id', 36);
  });
  await knex.schema.alterTable('invitations', (t) => {
    t.text('personal_note').notNullable().defaultTo('');
  });
  await knex.schema.createTable('worklist_marks', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    // what the item is about, stable across days: e.g. attendance:<meeting id>, undeliverable:<invitation id>
    t.string('item_key', 200).notNullable();
    // done | snoozed
    t.string('state', 10).notNullable();
    // the day (organisation's zone) a snoozed item comes back
    t.date('snoozed_until');
    t.integer('marked_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('marked_at', { useTz: true }).notNullable();
    t.unique(['organisation_id', 'item_key'], { indexName: 'worklist_marks_org_key' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('worklist_marks');
  await knex.schema.alterTable('invitations', (t) => t.dropColumn('personal_note'));
  await knex.schema.alterTable('meetings', (t) => t.dropColumn('series_id'));
  await knex.schema.alterTable('projects', (t) => {
    t.dropIndex(['organisation_id', 'facilitator_user_id'], 'projects_org_facilitator');
    t.dropColumn('copied_from_project_id');
  });
  await knex.schema.alterTable('representatives', (t) => {
    t.dropIndex(['organisation_id', 'contact_user_id'], 'representatives_org_contact');
    t.dropColumn('contact_user_id');
  });
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('calendar_token_created_at');
    t.dropColumn('calendar_token_hash');
    t.dropColumn('phone');
  });
}
