import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contact_notes', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('contact_id').notNullable().references('id').inTable('contacts').onDelete('CASCADE');
    t.date('noted_on').notNullable();
    t.text('discussed').notNullable();
    t.text('next_step').notNullable().defaultTo('');
    t.date('follow_up_on');
    t.boolean('followed_up').notNullable().defaultTo(false);
    t.integer('user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'follow_up_on']);
    t.index(['contact_id']);
  });
  await knex.schema.alterTable('contacts', (t) => {
    t.boolean('archived').notNullable().defaultTo(false);
  });

  await knex.schema.createTable('project_phase_changes', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.string('from_phase', 20);
    t.string('to_phase', 20).notNullable();
    t.integer('changed_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('changed_at', { useTz: true }).notNullable();
    t.index(['project_id']);
  });

  await knex.schema.createTable('invitations', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('project_id').notNullable().references('id').inTable('projects').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    // draft (shortlisted), queued, sent, accepted, waitlisted, declined, expired, withdrawn
    t.string('status', 20).notNullable().defaultTo('draft');
    // email, phone, letter
    t.string('channel', 10).notNullable().defaultTo('email');
    t.string('token_hash', 64);
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('reminded_at', { useTz: true });
    t.timestamp('responded_at', { useTz: true });
    t.string('decline_reason', 40);
    t.text('note').notNullable().defaultTo('');
    t.integer('created_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['project_id', 'status']);
    t.index(['representative_id', 'status']);
    t.unique(['token_hash']);
  });
  // at most one draft or open invitation per project and person (both engines support partial indexes)
  await knex.raw(
    "CREATE UNIQUE INDEX invitations_one_active_per_person ON invitations (project_id, representative_id) WHERE status IN ('draft', 'queued', 'sent', 'accepted', 'waitlisted')",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('invitations');
  await knex.schema.dropTable('project_phase_changes');
  await knex.schema.alterTable('contacts', (t) => t.dropColumn('archived'));
  await knex.schema.dropTable('contact_notes');
}
