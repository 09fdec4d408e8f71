import type { Knex } from 'knex';

// Written summaries of a month, a quarter or a year of the whole organisation (issue 21, item 2): a title and a
// few paragraphs by a facilitator, shown at the top of the report for that period and in its print, and linked
// from the weekly digest. One per organisation and period; who wrote it last is kept.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_summaries', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    // month | quarter | year, and the period's first day in the organisation's zone
    t.string('period_kind', 10).notNullable();
    t.date('period_start').notNullable();
    t.string('title', 200).notNullable();
    t.text('body').notNullable();
    t.integer('author_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['organisation_id', 'period_kind', 'period_start'], { indexName: 'report_summaries_period' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('report_summaries');
}
