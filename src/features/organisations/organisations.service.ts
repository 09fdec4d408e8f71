import type { Locale } from '../../config.js';
import type { Clock } from '../../lib/clock.js';
import { hashPassword } from '../../lib/passwords.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { HonorariumRulesService } from '../involvement/honorarium-rules.service.js';
import type { RuleValues } from '../involvement/rule-versions.js';
import { temporaryPassword } from '../users/users.service.js';
import type { CurrentUser, UserAccounts } from '../users/users.types.js';
import type { OrganisationsRepository } from './organisations.repository.js';
import { withoutHonorariumRules, type OrganisationSettings } from './settings.js';

/** What the settings form sets, already validated. */
export interface SettingsInput {
  dataReviewMonths: number;
  sentEmailRetentionDays: number;
  /** Years; absent keeps the stored value. */
  auditRetentionYears?: number;
  emailsPerMinute: number;
  matchingWeights: OrganisationSettings['matchingWeights'];
  honorarium: RuleValues;
  /** From when changed honorarium rules apply (an ISO date in the organisation's zone); blank is the default. */
  honorariumValidFrom: string;
}

export interface OrganisationsServiceDeps {
  transact: Transact;
  organisations: OrganisationsRepository;
  users: Pick<UserAccounts, 'emailTaken' | 'create'>;
  honorariumRules: HonorariumRulesService;
  audit: AuditService;
  clock: Clock;
  scryptLog2N: number;
}

/**
 * Organisations (municipalities): creating one with its first administrator, for the operator's command line,
 * and its settings as the admin sees and changes them (audited).
 */
export class OrganisationsService {
  constructor(private readonly deps: OrganisationsServiceDeps) {}

  /** The organisation's official written standard (Bokmål or Nynorsk). */
  writtenStandard(actor: CurrentUser): Promise<Locale> {
    return this.deps.organisations.writtenStandard(actor.organisationId);
  }

  /**
   * Sets the official written standard: from the next page on, the default language of the organisation's new staff
   * and representatives, of e-mails to contacts without a language of their own, and of units' request forms.
   */
  async setWrittenStandard(actor: CurrentUser, locale: 'nb' | 'nn'): Promise<void> {
    const { transact, organisations, audit } = this.deps;
    const before = await organisations.writtenStandard(actor.organisationId);
    if (before === locale) return;
    await transact(async (tx) => {
      await organisations.setWrittenStandard(actor.organisationId, locale, tx);
      await audit.byUser(
        actor,
        'organisation.written_standard_changed',
        { type: 'organisation', id: actor.organisationId },
        { from: before, to: locale },
        tx,
      );
    });
  }

  async createWithAdmin(input: {
    name: string;
    adminEmail: string;
    adminName: string;
    locale: Locale;
    timeZone: string;
  }): Promise<{ organisationId: number; adminId: number; password: string }> {
    const { transact, organisations, users, audit, clock, scryptLog2N } = this.deps;
    const email = input.adminEmail.trim().toLowerCase();
    if (await users.emailTaken(email)) throw new Error(`A user with the e-mail ${email} already exists`);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password, scryptLog2N);
    const now = clock.now().toISO()!;
    return transact(async (tx) => {
      const organisationId = await organisations.create(
        { name: input.name.trim(), locale: input.locale, timeZone: input.timeZone },
        now,
        tx,
      );
      const adminId = await users.create(
        {
          organisationId,
          name: input.adminName.trim(),
          email,
          role: 'admin',
          locale: input.locale,
          passwordHash,
          mustChangePassword: true,
        },
        now,
        tx,
      );
      await audit.record(
        {
          organisationId,
          actorType: 'system',
          action: 'organisation.created',
          entityType: 'organisation',
          entityId: organisationId,
          details: { adminUserId: adminId },
        },
        tx,
      );
      return { organisationId, adminId, password };
    });
  }

  /** The organisation's settings, with the honorarium rules of the latest rule version. */
  settings(organisationId: number): Promise<OrganisationSettings> {
    return this.deps.organisations.settings(organisationId);
  }

  /** The settings, and the honorarium rules over time with the valid-from a change gets by default. */
  async settingsForm(actor: CurrentUser) {
    const [settings, honorarium] = await Promise.all([
      this.deps.organisations.settings(actor.organisationId),
      this.deps.honorariumRules.current(actor),
    ]);
    return { settings, honorarium };
  }

  /**
   * Saves the settings form, or says why it cannot be saved (the valid-from of changed honorarium rules; its
   * `date` parameter is the latest version's valid-from). Changed honorarium rules become a new version valid from
   * the date given: entries dated before it keep their amounts, those from it are priced anew. The settings, the
   * new rule version with its repricing, and the audit row are written in one transaction.
   */
  async saveSettings(actor: CurrentUser, input: SettingsInput): Promise<FieldProblem | undefined> {
    const { transact, organisations, honorariumRules, audit } = this.deps;
    const validFrom = input.honorariumValidFrom || (await honorariumRules.current(actor)).defaultValidFrom;
    const problem = await honorariumRules.problem(actor, input.honorarium, validFrom);
    if (problem) return { field: 'validFrom', key: problem.key, params: { date: problem.latestValidFrom } };
    const current = await organisations.settings(actor.organisationId);
    await transact(async (tx) => {
      await organisations.saveSettings(
        actor.organisationId,
        {
          // the honorarium rules live in their versions, not in the settings
          ...withoutHonorariumRules(current),
          dataReviewMonths: input.dataReviewMonths,
          sentEmailRetentionDays: input.sentEmailRetentionDays,
          auditRetentionYears: input.auditRetentionYears ?? current.auditRetentionYears,
          emailsPerMinute: input.emailsPerMinute,
          matchingWeights: input.matchingWeights,
        },
        tx,
      );
      const version = await honorariumRules.change(actor, input.honorarium, validFrom, tx);
      await audit.byUser(
        actor,
        'organisation.settings_changed',
        { type: 'organisation', id: actor.organisationId },
        {
          dataReviewMonths: input.dataReviewMonths,
          sentEmailRetentionDays: input.sentEmailRetentionDays,
          auditRetentionYears: input.auditRetentionYears ?? current.auditRetentionYears,
          emailsPerMinute: input.emailsPerMinute,
          ...(version ? { honorariumRuleVersion: version, honorariumValidFrom: validFrom } : {}),
        },
        tx,
      );
    });
    return undefined;
  }
}
