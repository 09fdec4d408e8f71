import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('representatives', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('name', 200).notNullable();
    // lower-cased in JS (so æ, ø, å fold the same on both engines); searched with a prefix or LIKE
    t.string('search_key', 200).notNullable();
    // Intl.Collator('nb') order, stored so that both engines sort Æ Ø Å correctly with ORDER BY
    t.string('sort_key', 400).notNullable();
    t.string('email', 254);
    t.string('phone', 40);
    t.string('locale', 5).notNullable().defaultTo('nb');
    // patient, next_of_kin, user_organisation
    t.string('kind', 30).notNullable();
    // prospective, active, paused, retired
    t.string('status', 20).notNullable().defaultTo('prospective');
    t.date('paused_until');
    t.string('area', 120).notNullable().defaultTo('');
    t.string('nominating_organisation', 200).notNullable().defaultTo('');
    t.date('term_start');
    t.date('term_end');
    // comma-separated ISO 639-1 codes, e.g. "nb,en,ar"
    t.string('languages', 200).notNullable().defaultTo('nb');
    t.text('accessibility_needs').notNullable().defaultTo('');
    // email, phone, letter
    t.string('preferred_contact', 10).notNullable().defaultTo('email');
    t.string('postal_address', 400).notNullable().defaultTo('');
    t.integer('load_cap');
    t.string('age_band', 20);
    t.string('gender', 20);
    t.text('notes').notNullable().defaultTo('');
    t.boolean('email_undeliverable').notNullable().defaultTo(false);
    t.timestamp('last_reviewed_at', { useTz: true });
    t.timestamp('erased_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'sort_key', 'id']);
    t.index(['organisation_id', 'search_key']);
    t.index(['organisation_id', 'status']);
    t.index(['organisation_id', 'email']);
  });

  await knex.schema.createTable('representative_status_changes', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    t.string('from_status', 20);
    t.string('to_status', 20).notNullable();
    t.date('paused_until');
    t.string('reason', 500).notNullable().defaultTo('');
    t.integer('changed_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('changed_at', { useTz: true }).notNullable();
    t.index(['representative_id']);
  });

  await knex.schema.createTable('representative_skills', (t) => {
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    t.integer('skill_id').notNullable().references('id').inTable('skills').onDelete('CASCADE');
    // 1 basic, 2 experienced, 3 expert
    t.integer('level').notNullable();
    t.date('since');
    t.date('expires_on');
    t.primary(['representative_id', 'skill_id']);
    t.index(['skill_id', 'level']);
  });

  await knex.schema.createTable('consents', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    // roster, health_experience, email_contact, named_in_reports
    t.string('purpose', 30).notNullable();
    t.timestamp('given_at', { useTz: true }).notNullable();
    t.timestamp('withdrawn_at', { useTz: true });
    // written, verbal, email, web_form, import
    t.string('method', 20).notNullable();
    t.integer('recorded_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.index(['representative_id', 'purpose']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consents');
  await knex.schema.dropTable('representative_skills');
  await knex.schema.dropTable('representative_status_changes');
  await knex.schema.dropTable('representatives');
}
