import { type Locale, toLocale } from '../../config.js';
import { insertReturningIds, on, type Db } from '../../db.js';
import { REPRESENTATIVE_LOCALE_SQL, toBool, toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import {
  QUESTIONS,
  type SurveyAnswerInput,
  type SurveyLink,
  type SurveyRound,
  type SurveyTrigger,
} from './surveys.model.js';

type Num = number | string;

/** Someone who took part and may be asked: e-mail only to those who can be e-mailed. */
export interface Participant {
  representativeId: number;
  name: string;
  email: string | null;
  locale: Locale;
  reachable: boolean;
}

/** A link due its reminder, with what the e-mail needs (the token itself is not kept: the reminder gets a new one). */
export interface DueReminder {
  linkId: number;
  organisationId: number;
  surveyId: number;
  projectId: number;
  representativeId: number;
  name: string;
  email: string;
  locale: Locale;
}

/**
 * Surveys, their links and their answers. An answer row holds the round, the project and the day: never the link
 * or the person (the link only learns that it was answered), so nothing here can join an answer to a person.
 */
export class SurveysRepository {
  constructor(private readonly db: Db) {}

  /** Active people with an attended involvement in the project (or the meeting), each once. */
  async participants(organisationId: number, projectId: number, meetingId: number | null, tx?: Tx) {
    const db = on(this.db, tx);
    const rows = await db('representatives as r')
      .where({ 'r.organisation_id': organisationId, 'r.status': 'active' })
      .whereNull('r.erased_at')
      .whereExists((q) => {
        q.select(db.raw('1'))
          .from('involvements as v')
          .whereRaw('v.representative_id = r.id')
          .where({ 'v.project_id': projectId, 'v.attended': true });
        if (meetingId !== null) q.where('v.meeting_id', meetingId);
      })
      .select<
        Array<{ id: Num; name: string; email: string | null; locale: string; undeliverable: unknown; consent: unknown }>
      >(
        'r.id',
        'r.name',
        'r.email',
        db.raw(`${REPRESENTATIVE_LOCALE_SQL} as locale`),
        'r.email_undeliverable as undeliverable',
        db.raw(
          "exists (select 1 from consents c where c.representative_id = r.id and c.purpose = 'email_contact' and c.withdrawn_at is null) as consent",
        ),
      )
      .orderBy('r.id');
    return rows.map((r): Participant => ({
      representativeId: toNumber(r.id),
      name: r.name,
      email: r.email,
      locale: toLocale(r.locale),
      reachable: Boolean(r.email) && toBool(r.consent) && !toBool(r.undeliverable),
    }));
  }

  async projectTitle(organisationId: number, projectId: number, tx?: Tx): Promise<string | undefined> {
    const row = await on(
      this.db,
      tx,
    )('projects')
      .where({ organisation_id: organisationId, id: projectId })
      .first<{ title: string } | undefined>('title');
    return row?.title;
  }

  /**
   * Makes a round, unless the project's evaluation (or that meeting) has one: its key is unique, so two requests at
   * once (a double click, two instances) make one; undefined for the second.
   */
  async createRound(
    round: {
      organisationId: number;
      projectId: number;
      meetingId: number | null;
      trigger: SurveyTrigger;
      userId: number | null;
      createdAt: string;
      remindAt: string;
      closesAt: string;
    },
    tx: Tx,
  ): Promise<number | undefined> {
    const rows = await on(
      this.db,
      tx,
    )('surveys')
      .insert({
        organisation_id: round.organisationId,
        project_id: round.projectId,
        meeting_id: round.meetingId,
        trigger: round.trigger,
        round_key:
          round.meetingId === null ? `${round.projectId}:evaluating` : `${round.projectId}:meeting:${round.meetingId}`,
        created_by_user_id: round.userId,
        created_at: round.createdAt,
        remind_at: round.remindAt,
        closes_at: round.closesAt,
      })
      .onConflict('round_key')
      .ignore()
      .returning<Array<{ id: Num } | Num>>('id');
    const row = rows[0];
    return row === undefined ? undefined : toNumber(typeof row === 'object' ? row.id : row);
  }

  async addLink(
    link: { organisationId: number; surveyId: number; representativeId: number; tokenHash: string; locale: string },
    tx: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'survey_links', [
      {
        organisation_id: link.organisationId,
        survey_id: link.surveyId,
        representative_id: link.representativeId,
        token_hash: link.tokenHash,
        locale: link.locale,
      },
    ]);
    return id!;
  }

  /** A link by its token's hash, with its round and whether its person was erased since. */
  async linkByHash(hash: string, tx?: Tx): Promise<SurveyLink | undefined> {
    const row = await on(
      this.db,
      tx,
    )('survey_links as l')
      .join('surveys as s', 's.id', 'l.survey_id')
      .join('projects as p', 'p.id', 's.project_id')
      .join('representatives as r', 'r.id', 'l.representative_id')
      .leftJoin('meetings as m', 'm.id', 's.meeting_id')
      .where((w) => void w.where('l.token_hash', hash).orWhere('l.reminder_token_hash', hash))
      .first<
        | {
            id: Num;
            organisation_id: Num;
            survey_id: Num;
            representative_id: Num;
            locale: string;
            answered: unknown;
            erased_at: unknown;
            closes_at: string | Date;
            title: string;
            starts_at: string | Date | null;
          }
        | undefined
      >(
        'l.id',
        'l.organisation_id',
        'l.survey_id',
        'l.representative_id',
        'l.locale',
        'l.answered',
        'r.erased_at',
        's.closes_at',
        'p.title',
        'm.starts_at',
      );
    if (!row) return undefined;
    return {
      id: toNumber(row.id),
      organisationId: toNumber(row.organisation_id),
      surveyId: toNumber(row.survey_id),
      representativeId: toNumber(row.representative_id),
      locale: toLocale(row.locale),
      answered: toBool(row.answered),
      erased: row.erased_at !== null && row.erased_at !== undefined,
      closesAt: toInstant(row.closes_at)!,
      projectTitle: row.title,
      meetingStartsAt: toInstant(row.starts_at),
    };
  }

  /**
   * Records an answer once: the link is marked answered only if it was not, and only then is the answer stored,
   * without the link. False when it was answered already (nothing changes).
   */
  async answer(
    link: { id: number; organisationId: number; surveyId: number },
    answer: SurveyAnswerInput,
    answeredOn: string,
    tx: Tx,
  ): Promise<boolean> {
    const db = on(this.db, tx);
    const marked = await db('survey_links').where({ id: link.id, answered: false }).update({ answered: true });
    if (!marked) return false;
    const survey = await db('surveys').where({ id: link.surveyId }).first<{ project_id: Num }>('project_id');
    await db('survey_answers').insert({
      organisation_id: link.organisationId,
      survey_id: link.surveyId,
      project_id: toNumber(survey?.project_id),
      answered_on: answeredOn,
      ...Object.fromEntries(QUESTIONS.map((q) => [q, answer.scores[q] ?? null])),
      free_text: answer.freeText,
    });
    return true;
  }

  /** Links of open rounds whose reminder is due, not answered and not reminded, to people who can be e-mailed. */
  async dueReminders(now: string, limit = 500): Promise<DueReminder[]> {
    const rows = await this.db('survey_links as l')
      .join('surveys as s', 's.id', 'l.survey_id')
      .join('representatives as r', 'r.id', 'l.representative_id')
      .where({ 'l.answered': false, 'l.reminded': false, 'r.status': 'active' })
      .whereNull('r.erased_at')
      .where('r.email_undeliverable', false)
      .whereNotNull('r.email')
      // a consent to e-mail withdrawn since the survey went out stops the reminder
      .whereExists((q) => {
        void q
          .select(this.db.raw('1'))
          .from('consents as c')
          .whereRaw('c.representative_id = r.id')
          .where('c.purpose', 'email_contact')
          .whereNull('c.withdrawn_at');
      })
      .where('s.remind_at', '<=', now)
      .where('s.closes_at', '>', now)
      .orderBy('l.id')
      .limit(limit)
      .select<
        Array<{
          id: Num;
          organisation_id: Num;
          survey_id: Num;
          project_id: Num;
          representative_id: Num;
          name: string;
          email: string;
          locale: string;
        }>
      >(
        'l.id',
        'l.organisation_id',
        'l.survey_id',
        's.project_id',
        'l.representative_id',
        'r.name',
        'r.email',
        'l.locale',
      );
    return rows.map((r) => ({
      linkId: toNumber(r.id),
      organisationId: toNumber(r.organisation_id),
      surveyId: toNumber(r.survey_id),
      projectId: toNumber(r.project_id),
      representativeId: toNumber(r.representative_id),
      name: r.name,
      email: r.email,
      locale: toLocale(r.locale),
    }));
  }

  /** Marks a link reminded and gives the reminder its own token (the first keeps working). */
  async remind(linkId: number, tokenHash: string, tx: Tx): Promise<boolean> {
    const changed = await on(
      this.db,
      tx,
    )('survey_links')
      .where({ id: linkId, reminded: false, answered: false })
      .update({ reminded: true, reminder_token_hash: tokenHash });
    return changed > 0;
  }

  /** A project's rounds, newest first, with how many were asked and how many answered (counts only). */
  async rounds(organisationId: number, projectId: number): Promise<SurveyRound[]> {
    const rows = await this.db('surveys as s')
      .leftJoin('meetings as m', 'm.id', 's.meeting_id')
      .where({ 's.organisation_id': organisationId, 's.project_id': projectId })
      .orderBy('s.created_at', 'desc')
      .orderBy('s.id', 'desc')
      .select<
        Array<{
          id: Num;
          trigger: SurveyTrigger;
          meeting_id: Num | null;
          starts_at: string | Date | null;
          created_at: string | Date;
          closes_at: string | Date;
          asked: Num;
          answered: Num;
        }>
      >(
        's.id',
        's.trigger',
        's.meeting_id',
        'm.starts_at',
        's.created_at',
        's.closes_at',
        this.db.raw('(select count(*) from survey_links l where l.survey_id = s.id) as asked'),
        this.db.raw('(select count(*) from survey_answers a where a.survey_id = s.id) as answered'),
      );
    return rows.map((r) => ({
      id: toNumber(r.id),
      trigger: r.trigger,
      meetingId: r.meeting_id === null ? null : toNumber(r.meeting_id),
      meetingStartsAt: toInstant(r.starts_at),
      createdAt: toInstant(r.created_at)!,
      closesAt: toInstant(r.closes_at)!,
      asked: toNumber(r.asked),
      answered: toNumber(r.answered),
    }));
  }

  /** The person's survey links for their data copy: the project, and whether they answered (nothing of the answer). */
  async forRepresentative(organisationId: number, representativeId: number) {
    const rows = await this.db('survey_links as l')
      .join('surveys as s', 's.id', 'l.survey_id')
      .join('projects as p', 'p.id', 's.project_id')
      .where({ 'l.organisation_id': organisationId, 'l.representative_id': representativeId })
      .orderBy('s.created_at')
      .select<Array<{ title: string; created_at: string | Date; answered: unknown }>>(
        'p.title',
        's.created_at',
        'l.answered',
      );
    return rows.map((r) => ({ project: r.title, askedAt: toInstant(r.created_at), answered: toBool(r.answered) }));
  }
}
