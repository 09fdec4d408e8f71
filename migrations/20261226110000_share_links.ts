import type { Knex } from 'knex';

// A read-only link to one report (its period and filter fixed) or one project's results, for a manager without an
// account (issue 21, item 3). Only the SHA-256 of the secret is kept; a link expires within 90 days and can be
// revoked; who made it and when is listed on the page it shares. Every view is audited.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('share_links', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    // report | results
    t.string('kind', 10).notNullable();
    // what is shown, as JSON: a report's request (period, at, from, to, unit, project) or { projectId }
    t.text('target').notNullable();
    // the project a results link shows (to list the links on its page; deleted with the project)
    t.integer('project_id').references('id').inTable('projects').onDelete('CASCADE');
    t.integer('created_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.integer('revoked_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('last_viewed_at', { useTz: true });
    t.integer('views').notNullable().defaultTo(0);
    t.index(['organisation_id', 'kind', 'expires_at'], 'share_links_org_kind');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('share_links');
}
