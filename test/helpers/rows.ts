import type { Knex } from 'knex';
import type { Db } from '../../src/db.js';

// The tables as a test reads them back: one row type per table, each column typed as either engine returns it
// (generated from the migrated schema; add a column here when a migration adds one that a test reads). Read
// through `table(db, name)`, so that a test's look into the database is typed instead of `any`.

/** A timestamp column: SQLite returns the ISO text that was written, PostgreSQL a Date. */
export type Instant = string | Date;
/** A boolean column: SQLite returns 0 or 1, PostgreSQL true or false. */
export type Flag = boolean | number;

export interface AuditEventRow {
  id: number;
  organisation_id: number | null;
  actor_type: string;
  actor_user_id: number | null;
  actor_representative_id: number | null;
  action: string;
  entity_type: string;
  entity_id: number | null;
  details: string;
  occurred_at: Instant;
  occurrences: number;
  aggregate_key: string | null;
  last_occurred_at: Instant | null;
}

export interface ConsentRow {
  id: number;
  organisation_id: number;
  representative_id: number;
  purpose: string;
  given_at: Instant;
  withdrawn_at: Instant | null;
  method: string;
  recorded_by_user_id: number | null;
}

export interface ContactNoteRow {
  id: number;
  organisation_id: number;
  contact_id: number;
  noted_on: string;
  discussed: string;
  next_step: string;
  follow_up_on: string | null;
  followed_up: Flag;
  user_id: number | null;
  created_at: Instant;
}

export interface ContactRow {
  id: number;
  organisation_id: number;
  unit_id: number | null;
  name: string;
  title: string;
  email: string | null;
  phone: string | null;
  champion: Flag;
  created_at: Instant;
  archived: Flag;
}

export interface EmailChangeRow {
  id: number;
  organisation_id: number;
  representative_id: number;
  new_email: string;
  token_hash: string;
  created_at: Instant;
  expires_at: Instant;
  used_at: Instant | null;
}

export interface HonorariumRuleVersionRow {
  id: number;
  organisation_id: number;
  version: number;
  valid_from: string;
  hourly_rate_ore: number;
  rounding_minutes: number;
  minimum_paid_minutes_in_person: number;
  preparation_paid: Flag;
  created_by_user_id: number | null;
  created_at: Instant;
}

export interface ImpactRepresentativeRow {
  impact_id: number;
  representative_id: number;
}

export interface ImpactRow {
  id: number;
  organisation_id: number;
  project_id: number;
  meeting_id: number | null;
  what_said: string;
  what_changed: string;
  status: string;
  rejected_reason: string;
  decided_on: string | null;
  fed_back_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface ImportBatchRow {
  id: number;
  organisation_id: number;
  user_id: number;
  filename: string;
  encoding: string;
  delimiter: string;
  content: string;
  mapping: string;
  created_at: Instant;
  imported_at: Instant | null;
  imported_ids: string | null;
  cells: string | null;
}

export interface InvitationRow {
  id: number;
  organisation_id: number;
  project_id: number;
  representative_id: number;
  status: string;
  channel: string;
  token_hash: string | null;
  sent_at: Instant | null;
  expires_at: Instant | null;
  reminded_at: Instant | null;
  responded_at: Instant | null;
  decline_reason: string | null;
  note: string;
  created_by_user_id: number | null;
  created_at: Instant;
  updated_at: Instant;
  decline_text: string;
  answer_recorded_by_user_id: number | null;
  withdrawn_at: Instant | null;
  reminder_token_hash: string | null;
  personal_note: string;
}

export interface InvolvementRow {
  id: number;
  organisation_id: number;
  project_id: number;
  representative_id: number;
  meeting_id: number | null;
  occurred_on: string;
  activity: string;
  minutes: number;
  preparation_minutes: number;
  level_delivered: string;
  attended: Flag;
  in_person: Flag;
  as_part_of_paid_job: Flag;
  honorarium_ore: number;
  honorarium_rule_version: number;
  travel_cost_ore: number;
  payment_declined: Flag;
  note: string;
  created_at: Instant;
  recorded_by_user_id: number | null;
  updated_at: Instant | null;
  paid_minutes: number;
}

export interface JobRow {
  name: string;
  next_run_at: Instant;
  locked_until: Instant | null;
  locked_by: string | null;
  last_started_at: Instant | null;
  last_finished_at: Instant | null;
  last_error: string | null;
  runs: number;
}

export interface JobRunRow {
  id: number;
  job: string;
  worker_id: string;
  started_at: Instant;
  finished_at: Instant;
  counts: string;
  error: string | null;
}

export interface MeetingRow {
  id: number;
  organisation_id: number;
  project_id: number;
  starts_at: Instant;
  ends_at: Instant;
  place: string;
  online_link: string;
  agenda: string;
  sequence: number;
  cancelled_at: Instant | null;
  series_id: string | null;
  series_every_weeks: number | null;
}

export interface OrganisationRow {
  id: number;
  name: string;
  default_locale: string;
  time_zone: string;
  settings: string;
  created_at: Instant;
  roster_version: number;
}

export interface OutboxMessageRow {
  id: number;
  organisation_id: number;
  kind: string;
  dedupe_key: string;
  to_address: string;
  representative_id: number | null;
  user_id: number | null;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  attachments: string | null;
  status: string;
  attempts: number;
  next_attempt_at: Instant;
  locked_until: Instant | null;
  locked_by: string | null;
  last_error: string | null;
  sent_at: Instant | null;
  provider_message_id: string | null;
  delivered_via: string | null;
  created_at: Instant;
  bodies_purged_at: Instant | null;
}

export interface ParticipationLinkRow {
  id: number;
  organisation_id: number;
  representative_id: number;
  token_hash: string;
  created_at: Instant;
  expires_at: Instant;
}

export interface PasswordResetRow {
  id: number;
  organisation_id: number;
  user_id: number;
  token_hash: string;
  created_at: Instant;
  expires_at: Instant;
  used_at: Instant | null;
}

export interface PaymentCorrectionRow {
  id: number;
  organisation_id: number;
  representative_id: number;
  occurred_on: string;
  honorarium_before_ore: number;
  honorarium_after_ore: number;
  travel_before_ore: number;
  travel_after_ore: number;
  rule_version_before: number | null;
  rule_version_after: number | null;
  changed_by_user_id: number | null;
  changed_at: Instant;
}

export interface PaymentExportRow {
  id: number;
  organisation_id: number;
  period_from: string;
  period_to: string;
  exported_by_user_id: number | null;
  exported_at: Instant;
}

export interface ProjectPhaseChangeRow {
  id: number;
  organisation_id: number;
  project_id: number;
  from_phase: string | null;
  to_phase: string;
  changed_by_user_id: number | null;
  changed_at: Instant;
}

export interface ProjectRequirementRow {
  id: number;
  project_id: number;
  skill_id: number;
  must: Flag;
  min_level: number;
}

export interface ProjectRow {
  id: number;
  organisation_id: number;
  unit_id: number | null;
  owner_contact_id: number | null;
  facilitator_user_id: number | null;
  title: string;
  purpose: string;
  what_matters: string;
  phase: string;
  target_level: string;
  seats: number;
  starts_on: string | null;
  ends_on: string | null;
  location: string;
  online: Flag;
  working_languages: string;
  sensitive_topic: Flag;
  honorarium_applies: Flag;
  copied_from_project_id: number | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface RateLimitRow {
  key: string;
  window_start: Instant;
  count: number;
  expires_at: Instant;
  blocked_until: Instant | null;
}

export interface RepresentativeRequestRow {
  id: number;
  organisation_id: number;
  representative_id: number;
  kind: string;
  created_at: Instant;
  handled_at: Instant | null;
  handled_by_user_id: number | null;
}

export interface RepresentativeSkillRow {
  representative_id: number;
  skill_id: number;
  level: number;
  since: string | null;
  expires_on: string | null;
}

export interface RepresentativeStatusChangeRow {
  id: number;
  organisation_id: number;
  representative_id: number;
  from_status: string | null;
  to_status: string;
  paused_until: string | null;
  reason: string;
  changed_by_user_id: number | null;
  changed_at: Instant;
  changed_by: string | null;
}

export interface RepresentativeRow {
  id: number;
  organisation_id: number;
  area_id: number | null;
  name: string;
  search_key: string;
  sort_key: string;
  email: string | null;
  phone: string | null;
  locale: string;
  kind: string;
  status: string;
  paused_until: string | null;
  area: string;
  nominating_organisation: string;
  term_start: string | null;
  term_end: string | null;
  languages: string;
  accessibility_needs: string;
  preferred_contact: string;
  postal_address: string;
  load_cap: number | null;
  age_band: string | null;
  gender: string | null;
  notes: string;
  email_undeliverable: Flag;
  last_reviewed_at: Instant | null;
  erased_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  contact_user_id: number | null;
}

export interface SessionRow {
  id_hash: string;
  organisation_id: number | null;
  user_id: number | null;
  data: string;
  created_at: Instant;
  last_seen_at: Instant;
  expires_at: Instant;
  device: string;
  signed_in_with: string;
}

export interface UserSecondFactorRow {
  id: number;
  organisation_id: number;
  user_id: number;
  kind: string;
  secret: string;
  last_step: number | string;
  created_at: Instant;
  last_used_at: Instant | null;
}

export interface UserRecoveryCodeRow {
  id: number;
  user_id: number;
  code_hash: string;
  created_at: Instant;
  used_at: Instant | null;
}

export interface OrganisationSsoRow {
  organisation_id: number;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  passwords_allowed: Flag;
  updated_at: Instant;
  last_error: string | null;
  last_error_at: Instant | null;
}

export interface UserIdentityRow {
  id: number;
  organisation_id: number;
  user_id: number;
  issuer: string;
  subject: string;
  created_at: Instant;
  last_used_at: Instant | null;
}

export interface SsoRequestRow {
  id: number;
  organisation_id: number;
  issuer: string;
  subject: string;
  email: string;
  name: string;
  email_verified: Flag;
  status: string;
  created_at: Instant;
  last_seen_at: Instant;
  handled_by_user_id: number | null;
  handled_at: Instant | null;
}

export interface WelcomeLinkRow {
  id: number;
  organisation_id: number;
  user_id: number;
  token_hash: string;
  created_at: Instant;
  expires_at: Instant;
  used_at: Instant | null;
}

export interface SkillRow {
  id: number;
  organisation_id: number;
  name_nb: string;
  name_nn: string | null;
  name_en: string;
  category: string;
  archived: Flag;
  created_at: Instant;
}

export interface UnitRow {
  id: number;
  organisation_id: number;
  name: string;
  kind: string;
  archived: Flag;
  created_at: Instant;
}

export interface UserRow {
  id: number;
  organisation_id: number;
  name: string;
  email: string;
  role: string;
  password_hash: string | null;
  locale: string;
  active: Flag;
  must_change_password: Flag;
  created_at: Instant;
  updated_at: Instant;
  last_sign_in_at: Instant | null;
  password_changed_at: Instant | null;
  notify_answers: Flag;
  weekly_digest: Flag;
  phone: string;
  calendar_token_hash: string | null;
  calendar_token_created_at: Instant | null;
}

export interface WorklistMarkRow {
  id: number;
  organisation_id: number;
  item_key: string;
  state: string;
  snoozed_until: string | Date | null;
  marked_by_user_id: number | null;
  marked_at: Instant;
}

export interface ReportSummaryRow {
  id: number;
  organisation_id: number;
  period_kind: string;
  period_start: string | Date;
  title: string;
  body: string;
  author_user_id: number | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface ShareLinkRow {
  id: number;
  organisation_id: number;
  token_hash: string;
  kind: string;
  target: string;
  project_id: number | null;
  created_by_user_id: number | null;
  created_at: Instant;
  expires_at: Instant;
  revoked_at: Instant | null;
  views: number;
}

export interface SurveyRow {
  id: number;
  organisation_id: number;
  project_id: number;
  meeting_id: number | null;
  trigger: string;
  created_by_user_id: number | null;
  created_at: Instant;
  remind_at: Instant;
  closes_at: Instant;
}

export interface SurveyLinkRow {
  id: number;
  organisation_id: number;
  survey_id: number;
  representative_id: number;
  token_hash: string;
  reminder_token_hash: string | null;
  locale: string;
  reminded: Flag;
  answered: Flag;
}

export interface SurveyAnswerRow {
  id: number;
  organisation_id: number;
  survey_id: number;
  project_id: number;
  answered_on: string | Date;
  prepared: number | null;
  listened: number | null;
  difference: number | null;
  equal: number | null;
  again: number | null;
  free_text: string;
}

export interface AreaRow {
  id: number;
  organisation_id: number;
  name: string;
  name_key: string;
  archived_at: Instant | null;
  created_at: Instant;
}

export interface PopulationShareRow {
  organisation_id: number;
  dimension: string;
  category: string;
  share_tenths: number;
}

export interface PopulationSourceRow {
  organisation_id: number;
  dimension: string;
  source: string;
  year: number;
  updated_at: Instant;
}

export interface UnitRequestRow {
  id: number;
  organisation_id: number;
  unit_name: string;
  improve: string;
  status: string;
  project_id: number | null;
  contact_email: string;
  created_at: Instant;
}

export interface TestTables {
  audit_events: AuditEventRow;
  consents: ConsentRow;
  contact_notes: ContactNoteRow;
  contacts: ContactRow;
  email_changes: EmailChangeRow;
  honorarium_rule_versions: HonorariumRuleVersionRow;
  impact_representatives: ImpactRepresentativeRow;
  impacts: ImpactRow;
  import_batches: ImportBatchRow;
  invitations: InvitationRow;
  involvements: InvolvementRow;
  job_runs: JobRunRow;
  jobs: JobRow;
  meetings: MeetingRow;
  organisations: OrganisationRow;
  outbox_messages: OutboxMessageRow;
  participation_links: ParticipationLinkRow;
  password_resets: PasswordResetRow;
  payment_corrections: PaymentCorrectionRow;
  payment_exports: PaymentExportRow;
  project_phase_changes: ProjectPhaseChangeRow;
  project_requirements: ProjectRequirementRow;
  projects: ProjectRow;
  rate_limits: RateLimitRow;
  representative_requests: RepresentativeRequestRow;
  representative_skills: RepresentativeSkillRow;
  representative_status_changes: RepresentativeStatusChangeRow;
  representatives: RepresentativeRow;
  sessions: SessionRow;
  skills: SkillRow;
  units: UnitRow;
  users: UserRow;
  worklist_marks: WorklistMarkRow;
  report_summaries: ReportSummaryRow;
  share_links: ShareLinkRow;
  unit_requests: UnitRequestRow;
  surveys: SurveyRow;
  survey_links: SurveyLinkRow;
  survey_answers: SurveyAnswerRow;
  user_second_factors: UserSecondFactorRow;
  user_recovery_codes: UserRecoveryCodeRow;
  welcome_links: WelcomeLinkRow;
  organisation_sso: OrganisationSsoRow;
  user_identities: UserIdentityRow;
  sso_requests: SsoRequestRow;
  areas: AreaRow;
  population_shares: PopulationShareRow;
  population_sources: PopulationSourceRow;
}

/** A query on one table whose rows are typed (`.first()` gives the row or undefined). */
export function table<T extends keyof TestTables>(db: Db, name: T): Knex.QueryBuilder<TestTables[T], TestTables[T][]> {
  return db<TestTables[T], TestTables[T][]>(name);
}

/** The row a query found; fails the test when it found none. */
export async function one<T>(query: PromiseLike<T>): Promise<NonNullable<T>> {
  const row = await query;
  if (row === undefined || row === null) throw new Error('expected a row, found none');
  return row;
}
