import type { Db } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import type { Translate } from '../../lib/i18n.js';
import type { Locale } from '../../config.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { CurrentUser } from '../users/users.types.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { InvitationsRepository } from '../invitations/invitations.repository.js';
import type { InvolvementRepository } from '../involvement/involvement.repository.js';
import type { ImpactsRepository } from '../impacts/impacts.repository.js';
import type { RosterVersions } from './roster-versions.repository.js';
import type { RepresentativesRepository } from './representatives.repository.js';
import type { RepresentativeSkillsRepository } from './representative-skills.repository.js';
import type { DataRightsRepository } from './data-rights.repository.js';
import type { RosterFilter } from './representatives.model.js';
import type { RepresentativesService } from './representatives.service.js';

/** The words that confirm an erasure, in either language (typed by the facilitator). */
export const ERASE_WORDS = ['SLETT', 'ERASE'];

/**
 * Representatives' rights and the roster's hygiene: the CSV export, a person's data as JSON (art. 15/20),
 * erasure by anonymisation (art. 17), and the periodic data review.
 */
export class DataRightsService {
  constructor(
    private readonly db: Db,
    private readonly representatives: RepresentativesRepository,
    private readonly representativeSkills: RepresentativeSkillsRepository,
    private readonly dataRightsRepository: DataRightsRepository,
    private readonly representativesService: RepresentativesService,
    private readonly organisations: OrganisationsRepository,
    private readonly auditRepository: AuditRepository,
    private readonly audit: AuditService,
    private readonly versions: RosterVersions,
    private readonly clock: Clock,
    private readonly outbox: OutboxRepository,
    private readonly invitations: InvitationsRepository,
    private readonly involvement: InvolvementRepository,
    private readonly impacts: ImpactsRepository,
  ) {}

  /** The filtered roster as spreadsheet rows: the columns facilitators and admins may see (supervisors never get here). */
  async exportRoster(actor: CurrentUser, filter: RosterFilter, t: Translate, locale: Locale): Promise<string[][]> {
    const people = await this.representatives.exportRows(actor.organisationId, filter);
    const skills = new Map<number, string>();
    for (let i = 0; i < people.length; i += 500) {
      const chunk = await this.representativeSkills.skillsOf(
        actor.organisationId,
        people.slice(i, i + 500).map((p) => p.id),
      );
      for (const [id, list] of chunk) {
        skills.set(id, list.map((s) => `${locale === 'en' ? s.nameEn : s.nameNb} (${s.level})`).join(', '));
      }
    }
    const header = [
      'id',
      'name',
      'kind',
      'status',
      'pausedUntil',
      'email',
      'phone',
      'preferredContact',
      'postalAddress',
      'languages',
      'area',
      'nominatingOrganisation',
      'termStart',
      'termEnd',
      'accessibilityNeeds',
      'loadCap',
      'skills',
    ].map((key) => t(`export.columns.${key}`));
    const rows = people.map((p) => [
      String(p.id),
      p.name,
      t(`representatives.kinds.${p.kind}`),
      t(`representatives.statuses.${p.status}`),
      p.pausedUntil ?? '',
      p.email ?? '',
      p.phone ?? '',
      t(`representatives.contact.${p.preferredContact}`),
      p.postalAddress,
      p.languages.join(', '),
      p.area,
      p.nominatingOrganisation,
      p.termStart ?? '',
      p.termEnd ?? '',
      p.accessibilityNeeds,
      p.loadCap === null ? '' : String(p.loadCap),
      skills.get(p.id) ?? '',
    ]);
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'representatives.exported',
      entityType: '',
      details: { rows: rows.length },
    });
    return [header, ...rows];
  }

  /** Everything Medvirk holds about one person, as one JSON document (access and portability); audited. */
  async personalData(actor: CurrentUser, id: number): Promise<Record<string, unknown>> {
    const profile = await this.representativesService.view(actor, id, { audited: false });
    const log = await this.auditRepository.forEntity(actor.organisationId, 'representative', id, 1000);
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'representative.data_exported',
      entityType: 'representative',
      entityId: id,
    });
    const rep = profile.representative;
    const [invitations, emails, involvement, impacts] = await Promise.all([
      this.invitations.forRepresentative(actor.organisationId, id),
      this.outbox.forRepresentative(actor.organisationId, id),
      this.involvement.forRepresentative(actor.organisationId, id),
      this.impacts.forRepresentative(actor.organisationId, id),
    ]);
    return {
      format: 'medvirk-personal-data/1',
      exportedAt: this.clock.now().toISO(),
      organisation: actor.organisationName,
      person: rep,
      skills: profile.skills.map((s) => ({
        nameNb: s.nameNb,
        nameEn: s.nameEn,
        category: s.category,
        level: s.level,
        since: s.since,
        expiresOn: s.expiresOn,
      })),
      consents: profile.consents.map((c) => ({
        purpose: c.purpose,
        givenAt: c.givenAt,
        withdrawnAt: c.withdrawnAt,
        method: c.method,
      })),
      statusHistory: profile.statusHistory.map((c) => ({
        from: c.fromStatus,
        to: c.toStatus,
        pausedUntil: c.pausedUntil,
        reason: c.reason,
        at: c.changedAt,
      })),
      invitations: invitations.map((i) => ({
        project: i.projectTitle,
        status: i.status,
        channel: i.channel,
        sentAt: i.sentAt,
        answerBy: i.expiresAt,
        answeredAt: i.respondedAt,
        declineReason: i.declineReason,
        declineText: i.declineText,
        note: i.note,
      })),
      emails: emails.map((m) => ({
        kind: m.kind,
        subject: m.subject,
        to: m.to,
        status: m.status,
        sentAt: m.sentAt,
        contentsDeletedAt: m.bodiesPurgedAt,
      })),
      involvement: involvement.map((e) => ({
        project: e.projectTitle,
        date: e.occurredOn,
        activity: e.activity,
        attended: e.attended,
        inPerson: e.inPerson,
        minutes: e.minutes,
        preparationMinutes: e.preparationMinutes,
        levelDelivered: e.levelDelivered,
        asPartOfPaidJob: e.asPartOfPaidJob,
        paymentDeclined: e.paymentDeclined,
        honorariumOre: e.honorariumOre,
        honorariumRuleVersion: e.honorariumRuleVersion,
        travelCostOre: e.travelCostOre,
        note: e.note,
      })),
      impacts: impacts.map((i) => ({
        project: i.projectTitle,
        whatSaid: i.whatSaid,
        whatChanged: i.whatChanged,
        status: i.status,
        rejectedReason: i.rejectedReason,
        decidedOn: i.decidedOn,
        fedBackAt: i.fedBackAt,
      })),
      processingLog: log.map((e) => ({ at: e.occurredAt, action: e.action, by: e.actorType })),
    };
  }

  /** Anonymises a person, irreversibly; the audit event carries the id only. */
  async erase(actor: CurrentUser, id: number): Promise<void> {
    await this.representativesService.get(actor, id);
    const now = this.clock.now().toISO()!;
    await this.db.transaction(async (trx) => {
      await this.dataRightsRepository.anonymise(actor.organisationId, id, `#${id}`, now, trx);
      // e-mail to the person: the address and the bodies go, and nothing still queued is sent
      await this.outbox.eraseForRepresentative(actor.organisationId, id, `#${id}`, now, trx);
      await this.invitations.eraseFreeText(actor.organisationId, id, trx);
      // the hours stay, under the pseudonym, for the statistics; what was written about the person goes
      await this.involvement.eraseNotes(actor.organisationId, id, trx);
      await this.versions.bump(actor.organisationId, trx);
      await this.audit.record(
        {
          organisationId: actor.organisationId,
          actorType: 'user',
          actorUserId: actor.id,
          action: 'representative.erased',
          entityType: 'representative',
          entityId: id,
        },
        trx,
      );
    });
  }

  /** Who is due a data review under the organisation's interval. */
  async reviewList(actor: CurrentUser) {
    const settings = await this.organisations.settings(actor.organisationId);
    const cutoff = this.clock.now().minus({ months: settings.dataReviewMonths }).toISO()!;
    return {
      months: settings.dataReviewMonths,
      ...(await this.dataRightsRepository.reviewDue(actor.organisationId, cutoff)),
    };
  }

  async markReviewed(actor: CurrentUser, id: number): Promise<void> {
    await this.representativesService.get(actor, id);
    await this.db.transaction(async (trx) => {
      await this.dataRightsRepository.markReviewed(actor.organisationId, id, this.clock.now().toISO()!, trx);
      await this.versions.bump(actor.organisationId, trx);
      await this.audit.record(
        {
          organisationId: actor.organisationId,
          actorType: 'user',
          actorUserId: actor.id,
          action: 'representative.reviewed',
          entityType: 'representative',
          entityId: id,
        },
        trx,
      );
    });
  }
}
