import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('involvements', (t) => {
    t.integer('recorded_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true });
    // one entry per person per meeting: the attendance form updates it instead of adding another
    t.index(['meeting_id', 'representative_id']);
  });
  // "you said, we did": what representatives said and what changed because of it
  await knex.schema.createTable('impacts', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('meeting_id').references('id').inTable('meetings').onDelete('SET NULL');
    t.text('what_said').notNullable();
    t.text('what_changed').notNullable().defaultTo('');
    // proposed, adopted, rejected
    t.string('status', 12).notNullable().defaultTo('proposed');
    t.text('rejected_reason').notNullable().defaultTo('');
    t.date('decided_on');
    t.timestamp('fed_back_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'project_id']);
    t.index(['organisation_id', 'decided_on']);
  });
  await knex.schema.createTable('impact_representatives', (t) => {
    t.integer('impact_id').notNullable().references('id').inTable('impacts').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    t.primary(['impact_id', 'representative_id']);
    t.index(['representative_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('impact_representatives');
  await knex.schema.dropTable('impacts');
  await knex.schema.alterTable('involvements', (t) => {
    t.dropIndex(['meeting_id', 'representative_id']);
    t.dropColumn('updated_at');
    t.dropColumn('recorded_by_user_id');
  });
}
