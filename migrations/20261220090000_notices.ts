import type { Knex } from 'knex';

// What happened on its own since the facilitators last looked: a pause that ended, training or a term that ran out,
// people due for a data review. Written by the representative-lifecycle job (once per event, through the unique
// dedupe key), shown on the facilitators' and admins' dashboard until someone of the team marks it as seen.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notices', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    // pause_ended | training_expired | term_ended | data_review_due
    t.string('kind', 30).notNullable();
    // the person it is about (none for data_review_due); deleted with the person's erasure
    t.integer('representative_id').references('id').inTable('representatives').onDelete('CASCADE');
    t.integer('skill_id').references('id').inTable('skills').onDelete('CASCADE');
    // the day it happened, in the organisation's zone
    t.date('subject_date').notNullable();
    // how many people are due for review (data_review_due only)
    t.integer('count');
    // e.g. pause_ended:<representative>:<date>: running the job twice, or on two instances, makes one notice
    t.string('dedupe_key', 200).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('dismissed_at', { useTz: true });
    t.integer('dismissed_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    // the dashboard: an organisation's notices not yet seen, newest first
    t.index(['organisation_id', 'dismissed_at', 'created_at'], 'notices_org_dismissed_created');
    t.index(['representative_id'], 'notices_representative');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notices');
}
