import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('projects', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('unit_id').references('id').inTable('units').onDelete('SET NULL');
    t.integer('owner_contact_id').references('id').inTable('contacts').onDelete('SET NULL');
    t.integer('facilitator_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('title', 300).notNullable();
    t.text('purpose').notNullable().defaultTo('');
    // "what matters to patients and next of kin": their goals, in their words
    t.text('what_matters').notNullable().defaultTo('');
    // idea, planning, running, evaluating, closed
    t.string('phase', 20).notNullable().defaultTo('idea');
    // inform, consult, involve, collaborate, empower
    t.string('target_level', 20).notNullable().defaultTo('involve');
    t.integer('seats').notNullable().defaultTo(2);
    t.date('starts_on');
    t.date('ends_on');
    t.string('location', 300).notNullable().defaultTo('');
    t.boolean('online').notNullable().defaultTo(false);
    t.string('working_languages', 100).notNullable().defaultTo('nb');
    t.boolean('sensitive_topic').notNullable().defaultTo(false);
    t.boolean('honorarium_applies').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'phase']);
    t.index(['organisation_id', 'unit_id']);
  });

  await knex.schema.createTable('project_requirements', (t) => {
    t.increments('id').primary();
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('skill_id').notNullable().references('id').inTable('skills').onDelete('CASCADE');
    t.boolean('must').notNullable().defaultTo(false);
    t.integer('min_level').notNullable().defaultTo(1);
    t.unique(['project_id', 'skill_id']);
  });

  await knex.schema.createTable('meetings', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.string('place', 300).notNullable().defaultTo('');
    t.string('online_link', 500).notNullable().defaultTo('');
    t.text('agenda').notNullable().defaultTo('');
    t.index(['project_id', 'starts_at']);
  });

  await knex.schema.createTable('involvements', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    t.integer('meeting_id').references('id').inTable('meetings').onDelete('SET NULL');
    t.date('occurred_on').notNullable();
    // meeting, workshop, document_review, interview, survey, training, other
    t.string('activity', 30).notNullable();
    // hours in minutes, so that sums are exact on both engines
    t.integer('minutes').notNullable();
    t.integer('preparation_minutes').notNullable().defaultTo(0);
    t.string('level_delivered', 20).notNullable();
    t.boolean('attended').notNullable().defaultTo(true);
    t.boolean('in_person').notNullable().defaultTo(true);
    t.boolean('as_part_of_paid_job').notNullable().defaultTo(false);
    t.bigInteger('honorarium_ore').notNullable().defaultTo(0);
    t.integer('honorarium_rule_version').notNullable().defaultTo(1);
    t.bigInteger('travel_cost_ore').notNullable().defaultTo(0);
    t.boolean('payment_declined').notNullable().defaultTo(false);
    t.text('note').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'occurred_on']);
    t.index(['representative_id', 'occurred_on']);
    t.index(['project_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('involvements');
  await knex.schema.dropTable('meetings');
  await knex.schema.dropTable('project_requirements');
  await knex.schema.dropTable('projects');
}
