import type { Knex } from 'knex';

// Units ask for involvement (issue 21, item 4): each organisation has a secret, shareable address for a request
// form (only the hash of its secret kept, one row per organisation; a new one replaces the old). A table of its own,
// not columns on organisations: altering organisations on SQLite rebuilds it, which the worklist's triggers forbid. A request lands on the
// facilitators' worklist and becomes a project in the "idea" phase with one click; the requester is told.
// The worklist reads requests, so the table counts the organisation's worklist version up like the others.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ask_addresses', (t) => {
    t.integer('organisation_id').primary().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('unit_requests', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('unit_name', 200).notNullable();
    t.text('improve').notNullable();
    t.string('for_whom', 500).notNullable();
    t.string('when_text', 200).notNullable();
    t.string('contact_name', 200).notNullable();
    t.string('contact_email', 254).notNullable();
    t.string('contact_phone', 40).notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable();
    // open | project | declined
    t.string('status', 10).notNullable().defaultTo('open');
    t.integer('project_id').references('id').inTable('projects').onDelete('SET NULL');
    t.timestamp('handled_at', { useTz: true });
    t.integer('handled_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.index(['organisation_id', 'status', 'created_at'], 'unit_requests_org_status');
  });
  if ((knex.client as Knex.Client).dialect === 'postgresql') {
    await knex.raw(
      `create constraint trigger worklist_version_unit_requests after insert or update or delete on unit_requests
       deferrable initially deferred for each row execute function medvirk_bump_worklist_version()`,
    );
  } else {
    for (const event of ['insert', 'update', 'delete']) {
      const row = event === 'delete' ? 'old' : 'new';
      await knex.raw(
        `create trigger worklist_version_unit_requests_${event} after ${event} on unit_requests begin
           update organisations set worklist_version = worklist_version + 1 where id = ${row}.organisation_id;
         end`,
      );
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('unit_requests');
  await knex.schema.dropTable('ask_addresses');
}
