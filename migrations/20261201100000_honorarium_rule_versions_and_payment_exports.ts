import type { Knex } from 'knex';

// Honorarium rules become rows valid from a date (an entry uses the version valid on its activity date, whenever
// it is saved); paid minutes are stored beside each amount; each download of the payment list is recorded, and
// changes to amounts in a downloaded period are kept as corrections.

const FIRST_VALID_FROM = '1900-01-01';
const DEFAULTS = {
  hourlyHonorariumOre: 30000,
  roundingMinutes: 30,
  minimumPaidMinutesInPerson: 60,
  preparationPaid: true,
};

interface StoredRules {
  hourlyHonorariumOre?: number;
  honorariumRuleVersion?: number;
  roundingMinutes?: number;
  minimumPaidMinutesInPerson?: number;
  preparationPaid?: boolean;
}

const parse = (json: unknown): StoredRules => {
  try {
    return typeof json === 'string' && json ? (JSON.parse(json) as StoredRules) : {};
  } catch {
    return {};
  }
};

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 't' || v === 'true';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('honorarium_rule_versions', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.date('valid_from').notNullable();
    t.bigInteger('hourly_rate_ore').notNullable();
    t.integer('rounding_minutes').notNullable();
    t.integer('minimum_paid_minutes_in_person').notNullable();
    t.boolean('preparation_paid').notNullable();
    t.integer('created_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['organisation_id', 'version']);
  });
  await knex.schema.alterTable('involvements', (t) => {
    t.integer('paid_minutes').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('payment_exports', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.date('period_from').notNullable();
    t.date('period_to').notNullable();
    t.integer('exported_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('exported_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'period_to']);
  });
  await knex.schema.createTable('payment_corrections', (t) => {
    t.increments('id').primary();
    t.integer('organisation_id').notNullable().references('id').inTable('organisations').onDelete('CASCADE');
    t.integer('representative_id').notNullable().references('id').inTable('representatives').onDelete('CASCADE');
    t.date('occurred_on').notNullable();
    t.bigInteger('honorarium_before_ore').notNullable();
    t.bigInteger('honorarium_after_ore').notNullable();
    t.bigInteger('travel_before_ore').notNullable();
    t.bigInteger('travel_after_ore').notNullable();
    t.integer('rule_version_before');
    t.integer('rule_version_after');
    t.integer('changed_by_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('changed_at', { useTz: true }).notNullable();
    t.index(['organisation_id', 'occurred_on']);
  });

  // each organisation's current rules become its first version, valid from long before any entry, so that every
  // amount already computed is what its date's rules give (the rules before the last change were never kept)
  const now = new Date().toISOString();
  const organisations = await knex('organisations').select<Array<{ id: number; settings: unknown }>>('id', 'settings');
  for (const o of organisations) {
    const rules = { ...DEFAULTS, ...parse(o.settings) };
    await knex('honorarium_rule_versions').insert({
      organisation_id: o.id,
      version: rules.honorariumRuleVersion ?? 1,
      valid_from: FIRST_VALID_FROM,
      hourly_rate_ore: rules.hourlyHonorariumOre,
      rounding_minutes: rules.roundingMinutes,
      minimum_paid_minutes_in_person: rules.minimumPaidMinutesInPerson,
      preparation_paid: rules.preparationPaid,
      created_at: now,
    });
    // paid minutes of the entries that pay, by the rules' rounding and minimum (which take no part in a rate change)
    const step = Math.max(1, rules.roundingMinutes);
    const entries = await knex('involvements')
      .where({ organisation_id: o.id })
      .where('honorarium_ore', '>', 0)
      .select<Array<Record<string, unknown>>>('id', 'minutes', 'preparation_minutes', 'in_person');
    for (const e of entries) {
      const worked = Number(e.minutes) + (rules.preparationPaid ? Number(e.preparation_minutes) : 0);
      let paid = Math.floor((worked + step / 2) / step) * step;
      if (truthy(e.in_person)) paid = Math.max(paid, rules.minimumPaidMinutesInPerson);
      await knex('involvements').where({ id: e.id }).update({ paid_minutes: paid });
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  // the latest version's rules go back into the settings, as before
  const versions = (await knex('honorarium_rule_versions')
    .orderBy([{ column: 'organisation_id' }, { column: 'valid_from' }, { column: 'version' }])
    .select()) as Array<Record<string, unknown>>;
  const latest = new Map(versions.map((v) => [Number(v.organisation_id), v]));
  for (const [organisationId, v] of latest) {
    const row = await knex('organisations')
      .where({ id: organisationId })
      .first<{ settings: unknown } | undefined>('settings');
    const settings = { ...parse(row?.settings) } as Record<string, unknown>;
    Object.assign(settings, {
      hourlyHonorariumOre: Number(v.hourly_rate_ore),
      honorariumRuleVersion: Number(v.version),
      roundingMinutes: Number(v.rounding_minutes),
      minimumPaidMinutesInPerson: Number(v.minimum_paid_minutes_in_person),
      preparationPaid: truthy(v.preparation_paid),
    });
    await knex('organisations')
      .where({ id: organisationId })
      .update({ settings: JSON.stringify(settings) });
  }
  await knex.schema.dropTable('payment_corrections');
  await knex.schema.dropTable('payment_exports');
  await knex.schema.alterTable('involvements', (t) => {
    t.dropColumn('paid_minutes');
  });
  await knex.schema.dropTable('honorarium_rule_versions');
}
