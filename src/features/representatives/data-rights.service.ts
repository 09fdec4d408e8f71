import { skillName } from '../../lib/skill-name.js';
import type { Clock } from '../../lib/clock.js';
import type { Translate } from '../../lib/i18n.js';
import type { Transact } from '../../lib/transact.js';
import type { Locale } from '../../config.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationSettings } from '../organisations/settings.js';
import type { CurrentUser } from '../users/users.types.js';
import type { PersonalDataHolder } from './personal-data.js';
import type { RepresentativesRepository } from './representatives.repository.js';
import type { RepresentativeSkillsRepository } from './representative-skills.repository.js';
import type { DataRightsRepository } from './data-rights.repository.js';
import type { RosterFilter, RosterVersions } from './representatives.model.js';
import type { RepresentativesService } from './representatives.service.js';

/** The words that confirm an erasure, in either language (typed by the facilitator). */
export const ERASE_WORDS = ['SLETT', 'ERASE'];

export interface DataRightsDeps {
  transact: Transact;
  representatives: RepresentativesRepository;
  representativeSkills: RepresentativeSkillsRepository;
  dataRights: DataRightsRepository;
  representativesService: RepresentativesService;
  /** The data review's interval is an organisation setting. */
  organisations: { settings(organisationId: number): Promise<Pick<OrganisationSettings, 'dataReviewMonths'>> };
  /** Records the exports, erasures and reviews, and gives the data copy its processing log. */
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
  /** The other features that hold personal data, in the order of their sections in the data copy. */
  holders: PersonalDataHolder[];
}

const representative = (id: number) => ({ type: 'representative', id });

/**
 * Representatives' rights and the roster's hygiene: the CSV export, a person's data as JSON (art. 15/20),
 * erasure by anonymisation (art. 17), and the periodic data review.
 */
export class DataRightsService {
  constructor(private readonly deps: DataRightsDeps) {}

  /** The filtered roster as spreadsheet rows: the columns facilitators and admins may see (supervisors never get here). */
  async exportRoster(
    actor: CurrentUser,
    filter: RosterFilter,
    t: Translate,
    locale: Locale,
    onlyIds?: number[],
  ): Promise<string[][]> {
    const { representatives, representativeSkills, audit } = this.deps;
    const matching = await representatives.exportRows(actor.organisationId, filter);
    // the people ticked on the roster (a page at most): picked from the organisation's own rows, so that another
    // organisation's id or an erased person simply is not there
    const only = onlyIds && new Set(onlyIds);
    const people = only ? matching.filter((p) => only.has(p.id)) : matching;
    const skills = new Map<number, string>();
    for (let i = 0; i < people.length; i += 500) {
      const chunk = await representativeSkills.skillsOf(
        actor.organisationId,
        people.slice(i, i + 500).map((p) => p.id),
      );
      for (const [id, list] of chunk) {
        skills.set(id, list.map((s) => `${skillName(s, locale)} (${s.level})`).join(', '));
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
    await audit.byUser(actor, 'representatives.exported', { type: '', id: null }, { rows: rows.length });
    return [header, ...rows];
  }

  /** Everything Medvirk holds about one person, as one JSON document (access and portability); audited. */
  async personalData(actor: CurrentUser, id: number): Promise<Record<string, unknown>> {
    const { representativesService, audit, clock, holders } = this.deps;
    const profile = await representativesService.view(actor, id, { audited: false });
    const log = await audit.forEntity(actor.organisationId, representative(id), 1000);
    await audit.byUser(actor, 'representative.data_exported', representative(id));
    const rep = profile.representative;
    const subject = { organisationId: actor.organisationId, representativeId: id };
    const sections = await Promise.all(holders.map((h) => h.exportFor(subject)));
    return {
      format: 'medvirk-personal-data/1',
      exportedAt: clock.now().toISO(),
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
      ...Object.fromEntries(holders.map((h, i) => [h.name, sections[i]])),
      processingLog: log.map((e) => ({ at: e.occurredAt, action: e.action, by: e.actorType })),
    };
  }

  /** Anonymises a person, irreversibly; the audit event carries the id only. */
  async erase(actor: CurrentUser, id: number): Promise<void> {
    const { transact, representativesService, dataRights, holders, versions, audit, clock } = this.deps;
    await representativesService.get(actor, id);
    const erasure = {
      organisationId: actor.organisationId,
      representativeId: id,
      pseudonym: `#${id}`,
      at: clock.now().toISO()!,
    };
    await transact(async (tx) => {
      await dataRights.anonymise(actor.organisationId, id, erasure.pseudonym, erasure.at, tx);
      // what the other features hold about the person: e-mail, invitations and links, notes on involvement
      for (const holder of holders) await holder.eraseFor(erasure, tx);
      await versions.bump(actor.organisationId, tx);
      await audit.byUser(actor, 'representative.erased', representative(id), {}, tx);
    });
  }

  /** Who is due a data review under the organisation's interval. */
  async reviewList(actor: CurrentUser) {
    const { organisations, dataRights, clock } = this.deps;
    const settings = await organisations.settings(actor.organisationId);
    const cutoff = clock.now().minus({ months: settings.dataReviewMonths }).toISO()!;
    return {
      months: settings.dataReviewMonths,
      ...(await dataRights.reviewDue(actor.organisationId, cutoff)),
    };
  }

  async markReviewed(actor: CurrentUser, id: number): Promise<void> {
    const { transact, representativesService, dataRights, versions, audit, clock } = this.deps;
    await representativesService.get(actor, id);
    await transact(async (tx) => {
      await dataRights.markReviewed(actor.organisationId, id, clock.now().toISO()!, tx);
      await versions.bump(actor.organisationId, tx);
      await audit.byUser(actor, 'representative.reviewed', representative(id), {}, tx);
    });
  }
}
