import type { Knex } from 'knex';

// Every run of a scheduled job, as a row: which job, which worker, when, what it did (counts: numbers only, never
// a name or an address) and its error. The jobs table keeps one row per job (its next time and lease); this one
// keeps the history, so that every purge is on record with how much it deleted. Rows go after 90 days (a job).
//
// The audit retention (`auditRetentionYears`, default 5) is an organisation setting in the settings JSON, with its
// default in code: no column. A job deletes audit events older than it, through the existing
// (organisation_id, occurred_at) index.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_runs', (t) => {
    t.bigIncrements('id').primary();
    t.string('job', 60).notNullable();
    t.string('worker_id', 64).notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true }).notNullable();
    // JSON of numbers: {"purged": 3}
    t.text('counts').notNullable().defaultTo('{}');
    t.text('error');
    t.index(['job', 'started_at']);
    t.index(['started_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_runs');
}
