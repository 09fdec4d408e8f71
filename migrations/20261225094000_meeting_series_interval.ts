import type { Knex } from 'knex';

// A recurring series' interval (every N weeks), kept on each of its meetings beside the series id (issue 20): the
// meetings list says "part of a series, every 2 weeks" even after one of them is moved or cancelled, which working
// it out from the gaps between the remaining meetings could not.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('meetings', (t) => {
    t.smallint('series_every_weeks');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('meetings', (t) => t.dropColumn('series_every_weeks'));
}
