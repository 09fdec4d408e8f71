import type { Knex } from 'knex';

// Nynorsk (issue 25): a skill may have a Nynorsk name; until it is given, Nynorsk readers see the Bokmål one.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('skills', (t) => {
    t.string('name_nn', 200);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('skills', (t) => {
    t.dropColumn('name_nn');
  });
}
