import type { Knex } from 'knex';

// A professional's language for the e-mails Medvirk sends them as a project's owner (issue 21, item 4): nb or en;
// none set means the organisation's default language.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contacts', (t) => {
    t.string('locale', 5);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contacts', (t) => t.dropColumn('locale'));
}
