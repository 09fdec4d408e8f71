import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('units', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('name', 200).notNullable();
    // home care, GP office, health station, nursing home, mental health, …
    t.string('kind', 40).notNullable();
    t.boolean('archived').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['organisation_id']);
  });

  await knex.schema.createTable('contacts', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('unit_id').references('id').inTable('units').onDelete('SET NULL');
    t.string('name', 200).notNullable();
    t.string('title', 200).notNullable().defaultTo('');
    t.string('email', 254);
    t.string('phone', 40);
    // favourable toward patient participation
    t.boolean('champion').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'unit_id']);
  });

  await knex.schema.createTable('skills', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('name_nb', 200).notNullable();
    t.string('name_en', 200).notNullable();
    // lived_experience, competence, language, training
    t.string('category', 30).notNullable();
    t.boolean('archived').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'category']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('skills');
  await knex.schema.dropTable('contacts');
  await knex.schema.dropTable('units');
}
