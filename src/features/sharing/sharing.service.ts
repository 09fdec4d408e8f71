import type { Clock } from '../../lib/clock.js';
import { forbidden, notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/tokens.js';
import type { Transact } from '../../lib/transact.js';
import type { Locale } from '../../config.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import type { ReportsService } from '../reports/reports.service.js';
import type { ResultsService } from '../results/results.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { SHARE_MAX_DAYS, type ShareKind, type ShareLink, type ShareTarget } from './sharing.model.js';
import type { SharingRepository } from './sharing.repository.js';

export interface SharingServiceDeps {
  transact: Transact;
  sharing: SharingRepository;
  /** To check a report's period and filter, and a project, before a link to them is made. */
  reports: Pick<ReportsService, 'build'>;
  results: Pick<ResultsService, 'forProject'>;
  organisations: Pick<OrganisationDirectory, 'name' | 'timeZone'>;
  versions: Pick<RosterVersions, 'current'>;
  audit: Pick<AuditService, 'byUser' | 'record'>;
  clock: Clock;
  baseUrl: string;
}

const READERS = new Set(['facilitator', 'admin', 'supervisor']);

/** A link that opens: what it shows, and the reader it is shown as (a supervisor of its organisation). */
export interface OpenLink {
  link: ShareLink;
  reader: CurrentUser;
}

/**
 * Read-only links for a manager without an account (issue 21, item 3): one report (its period and filter fixed)
 * or one project's results, shown exactly as a supervisor of the organisation sees them, with live figures.
 * Secret (32 random bytes, only the hash kept), expiring within 90 days, revocable; made, revoked and every view
 * audited. Anyone who reads the report (facilitators, admins, supervisors) may make and revoke them.
 */
export class SharingService {
  constructor(private readonly deps: SharingServiceDeps) {}

  /** Makes a link; the secret address is returned once (it is not kept). */
  async create(
    actor: CurrentUser,
    target: ShareTarget,
    days: number,
  ): Promise<{ url: string; expiresAt: string } | FieldProblem> {
    if (!READERS.has(actor.role)) throw forbidden();
    // what the link shows must open for the maker now (a period that is refused, another organisation's project)
    if (target.kind === 'report') {
      const report = await this.deps.reports.build(actor, target.request);
      if (report.problem) return report.problem;
    } else await this.deps.results.forProject(actor, target.projectId);
    if (!Number.isInteger(days) || days < 1 || days > SHARE_MAX_DAYS)
      return { field: 'days', key: 'share.errors.days' };
    const { token, hash } = newToken();
    const now = this.deps.clock.now();
    const expiresAt = now.plus({ days }).toUTC().toISO()!;
    await this.deps.transact(async (tx) => {
      const id = await this.deps.sharing.insert(
        { organisationId: actor.organisationId, hash, target, userId: actor.id, expiresAt },
        now.toISO()!,
        tx,
      );
      await this.deps.audit.byUser(actor, 'share.created', { type: 'share_link', id }, { kind: target.kind, days }, tx);
    });
    return { url: `${this.deps.baseUrl}/s/${token}`, expiresAt };
  }

  async revoke(actor: CurrentUser, id: number): Promise<void> {
    if (!READERS.has(actor.role)) throw forbidden();
    await this.deps.transact(async (tx) => {
      const done = await this.deps.sharing.revoke(
        actor.organisationId,
        id,
        actor.id,
        this.deps.clock.now().toISO()!,
        tx,
      );
      if (!done) throw notFound();
      await this.deps.audit.byUser(actor, 'share.revoked', { type: 'share_link', id }, {}, tx);
    });
  }

  /** The links of a report (all of the organisation's) or of one project's results that have not expired. */
  live(actor: CurrentUser, kind: ShareKind, projectId?: number): Promise<ShareLink[]> {
    if (!READERS.has(actor.role)) throw forbidden();
    return this.deps.sharing.live(actor.organisationId, kind, this.deps.clock.now().toUTC().toISO()!, projectId);
  }

  /**
   * The link behind a token: undefined when there is none (404), 'gone' when it expired or was revoked (410);
   * otherwise the view is counted and audited, and the reader to show it as is returned.
   */
  async open(token: string, locale: Locale): Promise<OpenLink | 'gone' | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const link = await this.deps.sharing.byHash(hashToken(token));
    if (!link) return undefined;
    const now = this.deps.clock.now();
    if (link.revokedAt || link.expiresAt <= now.toUTC().toISO()!) return 'gone';
    const org = link.organisationId;
    const [organisationName, timeZone, rosterVersion] = await Promise.all([
      this.deps.organisations.name(org),
      this.deps.organisations.timeZone(org),
      this.deps.versions.current(org),
    ]);
    await this.deps.transact(async (tx) => {
      await this.deps.sharing.viewed(link.id, now.toISO()!, tx);
      await this.deps.audit.record(
        {
          organisationId: org,
          actorType: 'anonymous',
          actorUserId: null,
          action: 'share.viewed',
          entityType: 'share_link',
          entityId: link.id,
          details: { kind: link.target.kind },
        },
        tx,
      );
    });
    const reader: CurrentUser = {
      id: 0,
      organisationId: org,
      name: '',
      email: '',
      role: 'supervisor',
      locale,
      active: true,
      mustChangePassword: false,
      lastSignInAt: null,
      organisationName,
      timeZone,
      rosterVersion,
    };
    return { link, reader };
  }
}
