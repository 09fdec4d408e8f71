import type { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { forbidden } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import type { CurrentUser } from '../users/users.types.js';
import { dayAfter, lifecycleDays, noticeKey } from './lifecycle-days.js';
import {
  LOOKBACK_DAYS,
  NOTICES_KEPT_AFTER_SEEN_DAYS,
  NOTICES_KEPT_DAYS,
  NOTICES_SHOWN,
  type NoticeList,
} from './notices.model.js';
import type { NoticesRepository } from './notices.repository.js';

/** What the lifecycle job changes on the roster (the representatives feature implements it). */
export interface LifecycleRoster {
  /** Active again, only while still paused until that day; whether it ended. */
  endPause(organisationId: number, id: number, pausedUntil: string, now: string, tx?: Tx): Promise<boolean>;
  addStatusChange(
    organisationId: number,
    representativeId: number,
    change: {
      from: 'paused';
      to: 'active';
      pausedUntil: null;
      reason: string;
      userId: null;
      by: 'system';
      at: string;
    },
    tx?: Tx,
  ): Promise<void>;
}

/** Who is due a data review at a cut-off (the data-rights duties provide it). */
export interface ReviewDue {
  reviewDue(organisationId: number, cutoff: string, tx?: Tx): Promise<{ due: unknown[]; retired: unknown[] }>;
}

export interface NoticesDeps {
  transact: Transact;
  notices: NoticesRepository;
  roster: LifecycleRoster;
  reviews: ReviewDue;
  /** Every organisation's time zone and data-review interval. */
  organisations: Pick<OrganisationDirectory, 'allSettings'>;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
  /** One line per organisation the job could not handle (its id and the error's name). */
  logger: Logger;
}

/** The counts of one run of the lifecycle job, for the log: numbers only. */
export interface LifecycleCounts extends Record<string, number> {
  organisations: number;
  pausesEnded: number;
  trainingExpired: number;
  termsEnded: number;
  dataReviews: number;
  failed: number;
  /** Notices deleted: seen more than 90 days ago, or written more than a year ago. */
  purged: number;
}

const STAFF_ROLES = new Set(['facilitator', 'admin']);

/**
 * The facilitators' notices: the lifecycle job that keeps the roster current and tells the team what happened on
 * its own (a pause ended, training or a term ran out, people are due for a data review), and the dashboard's list
 * of what nobody has marked as seen yet. Supervisors never see them: they name people.
 */
export class NoticesService {
  constructor(private readonly deps: NoticesDeps) {}

  /**
   * One run of the representative-lifecycle job, for every organisation in its own zone. Idempotent: a notice is
   * written once per event (its dedupe key), a pause ends once. An organisation that fails is logged and left for
   * the next run; the others go on.
   */
  async runLifecycle(now: DateTime): Promise<LifecycleCounts> {
    const counts: LifecycleCounts = {
      organisations: 0,
      pausesEnded: 0,
      trainingExpired: 0,
      termsEnded: 0,
      dataReviews: 0,
      failed: 0,
      purged: 0,
    };
    for (const organisation of await this.deps.organisations.allSettings()) {
      try {
        const done = await this.runFor(organisation, now);
        counts.pausesEnded += done.pausesEnded;
        counts.trainingExpired += done.trainingExpired;
        counts.termsEnded += done.termsEnded;
        counts.dataReviews += done.dataReviews;
        counts.organisations += 1;
      } catch (err) {
        counts.failed += 1;
        this.deps.logger.error('lifecycle.organisation_failed', {
          organisation: organisation.id,
          error: err instanceof Error ? err.name : 'unknown',
        });
      }
    }
    counts.purged = await this.deps.notices.purgeOld(
      now.minus({ days: NOTICES_KEPT_AFTER_SEEN_DAYS }).toISO()!,
      now.minus({ days: NOTICES_KEPT_DAYS }).toISO()!,
    );
    return counts;
  }

  private async runFor(
    organisation: { id: number; timeZone: string; settings: { dataReviewMonths: number } },
    now: DateTime,
  ) {
    const { transact, notices, roster, reviews, audit, versions } = this.deps;
    const organisationId = organisation.id;
    const days = lifecycleDays(now, organisation.timeZone, LOOKBACK_DAYS);
    const at = now.toISO()!;
    const done = { pausesEnded: 0, trainingExpired: 0, termsEnded: 0, dataReviews: 0 };

    // a pause is over the day after its last day: active again, with the history and the audit saying "the system"
    for (const pause of await notices.pausesOver(organisationId, days.today)) {
      await transact(async (tx) => {
        if (!(await roster.endPause(organisationId, pause.representativeId, pause.pausedUntil, at, tx))) return;
        await roster.addStatusChange(
          organisationId,
          pause.representativeId,
          { from: 'paused', to: 'active', pausedUntil: null, reason: '', userId: null, by: 'system', at },
          tx,
        );
        await versions.bump(organisationId, tx);
        await audit.record(
          {
            organisationId,
            actorType: 'system',
            action: 'representative.pause_ended',
            entityType: 'representative',
            entityId: pause.representativeId,
          },
          tx,
        );
        const date = dayAfter(pause.pausedUntil);
        await notices.add(
          {
            organisationId,
            kind: 'pause_ended',
            representativeId: pause.representativeId,
            skillId: null,
            subjectDate: date,
            count: null,
            dedupeKey: noticeKey('pause_ended', { representativeId: pause.representativeId, date }),
          },
          at,
          tx,
        );
        done.pausesEnded += 1;
      });
    }

    for (const expiry of await notices.trainingExpired(organisationId, days.lookBackFrom, days.today)) {
      const written = await notices.add(
        {
          organisationId,
          kind: 'training_expired',
          representativeId: expiry.representativeId,
          skillId: expiry.skillId,
          subjectDate: expiry.expiresOn,
          count: null,
          dedupeKey: noticeKey('training_expired', {
            representativeId: expiry.representativeId,
            skillId: expiry.skillId,
            date: expiry.expiresOn,
          }),
        },
        at,
      );
      if (written) done.trainingExpired += 1;
    }

    // a term that ended changes no status: the facilitator decides (renew it, or retire the person)
    for (const term of await notices.termsEnded(organisationId, days.lookBackFrom, days.today)) {
      const written = await notices.add(
        {
          organisationId,
          kind: 'term_ended',
          representativeId: term.representativeId,
          skillId: null,
          subjectDate: term.termEnd,
          count: null,
          dedupeKey: noticeKey('term_ended', { representativeId: term.representativeId, date: term.termEnd }),
        },
        at,
      );
      if (written) done.termsEnded += 1;
    }

    // the data review: once a month, when anyone is due under the organisation's interval
    const reviewKey = noticeKey('data_review_due', { organisationId, date: days.today });
    const cutoff = now.minus({ months: organisation.settings.dataReviewMonths }).toISO()!;
    const review = await reviews.reviewDue(organisationId, cutoff);
    const due = review.due.length + review.retired.length;
    if (due > 0) {
      const written = await notices.add(
        {
          organisationId,
          kind: 'data_review_due',
          representativeId: null,
          skillId: null,
          subjectDate: days.today,
          count: due,
          dedupeKey: reviewKey,
        },
        at,
      );
      if (written) done.dataReviews += 1;
    }
    return done;
  }

  /** The dashboard's "Since last time": the newest notices nobody has marked as seen; none for a supervisor. */
  async forDashboard(actor: CurrentUser, contactUserId: number | null = null): Promise<NoticeList | undefined> {
    if (!STAFF_ROLES.has(actor.role)) return undefined;
    const [notices, total] = await Promise.all([
      this.deps.notices.undismissed(actor.organisationId, NOTICES_SHOWN, contactUserId),
      this.deps.notices.countUndismissed(actor.organisationId, contactUserId),
    ]);
    return { notices, total };
  }

  /** Marks a notice seen for the whole team, recording who; false when the organisation has no such notice. */
  async dismiss(actor: CurrentUser, id: number): Promise<boolean> {
    if (!STAFF_ROLES.has(actor.role)) throw forbidden();
    return this.deps.notices.dismiss(actor.organisationId, id, actor.id, this.deps.clock.now().toISO()!);
  }

  /** Marks the notices the dashboard showed as seen (not any written since); returns how many. */
  async dismissMany(actor: CurrentUser, ids: number[]): Promise<number> {
    if (!STAFF_ROLES.has(actor.role)) throw forbidden();
    return this.deps.notices.dismissMany(actor.organisationId, ids, actor.id, this.deps.clock.now().toISO()!);
  }
}
