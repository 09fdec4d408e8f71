import type { Knex } from 'knex';

// Issue 26 (found by the national bench's seed): on PostgreSQL the worklist's version was counted up once per
// changed row, at commit (deferred row triggers). A transaction that writes many rows of one organisation (an
// import, a bulk change, a seed) then updated the organisation's row once per row it wrote, and each update of a
// row already updated in the same transaction has to step over every earlier version of it: the commit grew with
// the square of the rows (1,000 rows 0.15 s, 16,000 rows 3.6 s, 200,000 rows over ten minutes). The version only
// has to differ after a change, so it now goes up once per organisation and transaction: the first trigger of a
// transaction for an organisation counts, and marks it in a transaction-local setting that the others read.
// SQLite writes in place, so its triggers stay as they are.
const isPg = (knex: Knex) => (knex.client as Knex.Client).dialect === 'postgresql';

/** The end of both functions: counts the version of organisation `org` up once in this transaction. */
const bumpOnce = `
        if org is null or current_setting('medvirk.worklist_bumped_' || org, true) = '1' then return null; end if;
        perform set_config('medvirk.worklist_bumped_' || org, '1', true);
        update organisations set worklist_version = worklist_version + 1 where id = org;
        return null;`;

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.raw(`
      create or replace function medvirk_bump_worklist_version() returns trigger language plpgsql as $$
      declare
        org bigint;
      begin
        if tg_op = 'DELETE' then org := old.organisation_id; else org := new.organisation_id; end if;${bumpOnce}
      end $$`);
  await knex.raw(`
      create or replace function medvirk_bump_worklist_version_by_person() returns trigger language plpgsql as $$
      declare
        person bigint;
        org bigint;
      begin
        if tg_op = 'DELETE' then person := old.representative_id; else person := new.representative_id; end if;
        select organisation_id into org from representatives where id = person;${bumpOnce}
      end $$`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.raw(`
      create or replace function medvirk_bump_worklist_version() returns trigger language plpgsql as $$
      declare
        org bigint;
      begin
        if tg_op = 'DELETE' then org := old.organisation_id; else org := new.organisation_id; end if;
        update organisations set worklist_version = worklist_version + 1 where id = org;
        return null;
      end $$`);
  await knex.raw(`
      create or replace function medvirk_bump_worklist_version_by_person() returns trigger language plpgsql as $$
      declare
        person bigint;
      begin
        if tg_op = 'DELETE' then person := old.representative_id; else person := new.representative_id; end if;
        update organisations set worklist_version = worklist_version + 1
          where id = (select organisation_id from representatives where id = person);
        return null;
      end $$`);
}
