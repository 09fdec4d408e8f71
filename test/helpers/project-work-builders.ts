import type { Db } from '../../src/db.js';
import { insertReturningIds } from '../../src/db.js';

// Builders for a project's work: its meetings, the invitations to it and the involvement recorded in it. Each
// writes only the columns a test names (plus the required ones), so that the database's defaults apply as they
// do for rows the app writes. Re-exported by builders.ts: import them from there.

/** Adds the value under the column name when the test gave one (undefined leaves the column to its default). */
function optional(row: Record<string, unknown>, columns: Record<string, unknown>): Record<string, unknown> {
  for (const [column, value] of Object.entries(columns)) if (value !== undefined) row[column] = value;
  return row;
}

export interface MeetingOverrides {
  startsAt: string;
  endsAt: string;
  place: string;
  onlineLink: string;
  agenda: string;
  sequence: number;
  cancelledAt: string | null;
}

/** A meeting in a project: by default on 1 March 2027, 10:00–12:00 in Oslo, at the town hall. */
export async function buildMeeting(
  db: Db,
  organisationId: number,
  projectId: number,
  overrides: Partial<MeetingOverrides> = {},
): Promise<number> {
  const [id] = await insertReturningIds(db, 'meetings', [
    optional(
      {
        organisation_id: organisationId,
        project_id: projectId,
        starts_at: overrides.startsAt ?? '2027-03-01T09:00:00.000Z',
        ends_at: overrides.endsAt ?? '2027-03-01T11:00:00.000Z',
        place: overrides.place ?? 'Rådhuset',
        online_link: overrides.onlineLink ?? '',
        agenda: overrides.agenda ?? '',
      },
      { sequence: overrides.sequence, cancelled_at: overrides.cancelledAt },
    ),
  ]);
  return id!;
}

export type InvitationStatus =
  'draft' | 'queued' | 'sent' | 'accepted' | 'waitlisted' | 'declined' | 'expired' | 'withdrawn' | 'undeliverable';

export interface InvitationOverrides {
  channel: 'email' | 'phone' | 'letter';
  sentAt: string | null;
  expiresAt: string | null;
  respondedAt: string | null;
  declineReason: string | null;
  declineText: string;
  note: string;
  tokenHash: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * An invitation of a person to a project, in the given status ('draft' is on the shortlist, 'accepted' on the
 * team), by e-mail unless another channel is asked.
 */
export async function buildInvitation(
  db: Db,
  organisationId: number,
  invitation: { projectId: number; representativeId: number; status: InvitationStatus },
  overrides: Partial<InvitationOverrides> = {},
): Promise<number> {
  const createdAt = overrides.createdAt ?? new Date().toISOString();
  const [id] = await insertReturningIds(db, 'invitations', [
    optional(
      {
        organisation_id: organisationId,
        project_id: invitation.projectId,
        representative_id: invitation.representativeId,
        status: invitation.status,
        channel: overrides.channel ?? 'email',
        created_at: createdAt,
        updated_at: overrides.updatedAt ?? createdAt,
      },
      {
        sent_at: overrides.sentAt,
        expires_at: overrides.expiresAt,
        responded_at: overrides.respondedAt,
        decline_reason: overrides.declineReason,
        decline_text: overrides.declineText,
        note: overrides.note,
        token_hash: overrides.tokenHash,
      },
    ),
  ]);
  return id!;
}

export interface InvolvementOverrides {
  meetingId: number | null;
  activity: string;
  minutes: number;
  preparationMinutes: number;
  levelDelivered: string;
  attended: boolean;
  inPerson: boolean;
  honorariumOre: number;
  honorariumRuleVersion: number;
  paidMinutes: number;
  travelCostOre: number;
  paymentDeclined: boolean;
  note: string;
  createdAt: string;
  updatedAt: string | null;
}

/**
 * A person's involvement in a project on a day: by default two hours at a meeting at the level "involve", with
 * the honorarium the database defaults to (none) unless one is given.
 */
export async function buildInvolvement(
  db: Db,
  organisationId: number,
  involvement: { projectId: number; representativeId: number; occurredOn: string },
  overrides: Partial<InvolvementOverrides> = {},
): Promise<number> {
  const [id] = await insertReturningIds(db, 'involvements', [
    optional(
      {
        organisation_id: organisationId,
        project_id: involvement.projectId,
        representative_id: involvement.representativeId,
        occurred_on: involvement.occurredOn,
        activity: overrides.activity ?? 'meeting',
        minutes: overrides.minutes ?? 120,
        level_delivered: overrides.levelDelivered ?? 'involve',
        created_at: overrides.createdAt ?? new Date().toISOString(),
      },
      {
        meeting_id: overrides.meetingId,
        preparation_minutes: overrides.preparationMinutes,
        attended: overrides.attended,
        in_person: overrides.inPerson,
        honorarium_ore: overrides.honorariumOre,
        honorarium_rule_version: overrides.honorariumRuleVersion,
        paid_minutes: overrides.paidMinutes,
        travel_cost_ore: overrides.travelCostOre,
        payment_declined: overrides.paymentDeclined,
        note: overrides.note,
        updated_at: overrides.updatedAt,
      },
    ),
  ]);
  return id!;
}
