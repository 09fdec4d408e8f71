import type { Knex } from 'knex';
import { insertInChunks, insertReturningIds } from '../src/db.js';
import { toInstant, toNumber } from '../src/lib/db-values.js';
import { areaKey } from '../src/features/areas/areas.model.js';
import { OPEN_DAYS, QUESTIONS, REMIND_AFTER_DAYS } from '../src/features/surveys/surveys.model.js';
import { surveyEmail } from '../src/features/surveys/surveys.service.js';
import { AREAS } from './demo-catalog.js';
import type { DemoAudit, DemoDays, Random } from './demo-kit.js';
import type { DemoMail } from './demo-mail.js';

// Issue 22 in the demo: the municipality's areas with everyone in one (two people's typed-in area waits to be
// mapped), genders, the population's shares, and the survey "how was it" on two finished projects: one with more
// than five answers (figures and free texts show), one with fewer (they read "fewer than 5 answers").

/** The two finished projects the survey ran on: one answered by many, one by few. */
export const SURVEYED = { many: 'Måltider og ernæring på sykehjemmet', few: 'Vedtaksbrev i klarspråk' } as const;
/** Typed in before the list existed, on two people: it waits at /admin/areas to be mapped. */
export const UNMAPPED_AREA = 'sentrum nord';

const POPULATION: Record<string, Array<[string, number]>> = {
  age: [
    ['18-29', 195],
    ['30-49', 330],
    ['50-66', 255],
    ['67-79', 145],
    ['80+', 75],
  ],
  gender: [
    ['woman', 498],
    ['man', 502],
  ],
  area: [
    ['Sentrum', 280],
    ['Nordbyen', 220],
    ['Sørlia', 190],
    ['Vestsida', 170],
    ['Østmarka', 140],
  ],
};

const FREE_TEXTS = [
  'Godt å bli tatt på alvor. Kaffe og frukt hjelper på lange møter!',
  'Jeg skulle ønske vi fikk sakspapirene en uke før, ikke dagen før.',
  'Møtene på ettermiddagen passet meg godt.',
  'Det var første gang noen spurte meg om hvordan maten smaker. Takk.',
  '',
  'Litt mye fagspråk i starten, men det ble bedre.',
];

export async function seedVoice(
  trx: Knex.Transaction,
  ctx: {
    organisationId: number;
    organisationName: string;
    facilitatorId: number;
    days: DemoDays;
    random: Random;
    audit: DemoAudit;
    mail: DemoMail;
    baseUrl: string;
  },
): Promise<void> {
  const { organisationId: orgId, facilitatorId, days, random, audit, mail } = ctx;
  const founded = days.at({ d: -60 }, 10, 0);

  // the areas, added by the admin two months ago; everyone's typed-in area mapped, but for two people
  const areaIds = await insertReturningIds(
    trx,
    'areas',
    AREAS.map((name) => ({ organisation_id: orgId, name, name_key: areaKey(name), created_at: founded })),
  );
  for (const [i, name] of AREAS.entries()) {
    await trx('representatives').where({ organisation_id: orgId, area: name }).update({ area_id: areaIds[i] });
  }
  const people = await trx('representatives')
    .where({ organisation_id: orgId })
    .orderBy('id')
    .select<Array<{ id: number | string; status: string }>>('id', 'status');
  const unmapped = people.filter((p) => p.status === 'prospective').slice(0, 2);
  await trx('representatives')
    .whereIn(
      'id',
      unmapped.map((p) => p.id),
    )
    .update({ area: UNMAPPED_AREA, area_id: null });
  // more women than men, as in most such networks; one in twenty has no gender recorded
  for (const [i, p] of people.entries()) {
    const gender = i % 20 === 7 ? null : i % 3 === 1 ? 'man' : 'woman';
    await trx('representatives').where({ id: p.id }).update({ gender });
  }

  // the population's shares (an example, in the form Statistics Norway publishes them)
  const areaOf = new Map(AREAS.map((name, i) => [name, String(areaIds[i])]));
  await insertInChunks(
    trx,
    'population_shares',
    Object.entries(POPULATION).flatMap(([dimension, shares]) =>
      shares.map(([category, tenths]) => ({
        organisation_id: orgId,
        dimension,
        category: dimension === 'area' ? areaOf.get(category)! : category,
        share_tenths: tenths,
      })),
    ),
  );
  await insertInChunks(
    trx,
    'population_sources',
    Object.keys(POPULATION).map((dimension) => ({
      organisation_id: orgId,
      dimension,
      source:
        dimension === 'area'
          ? 'Eksempel kommune, befolkning per bydel (eksempeltall)'
          : 'SSB, tabell 07459 (eksempeltall)',
      year: days.today.year - 1,
      updated_at: days.at({ d: -45 }, 11, 0),
    })),
  );
  audit.byUser(
    facilitatorId,
    'population.saved',
    ['organisation', orgId],
    { dimension: 'age', cleared: false },
    days.at({ d: -45 }, 11, 0),
  );

  // the survey on two finished projects, sent when each moved to evaluating
  for (const [which, title] of Object.entries(SURVEYED)) {
    const project = await trx('projects').where({ organisation_id: orgId, title }).first<{ id: number | string }>('id');
    const projectId = toNumber(project.id);
    const moved = await trx('project_phase_changes')
      .where({ project_id: projectId, to_phase: 'evaluating' })
      .first<{ changed_at: string | Date }>('changed_at');
    const createdAt = toInstant(moved.changed_at)!;
    const takers = await trx('representatives as r')
      .whereNull('r.erased_at')
      .whereNotNull('r.email')
      .whereExists((q) => {
        void q
          .select(trx.raw('1'))
          .from('involvements as v')
          .whereRaw('v.representative_id = r.id')
          .where({ 'v.project_id': projectId, 'v.attended': true });
      })
      .orderBy('r.id')
      .select<Array<{ id: number | string; name: string; email: string; locale: string }>>(
        'r.id',
        'r.name',
        'r.email',
        'r.locale',
      );
    const answering = which === 'many' ? Math.max(6, takers.length - 1) : 3;
    if (takers.length < answering) throw new Error(`the demo's survey on ${title} needs ${answering} people`);
    const [surveyId] = await insertReturningIds(trx, 'surveys', [
      {
        organisation_id: orgId,
        project_id: projectId,
        trigger: 'evaluating',
        round_key: `${projectId}:evaluating`,
        created_by_user_id: facilitatorId,
        created_at: createdAt,
        remind_at: days.shift(createdAt, REMIND_AFTER_DAYS),
        closes_at: days.shift(createdAt, OPEN_DAYS),
      },
    ]);
    audit.byUser(
      facilitatorId,
      'survey.started',
      ['project', projectId],
      { survey: surveyId!, asked: takers.length, unreachable: 0 },
      createdAt,
    );
    const remindAt = days.shift(createdAt, REMIND_AFTER_DAYS, 60);
    const closesOn = days.shift(createdAt, OPEN_DAYS).slice(0, 10);
    for (const [i, person] of takers.entries()) {
      const answered = i < answering;
      const reminded = !answered && days.past(remindAt);
      const first = random.token();
      const second = reminded ? random.token() : undefined;
      const [linkId] = await insertReturningIds(trx, 'survey_links', [
        {
          organisation_id: orgId,
          survey_id: surveyId,
          representative_id: person.id,
          token_hash: first.hash,
          reminder_token_hash: second?.hash ?? null,
          locale: person.locale,
          reminded,
          answered,
        },
      ]);
      const locale = person.locale === 'en' ? 'en' : 'nb';
      const letter = (kind: 'invite' | 'reminder', token: string, at: string) =>
        mail.add({
          kind: `survey_${kind}`,
          dedupeKey: `survey:${linkId}:${kind}`,
          to: person.email,
          representativeId: toNumber(person.id),
          createdAt: at,
          render: () =>
            surveyEmail(kind, {
              locale,
              name: person.name,
              projectTitle: title,
              organisationName: ctx.organisationName,
              url: `${ctx.baseUrl}/survey/${token}`,
              closesOn,
            }),
        });
      letter('invite', first.token, days.shift(createdAt, 0, 2));
      if (second) letter('reminder', second.token, remindAt);
    }
    // the answers: no link, no person; the day only, spread over the first days
    const answers = Array.from({ length: answering }, (_, i) => {
      const day = days.shift(createdAt, (i * 3) % 9, 600).slice(0, 10);
      const base = which === 'many' ? 4 : 3;
      return {
        organisation_id: orgId,
        survey_id: surveyId,
        project_id: projectId,
        answered_on: day,
        ...Object.fromEntries(
          QUESTIONS.map((q, k) => [q, Math.min(5, Math.max(1, base + ((i + k) % 3) - (q === 'difference' ? 1 : 0)))]),
        ),
        free_text: FREE_TEXTS[i % FREE_TEXTS.length],
      };
    });
    await insertInChunks(trx, 'survey_answers', answers);
    for (const a of answers)
      audit.anonymous('survey.answered', ['survey', surveyId!], `${a.answered_on}T18:00:00.000Z`);
  }
}
