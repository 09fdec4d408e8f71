import type { Knex } from 'knex';

// the facilitator's dashboard asks every visit for training that expires and terms that end soon
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('representative_skills', (t) =>
    t.index(['expires_on'], 'representative_skills_expires_on'),
  );
  await knex.schema.alterTable('representatives', (t) =>
    t.index(['organisation_id', 'term_end'], 'representatives_org_term_end'),
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('representatives', (t) =>
    t.dropIndex(['organisation_id', 'term_end'], 'representatives_org_term_end'),
  );
  await knex.schema.alterTable('representative_skills', (t) =>
    t.dropIndex(['expires_on'], 'representative_skills_expires_on'),
  );
}
