/** An organisation's rules and limits; stored as JSON on the organisation, with these defaults. */
export interface OrganisationSettings {
  hourlyHonorariumOre: number;
  /** Raised whenever the honorarium rules change; every amount is stored with the version it was computed by. */
  honorariumRuleVersion: number;
  roundingMinutes: number;
  minimumPaidMinutesInPerson: number;
  preparationPaid: boolean;
  invitationExpiryDays: number;
  reminderLeadDays: number;
  loadCapPerQuarter: number;
  defaultPersonalLoadCap: number;
  dataReviewMonths: number;
  sentEmailRetentionDays: number;
  /** The audit log's events (what staff, representatives and the system did) are deleted after this many years. */
  auditRetentionYears: number;
  emailsPerMinute: number;
  matchingWeights: { niceToHave: number; fairness: number; rest: number; diversity: number; language: number };
}

export const defaultOrganisationSettings: OrganisationSettings = {
  hourlyHonorariumOre: 30000,
  honorariumRuleVersion: 1,
  roundingMinutes: 30,
  minimumPaidMinutesInPerson: 60,
  preparationPaid: true,
  invitationExpiryDays: 14,
  reminderLeadDays: 3,
  loadCapPerQuarter: 4,
  defaultPersonalLoadCap: 2,
  dataReviewMonths: 24,
  sentEmailRetentionDays: 30,
  auditRetentionYears: 5,
  emailsPerMinute: 60,
  matchingWeights: { niceToHave: 0.35, fairness: 0.2, rest: 0.15, diversity: 0.2, language: 0.1 },
};

/** Settings read from the stored JSON, with defaults for anything missing or unreadable. */
export function parseSettings(json: string | null | undefined): OrganisationSettings {
  let stored: Partial<OrganisationSettings>;
  try {
    stored = json ? (JSON.parse(json) as Partial<OrganisationSettings>) : {};
  } catch {
    stored = {};
  }
  return {
    ...defaultOrganisationSettings,
    ...stored,
    matchingWeights: { ...defaultOrganisationSettings.matchingWeights, ...(stored.matchingWeights ?? {}) },
  };
}

const HONORARIUM_KEYS = [
  'hourlyHonorariumOre',
  'honorariumRuleVersion',
  'roundingMinutes',
  'minimumPaidMinutesInPerson',
  'preparationPaid',
] as const;

/** The settings as stored: the honorarium rules live in their versions (honorarium_rule_versions), not here. */
export type StoredSettings = Omit<OrganisationSettings, (typeof HONORARIUM_KEYS)[number]>;

/** The settings without the honorarium rules, to store. */
export function withoutHonorariumRules(settings: OrganisationSettings): StoredSettings {
  const copy: Partial<OrganisationSettings> = { ...settings };
  for (const key of HONORARIUM_KEYS) delete copy[key];
  return copy as StoredSettings;
}
