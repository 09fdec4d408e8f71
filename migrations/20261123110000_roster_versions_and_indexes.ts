import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('organisations', (t) => {
    // bumped in the same transaction as every change to the roster: cached counts are keyed by it
    t.integer('roster_version').notNullable().defaultTo(0);
  });
  await knex.schema.alterTable('representative_skills', (t) => {
    // who holds a skill (counts); and does this person hold it (a page of the roster, one probe per row)
    t.index(['skill_id', 'level', 'representative_id'], 'representative_skills_skill_level_rep');
    t.index(['representative_id', 'skill_id', 'level'], 'representative_skills_rep_skill_level');
  });
  await knex.schema.alterTable('representatives', (t) => {
    t.index(['organisation_id', 'created_at'], 'representatives_org_created');
  });
  await knex.schema.alterTable('consents', (t) => {
    t.index(['organisation_id', 'purpose', 'withdrawn_at'], 'consents_org_purpose');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consents', (t) =>
    t.dropIndex(['organisation_id', 'purpose', 'withdrawn_at'], 'consents_org_purpose'),
  );
  await knex.schema.alterTable('representatives', (t) =>
    t.dropIndex(['organisation_id', 'created_at'], 'representatives_org_created'),
  );
  await knex.schema.alterTable('representative_skills', (t) => {
    t.dropIndex(['representative_id', 'skill_id', 'level'], 'representative_skills_rep_skill_level');
    t.dropIndex(['skill_id', 'level', 'representative_id'], 'representative_skills_skill_level_rep');
  });
  await knex.schema.alterTable('organisations', (t) => t.dropColumn('roster_version'));
}
