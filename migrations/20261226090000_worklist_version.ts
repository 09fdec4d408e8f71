import type { Knex } from 'knex';

// The worklist (issue 20) reads its facts from these tables; its facts are cached per organisation and
// `organisations.worklist_version`, which the database itself counts up on every insert, update and delete in
// them. A trigger, not a call in each service: a job, an import or a future feature that writes one of these
// tables cannot forget it, so a cached worklist is never older than the data it came from.
//
// On PostgreSQL the triggers are deferred constraint triggers: the version's row is locked at commit, after every
// other lock the transaction takes, so two transactions cannot deadlock over it and the lock is held only briefly.
//
// Keep in step: test/integration/worklist/worklist-version.test.ts checks every table here has its triggers (a
// SQLite table that knex rebuilds to alter loses its triggers; a migration that does so must create them again).
const TABLES = [
  'invitations',
  'representatives',
  'projects',
  'meetings',
  'involvements',
  'impacts',
  'representative_requests',
  'contact_notes',
  'contacts',
  'consents',
  'skills',
  // the team's marks and the lifecycle notices: with them, the whole list is cached, not only the facts
  'worklist_marks',
  'notices',
] as const;
/** Rows without an organisation of their own: their person's. */
const BY_REPRESENTATIVE = ['representative_skills'] as const;
const EVENTS = ['insert', 'update', 'delete'] as const;

const isPg = (knex: Knex) => (knex.client as Knex.Client).dialect === 'postgresql';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('organisations', (t) => {
    t.bigInteger('worklist_version').notNullable().defaultTo(0);
  });
  if (isPg(knex)) {
    await knex.raw(`
      create function medvirk_bump_worklist_version() returns trigger language plpgsql as $$
      declare
        org bigint;
      begin
        if tg_op = 'DELETE' then org := old.organisation_id; else org := new.organisation_id; end if;
        update organisations set worklist_version = worklist_version + 1 where id = org;
        return null;
      end $$`);
    await knex.raw(`
      create function medvirk_bump_worklist_version_by_person() returns trigger language plpgsql as $$
      declare
        person bigint;
      begin
        if tg_op = 'DELETE' then person := old.representative_id; else person := new.representative_id; end if;
        update organisations set worklist_version = worklist_version + 1
          where id = (select organisation_id from representatives where id = person);
        return null;
      end $$`);
    for (const [tables, fn] of [
      [TABLES, 'medvirk_bump_worklist_version'],
      [BY_REPRESENTATIVE, 'medvirk_bump_worklist_version_by_person'],
    ] as const) {
      for (const table of tables) {
        await knex.raw(
          `create constraint trigger worklist_version_${table} after insert or update or delete on ${table}
           deferrable initially deferred for each row execute function ${fn}()`,
        );
      }
    }
    return;
  }
  for (const table of [...TABLES, ...BY_REPRESENTATIVE]) {
    for (const event of EVENTS) {
      const row = event === 'delete' ? 'old' : 'new';
      const org = (BY_REPRESENTATIVE as readonly string[]).includes(table)
        ? `(select organisation_id from representatives where id = ${row}.representative_id)`
        : `${row}.organisation_id`;
      await knex.raw(
        `create trigger worklist_version_${table}_${event} after ${event} on ${table} begin
           update organisations set worklist_version = worklist_version + 1 where id = ${org};
         end`,
      );
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    for (const table of [...TABLES, ...BY_REPRESENTATIVE])
      await knex.raw(`drop trigger if exists worklist_version_${table} on ${table}`);
    await knex.raw('drop function if exists medvirk_bump_worklist_version()');
    await knex.raw('drop function if exists medvirk_bump_worklist_version_by_person()');
  } else {
    for (const table of [...TABLES, ...BY_REPRESENTATIVE])
      for (const event of EVENTS) await knex.raw(`drop trigger if exists worklist_version_${table}_${event}`);
  }
  await knex.schema.alterTable('organisations', (t) => t.dropColumn('worklist_version'));
}
