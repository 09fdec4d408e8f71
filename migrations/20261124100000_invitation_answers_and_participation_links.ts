import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invitations', (t) => {
    // the free-text part of a decline ("other", or a few words beside a reason from the list)
    t.text('decline_text').notNullable().defaultTo('');
    // who recorded an answer given by phone or letter; null when the person answered through the link
    t.integer('answer_recorded_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('withdrawn_at', { useTz: true });
    // the reminder carries a link of its own (only hashes are stored, so the first cannot be sent again); both work
    t.string('reminder_token_hash', 64).unique();
  });
  await knex.schema.alterTable('meetings', (t) => {
    // iCalendar SEQUENCE: raised on every move or cancellation, so calendars replace the event (same UID)
    t.integer('sequence').notNullable().defaultTo(0);
    t.timestamp('cancelled_at', { useTz: true });
  });
  await knex.schema.alterTable('users', (t) => {
    // facilitators who want an e-mail for every answer to their projects' invitations
    t.boolean('notify_answers').notNullable().defaultTo(false);
  });
  // /me/:token: a representative's own page, linked from every e-mail; one link per e-mail, any valid one works
  await knex.schema.createTable('participation_links', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['representative_id']);
    t.index(['expires_at']);
  });
  // what a representative asked for on their page (a copy of their data, erasure): tasks for the facilitators
  await knex.schema.createTable('representative_requests', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    // data_copy, erasure
    t.string('kind', 20).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('handled_at', { useTz: true });
    t.integer('handled_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.index(['organisation_id', 'handled_at']);
  });
  await knex.schema.alterTable('invitations', (t) => {
    t.index(['status', 'expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invitations', (t) => {
    t.dropIndex(['status', 'expires_at']);
  });
  await knex.schema.dropTable('representative_requests');
  await knex.schema.dropTable('participation_links');
  await knex.schema.alterTable('users', (t) => t.dropColumn('notify_answers'));
  await knex.schema.alterTable('meetings', (t) => {
    t.dropColumn('cancelled_at');
    t.dropColumn('sequence');
  });
  await knex.schema.alterTable('invitations', (t) => {
    t.dropUnique(['reminder_token_hash']);
    t.dropColumn('reminder_token_hash');
    t.dropColumn('withdrawn_at');
    t.dropColumn('answer_recorded_by_user_id');
    t.dropColumn('decline_text');
  });
}
