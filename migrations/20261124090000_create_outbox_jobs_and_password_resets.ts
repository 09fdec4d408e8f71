import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // e-mail written in the same transaction as the change that causes it; only the outbox worker sends it
  await knex.schema.createTable('outbox_messages', (t) => {
    t.bigIncrements('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    // what the message is (password_reset, invitation, reminder…), for the outbox page and the purge
    t.string('kind', 40).notNullable();
    // unique: enqueueing the same event twice (a retried request, two instances) makes one message
    t.string('dedupe_key', 200).notNullable().unique();
    t.string('to_address', 320).notNullable();
    // the representative the address belongs to, so that a bad-mailbox answer can flag it as undeliverable
    t.integer('representative_id').references('id').inTable('representatives').onDelete('SET NULL');
    t.integer('user_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('subject', 300).notNullable();
    // bodies hold personal links: set to null after the organisation's retention, the metadata stays
    t.text('text_body');
    t.text('html_body');
    t.text('attachments');
    // queued → sending (claimed, with a lease) → sent | failed; sending with an ended lease is claimed again
    t.string('status', 12).notNullable().defaultTo('queued');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    t.timestamp('locked_until', { useTz: true });
    t.string('locked_by', 64);
    t.text('last_error');
    t.timestamp('sent_at', { useTz: true });
    t.string('provider_message_id', 300);
    // smtp, or mailbox (captured in development without SMTP_URL)
    t.string('delivered_via', 10);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('bodies_purged_at', { useTz: true });
    t.index(['status', 'next_attempt_at']);
    t.index(['organisation_id', 'created_at']);
  });

  // one row per scheduled job: whoever moves locked_until forward first runs it, on any instance
  await knex.schema.createTable('jobs', (t) => {
    t.string('name', 60).primary();
    t.timestamp('next_run_at', { useTz: true }).notNullable();
    t.timestamp('locked_until', { useTz: true });
    t.string('locked_by', 64);
    t.timestamp('last_started_at', { useTz: true });
    t.timestamp('last_finished_at', { useTz: true });
    t.text('last_error');
    t.integer('runs').notNullable().defaultTo(0);
  });

  await knex.schema.createTable('password_resets', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    // SHA-256 of the 32 random bytes in the link; the link itself is only in the e-mail
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['user_id']);
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('password_resets');
  await knex.schema.dropTable('jobs');
  await knex.schema.dropTable('outbox_messages');
}
