import type { Knex } from 'knex';

// Staff sign-in, part 2 (issue 24): single sign-on through each organisation's OpenID Connect provider. Tables of
// their own (no column on organisations: on SQLite that would rebuild the table, which the worklist's triggers forbid).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisation_sso', (t) => {
    t.integer('organisation_id').primary().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('issuer', 500).notNullable();
    t.string('client_id', 255).notNullable();
    // AES-256-GCM under SSO_SECRET_KEY (src/lib/secret-box.ts); never shown again
    t.text('client_secret_sealed').notNullable();
    // when false, only single sign-on signs the organisation's users in (npm run org:allow-passwords undoes it)
    t.boolean('passwords_allowed').notNullable().defaultTo(true);
    t.timestamp('updated_at', { useTz: true }).notNullable();
    // the last failure of a sign-in through the provider (a wrong client secret), for the admin's settings page
    t.string('last_error', 500);
    t.timestamp('last_error_at', { useTz: true });
  });

  // an e-mail domain signs in at one organisation only (the primary key)
  await knex.schema.createTable('organisation_email_domains', (t) => {
    t.string('domain', 253).primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['organisation_id']);
  });

  // a user's account at the provider: its issuer and subject (the "sub" claim), never the e-mail
  await knex.schema.createTable('user_identities', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('issuer', 500).notNullable();
    t.string('subject', 255).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_used_at', { useTz: true });
    t.unique(['issuer', 'subject']);
    t.index(['user_id']);
  });

  // a sign-in on its way through the provider: bound to the browser by a cookie of which only the hash is here;
  // used once (deleted at the callback), ten minutes at most
  await knex.schema.createTable('sso_flows', (t) => {
    t.string('id_hash', 64).primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('state', 64).notNullable();
    t.string('nonce', 64).notNullable();
    t.string('code_verifier', 128).notNullable();
    t.string('return_to', 500).notNullable().defaultTo('/');
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });

  // someone the provider knows but Medvirk does not: no access until an admin approves them and gives a role
  await knex.schema.createTable('sso_requests', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.string('issuer', 500).notNullable();
    t.string('subject', 255).notNullable();
    t.string('email', 254).notNullable().defaultTo('');
    t.string('name', 200).notNullable().defaultTo('');
    // whether the provider asserted the address as verified (an unverified one is never matched to a user by itself)
    t.boolean('email_verified').notNullable().defaultTo(false);
    // pending | approved | declined
    t.string('status', 10).notNullable().defaultTo('pending');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.integer('handled_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('handled_at', { useTz: true });
    t.unique(['organisation_id', 'issuer', 'subject']);
    t.index(['organisation_id', 'status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sso_requests');
  await knex.schema.dropTable('sso_flows');
  await knex.schema.dropTable('user_identities');
  await knex.schema.dropTable('organisation_email_domains');
  await knex.schema.dropTable('organisation_sso');
}
