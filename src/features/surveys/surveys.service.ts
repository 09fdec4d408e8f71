import { type Locale } from '../../config.js';
import { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { renderEmail } from '../../lib/email.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { formatDate, translator } from '../../lib/i18n.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/tokens.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { CurrentUser } from '../users/users.types.js';
import {
  MIN_ANSWERS,
  OPEN_DAYS,
  REMIND_AFTER_DAYS,
  type RoundStarted,
  type SurveyAnswerInput,
  type SurveyLink,
  type SurveyRound,
  type SurveyTrigger,
} from './surveys.model.js';
import type { SurveysRepository } from './surveys.repository.js';
import type { SurveyFiguresRepository } from './survey-figures.repository.js';
import { released, voiceFigures, type RoundTotals, type VoiceFigures } from './voice-figures.js';

/** What a survey needs of the projects feature: the project, and a meeting of it that was held. */
export interface SurveyProjects {
  find(organisationId: number, id: number): Promise<{ id: number; title: string; phase: string } | undefined>;
  meetings(
    organisationId: number,
    projectId: number,
  ): Promise<Array<{ id: number; startsAt: string; cancelledAt: string | null }>>;
}

export interface SurveysServiceDeps {
  transact: Transact;
  surveys: SurveysRepository;
  /** What the answers add up to, by round, and their free texts. */
  figures: SurveyFiguresRepository;
  projects: SurveyProjects;
  organisations: Pick<OrganisationDirectory, 'name' | 'timeZone'>;
  outbox: OutboxService;
  audit: Pick<AuditService, 'byUser' | 'record'>;
  clock: Clock;
  baseUrl: string;
}

export type SurveyView =
  | { kind: 'unknown' }
  | { kind: 'gone'; reason: 'erased' | 'closed' }
  | { kind: 'answered'; link: SurveyLink; organisationName: string; timeZone: string }
  | { kind: 'open'; link: SurveyLink; organisationName: string; timeZone: string };

const STAFF = new Set(['facilitator', 'admin']);

/** The survey's e-mail (the first, or the one reminder) in the person's language; the demo writes the same. */
export function surveyEmail(
  kind: 'invite' | 'reminder',
  m: {
    locale: Locale;
    name: string;
    projectTitle: string;
    organisationName: string;
    url: string;
    closesOn: string;
  },
) {
  const t = translator(m.locale);
  return renderEmail(
    {
      locale: m.locale,
      subject: t(`email.survey.${kind}.subject`, { project: m.projectTitle }),
      paragraphs: [
        t('email.greeting', { name: m.name }),
        t(`email.survey.${kind}.body`, { project: m.projectTitle, organisation: m.organisationName }),
      ],
      essentials: [t('email.survey.closes', { date: formatDate(m.closesOn, m.locale) })],
      action: { label: t('email.survey.action'), url: m.url },
      after: [t('email.survey.anonymous')],
      signature: t('email.signature', { organisation: m.organisationName }),
    },
    t,
  );
}

/**
 * The representatives' voice (issue 22, item 1). A round asks everyone who took part (in the project, or in one
 * meeting) by a personal link in their language, once; one reminder after a week; the survey closes after 30 days.
 * An answer is stored without the link or the person: the link only learns that it was answered. Figures are shown
 * only from 5 answers, and the free texts to facilitators and admins only, in the order of their text.
 */
export class SurveysService {
  constructor(private readonly deps: SurveysServiceDeps) {}

  /**
   * Starts a round for a project that moved to evaluating (in the phase change's transaction); undefined when the
   * project had one already. Called by the projects feature.
   */
  async projectEvaluating(actor: CurrentUser, projectId: number, tx: Tx): Promise<RoundStarted | undefined> {
    return this.start(actor, projectId, null, 'evaluating', tx);
  }

  /** Starts a round for one meeting that was held, by hand; undefined when that meeting was asked about already. */
  async askAboutMeeting(actor: CurrentUser, projectId: number, meetingId: number): Promise<RoundStarted | undefined> {
    if (!STAFF.has(actor.role)) throw forbidden();
    const project = await this.deps.projects.find(actor.organisationId, projectId);
    if (!project) throw notFound();
    const meeting = (await this.deps.projects.meetings(actor.organisationId, projectId)).find(
      (m) => m.id === meetingId,
    );
    const now = this.deps.clock.now();
    if (!meeting || meeting.cancelledAt || Date.parse(meeting.startsAt) > now.toMillis()) throw notFound();
    return this.deps.transact((tx) => this.start(actor, projectId, meetingId, 'meeting', tx));
  }

  private async start(
    actor: CurrentUser,
    projectId: number,
    meetingId: number | null,
    trigger: SurveyTrigger,
    tx: Tx,
  ): Promise<RoundStarted | undefined> {
    const { surveys, clock } = this.deps;
    const orgId = actor.organisationId;
    // in the caller's transaction (on SQLite a read outside it would wait for the connection it holds)
    const title = await surveys.projectTitle(orgId, projectId, tx);
    if (title === undefined) throw notFound();
    const people = await surveys.participants(orgId, projectId, meetingId, tx);
    // nobody with attendance logged: no round, so that one can be sent once attendance is in
    if (!people.length) return { asked: 0, unreachable: 0, nobody: true };
    const reachable = people.filter((p) => p.reachable);
    const now = clock.now();
    // open until the end of the 30th day in the organisation's zone: the date in the e-mail is the last day to answer
    const closes = now.setZone(actor.timeZone).plus({ days: OPEN_DAYS }).endOf('day');
    const surveyId = await surveys.createRound(
      {
        organisationId: orgId,
        projectId,
        meetingId,
        trigger,
        userId: actor.id,
        createdAt: now.toISO()!,
        remindAt: now.plus({ days: REMIND_AFTER_DAYS }).toISO()!,
        closesAt: closes.toUTC().toISO()!,
      },
      tx,
    );
    // the project's evaluation or this meeting has a round already (made just now by another request, perhaps)
    if (surveyId === undefined) return undefined;
    const organisationName = actor.organisationName;
    for (const person of reachable) {
      const { token, hash } = newToken();
      const linkId = await surveys.addLink(
        {
          organisationId: orgId,
          surveyId,
          representativeId: person.representativeId,
          tokenHash: hash,
          locale: person.locale,
        },
        tx,
      );
      await this.mail(
        'invite',
        { ...person, email: person.email!, linkId, organisationId: orgId },
        title,
        organisationName,
        token,
        closes.toISODate()!,
        tx,
      );
    }
    await this.deps.audit.byUser(
      actor,
      'survey.started',
      { type: 'project', id: projectId },
      { survey: surveyId, asked: reachable.length, unreachable: people.length - reachable.length },
      tx,
    );
    return { asked: reachable.length, unreachable: people.length - reachable.length };
  }

  private async mail(
    kind: 'invite' | 'reminder',
    person: {
      linkId: number;
      organisationId: number;
      representativeId: number;
      name: string;
      email: string;
      locale: Locale;
    },
    projectTitle: string,
    organisationName: string,
    token: string,
    closesOn: string,
    tx: Tx,
  ): Promise<void> {
    const email = surveyEmail(kind, {
      locale: person.locale,
      name: person.name,
      projectTitle,
      organisationName,
      url: `${this.deps.baseUrl}/survey/${token}`,
      closesOn,
    });
    await this.deps.outbox.enqueue(tx, {
      organisationId: person.organisationId,
      kind: `survey_${kind}`,
      dedupeKey: `survey:${person.linkId}:${kind}`,
      to: person.email,
      representativeId: person.representativeId,
      ...email,
    });
  }

  /** The one reminder, a week after the link went out, to those who have not answered (a scheduled job). */
  async sendReminders(): Promise<number> {
    const now = this.deps.clock.now();
    let sent = 0;
    for (const due of await this.deps.surveys.dueReminders(now.toISO()!)) {
      const [project, organisationName, zone] = await Promise.all([
        this.deps.projects.find(due.organisationId, due.projectId),
        this.deps.organisations.name(due.organisationId),
        this.deps.organisations.timeZone(due.organisationId),
      ]);
      if (!project) continue;
      const { token, hash } = newToken();
      const reminded = await this.deps.transact(async (tx) => {
        if (!(await this.deps.surveys.remind(due.linkId, hash, tx))) return false;
        const link = await this.deps.surveys.linkByHash(hash, tx);
        await this.mail(
          'reminder',
          { ...due },
          project.title,
          organisationName,
          token,
          DateTime.fromISO(link!.closesAt).setZone(zone).toISODate()!,
          tx,
        );
        return true;
      });
      if (reminded) sent += 1;
    }
    return sent;
  }

  /** What a survey link opens. */
  async view(token: string): Promise<SurveyView> {
    if (!isTokenShaped(token)) return { kind: 'unknown' };
    const link = await this.deps.surveys.linkByHash(hashToken(token));
    if (!link) return { kind: 'unknown' };
    if (link.erased) return { kind: 'gone', reason: 'erased' };
    const [organisationName, timeZone] = await Promise.all([
      this.deps.organisations.name(link.organisationId),
      this.deps.organisations.timeZone(link.organisationId),
    ]);
    if (link.answered) return { kind: 'answered', link, organisationName, timeZone };
    if (Date.parse(link.closesAt) <= this.deps.clock.now().toMillis()) return { kind: 'gone', reason: 'closed' };
    return { kind: 'open', link, organisationName, timeZone };
  }

  /**
   * Stores an answer once, without the link or the person; 'already' when the link was answered before (nothing
   * changes). Audited as an anonymous answer to the round: the audit does not name the person either.
   */
  async answer(link: SurveyLink, input: SurveyAnswerInput, timeZone: string): Promise<'saved' | 'already'> {
    const answeredOn = this.deps.clock.now().setZone(timeZone).toISODate()!;
    const saved = await this.deps.transact(async (tx) => {
      const stored = await this.deps.surveys.answer(link, input, answeredOn, tx);
      if (stored) {
        await this.deps.audit.record(
          {
            organisationId: link.organisationId,
            actorType: 'anonymous',
            action: 'survey.answered',
            entityType: 'survey',
            entityId: link.surveyId,
          },
          tx,
        );
      }
      return stored;
    });
    return saved ? 'saved' : 'already';
  }

  /** A project's rounds for its page (facilitators and admins): counts of asked and answered, never who. */
  async rounds(actor: CurrentUser, projectId: number): Promise<SurveyRound[]> {
    if (!STAFF.has(actor.role)) return [];
    return this.deps.surveys.rounds(actor.organisationId, projectId);
  }

  /**
   * The project's answers for its results page, by the rules of `voiceFigures` (whole rounds, released, of 5 or more);
   * the free texts of those rounds to facilitators and admins only, in the order of their text.
   */
  async forResults(
    actor: CurrentUser,
    projectId: number,
  ): Promise<{ figures: VoiceFigures; freeTexts: string[] | null; asked: boolean }> {
    const rounds = await this.deps.figures.roundTotals(actor.organisationId, { projectId });
    const nowMs = this.deps.clock.now().toMillis();
    const figures = voiceFigures(rounds, nowMs);
    const shown = rounds.filter((r) => released(r, nowMs) && r.totals.answers >= MIN_ANSWERS).map((r) => r.surveyId);
    const freeTexts =
      STAFF.has(actor.role) && figures.state === 'shown'
        ? await this.deps.figures.freeTexts(actor.organisationId, shown)
        : null;
    return { figures, freeTexts, asked: rounds.length > 0 };
  }

  /** The rounds sent in a period (instants), of a unit's or a project's projects, each added up (for the report). */
  periodRounds(
    organisationId: number,
    fromInstant: string,
    toInstant: string,
    scope: { unitId?: number; projectId?: number },
  ): Promise<RoundTotals[]> {
    return this.deps.figures.roundTotals(organisationId, { ...scope, fromInstant, toInstant });
  }
}

export type { RoundStarted };
