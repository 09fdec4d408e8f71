import type { Knex } from 'knex';

// The representatives' voice and representativeness (issue 22).
// - surveys: one round of "how was it" per project (when it moves to evaluating) or per meeting (by hand).
// - survey_links: who was asked, by a personal link (only the SHA-256 of its token kept), in which language, when
//   the reminder went, and whether they answered: nothing more; no time of answering is kept here.
// - survey_answers: the answers, with the round, the project and the day only: no link, no person, so that no page,
//   CSV or export can tie an answer to someone (docs/domain.md: the representatives' voice).
// - areas: the organisation's districts; a representative's area becomes one of them (representatives.area_id).
//   The free text stays in representatives.area (the name of the chosen area, or a value an admin has yet to map).
// - population_shares / population_sources: the municipality's population by age band, gender and area, in tenths
//   of a percent, with where the figures come from and their year.
// The survey's tables count the worklist's version up (a round whose answers are ready is on the worklist).
// No column is added to organisations (on SQLite it would rebuild the table, which the worklist's triggers forbid).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('surveys', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('meeting_id').references('id').inTable('meetings').onDelete('SET NULL');
    // evaluating | meeting
    t.string('trigger', 12).notNullable();
    // <project>:evaluating or <project>:meeting:<meeting>: one round each, however many ask at once
    t.string('round_key', 60).notNullable().unique();
    t.integer('created_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('remind_at', { useTz: true }).notNullable();
    t.timestamp('closes_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'project_id'], 'surveys_org_project');
  });
  await knex.schema.createTable('survey_links', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('survey_id').notNullable().references('id').inTable('surveys').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    // the reminder carries a link of its own (only hashes are kept, so the first cannot be sent again); both work
    t.string('reminder_token_hash', 64).unique();
    t.string('locale', 5).notNullable();
    t.boolean('reminded').notNullable().defaultTo(false);
    t.boolean('answered').notNullable().defaultTo(false);
    t.unique(['survey_id', 'representative_id']);
    t.index(['representative_id'], 'survey_links_representative');
  });
  await knex.schema.createTable('survey_answers', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('survey_id').notNullable().references('id').inTable('surveys').onDelete('CASCADE');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.date('answered_on').notNullable();
    for (const q of ['prepared', 'listened', 'difference', 'equal', 'again']) t.smallint(q);
    t.text('free_text').notNullable().defaultTo('');
    t.index(['organisation_id', 'answered_on'], 'survey_answers_org_day');
    t.index(['project_id'], 'survey_answers_project');
  });
  await knex.schema.createTable('areas', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('name', 120).notNullable();
    t.string('name_key', 120).notNullable();
    t.timestamp('archived_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['organisation_id', 'name_key']);
  });
  // no foreign key: on SQLite a column with one rebuilds representatives, whose worklist triggers forbid it; the
  // areas feature only ever sets ids of the organisation's own areas, and areas are archived, never deleted
  await knex.schema.alterTable('representatives', (t) => {
    t.integer('area_id');
  });
  await knex.schema.alterTable('representatives', (t) => {
    t.index(['organisation_id', 'area_id'], 'representatives_org_area');
  });
  await knex.schema.createTable('population_shares', (t) => {
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    // age | gender | area
    t.string('dimension', 10).notNullable();
    // an age band, a gender, or an area's id
    t.string('category', 20).notNullable();
    t.integer('share_tenths').notNullable();
    t.primary(['organisation_id', 'dimension', 'category']);
  });
  // the worklist lists a round whose answers are ready: its tables count the worklist's version up like the others
  for (const table of ['surveys', 'survey_links', 'survey_answers']) {
    if ((knex.client as Knex.Client).dialect === 'postgresql') {
      await knex.raw(
        `create constraint trigger worklist_version_${table} after insert or update or delete on ${table}
         deferrable initially deferred for each row execute function medvirk_bump_worklist_version()`,
      );
    } else {
      for (const event of ['insert', 'update', 'delete']) {
        const row = event === 'delete' ? 'old' : 'new';
        await knex.raw(
          `create trigger worklist_version_${table}_${event} after ${event} on ${table} begin
             update organisations set worklist_version = worklist_version + 1 where id = ${row}.organisation_id;
           end`,
        );
      }
    }
  }
  await knex.schema.createTable('population_sources', (t) => {
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('dimension', 10).notNullable();
    t.string('source', 300).notNullable();
    t.integer('year').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['organisation_id', 'dimension']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('population_sources');
  await knex.schema.dropTable('population_shares');
  // plain SQL: knex drops a column on SQLite by rebuilding the table, which the worklist's triggers forbid
  await knex.raw('drop index representatives_org_area');
  await knex.raw('alter table representatives drop column area_id');
  await knex.schema.dropTable('areas');
  await knex.schema.dropTable('survey_answers');
  await knex.schema.dropTable('survey_links');
  await knex.schema.dropTable('surveys');
}
