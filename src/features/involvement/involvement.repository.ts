import type { Db } from '../../db.js';
import { insertReturningIds } from '../../db.js';
import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';

export const ACTIVITIES = [
  'meeting',
  'workshop',
  'document_review',
  'interview',
  'survey',
  'training',
  'other',
] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** What is recorded about one person's involvement (minutes and øre: whole numbers on both engines). */
export interface InvolvementInput {
  representativeId: number;
  meetingId: number | null;
  occurredOn: string;
  activity: Activity;
  minutes: number;
  preparationMinutes: number;
  levelDelivered: string;
  attended: boolean;
  inPerson: boolean;
  asPartOfPaidJob: boolean;
  travelCostOre: number;
  paymentDeclined: boolean;
  honorariumOre: number;
  honorariumRuleVersion: number;
  note: string;
}

export interface Involvement extends InvolvementInput {
  id: number;
  projectId: number;
  name: string;
  projectTitle: string;
}

export interface PaymentRow {
  representativeId: number;
  name: string;
  postalAddress: string;
  entries: number;
  minutes: number;
  honorariumOre: number;
  travelCostOre: number;
}

type Row = Record<string, unknown>;

const toInvolvement = (r: Row): Involvement => ({
  id: toNumber(r.id),
  projectId: toNumber(r.project_id),
  representativeId: toNumber(r.representative_id),
  meetingId: r.meeting_id === null ? null : toNumber(r.meeting_id),
  occurredOn: toIsoDate(r.occurred_on)!,
  activity: r.activity as Activity,
  minutes: toNumber(r.minutes),
  preparationMinutes: toNumber(r.preparation_minutes),
  levelDelivered: r.level_delivered as string,
  attended: toBool(r.attended),
  inPerson: toBool(r.in_person),
  asPartOfPaidJob: toBool(r.as_part_of_paid_job),
  travelCostOre: toNumber(r.travel_cost_ore),
  paymentDeclined: toBool(r.payment_declined),
  honorariumOre: toNumber(r.honorarium_ore),
  honorariumRuleVersion: toNumber(r.honorarium_rule_version),
  note: (r.note as string) ?? '',
  name: r.name as string,
  projectTitle: (r.project_title as string) ?? '',
});

const toRow = (input: InvolvementInput) => ({
  representative_id: input.representativeId,
  meeting_id: input.meetingId,
  occurred_on: input.occurredOn,
  activity: input.activity,
  minutes: input.minutes,
  preparation_minutes: input.preparationMinutes,
  level_delivered: input.levelDelivered,
  attended: input.attended,
  in_person: input.inPerson,
  as_part_of_paid_job: input.asPartOfPaidJob,
  travel_cost_ore: input.travelCostOre,
  payment_declined: input.paymentDeclined,
  honorarium_ore: input.honorariumOre,
  honorarium_rule_version: input.honorariumRuleVersion,
  note: input.note,
});

/** The involvement log. Every query takes the organisation. */
export class InvolvementRepository {
  constructor(private readonly db: Db) {}

  private base(organisationId: number) {
    return this.db('involvements as v')
      .join('representatives as r', 'r.id', 'v.representative_id')
      .join('projects as p', 'p.id', 'v.project_id')
      .where('v.organisation_id', organisationId)
      .select('v.*', 'r.name', 'p.title as project_title');
  }

  async forProject(organisationId: number, projectId: number): Promise<Involvement[]> {
    const rows = (await this.base(organisationId)
      .where('v.project_id', projectId)
      .orderBy([{ column: 'v.occurred_on', order: 'desc' }, { column: 'r.sort_key' }])) as Row[];
    return rows.map(toInvolvement);
  }

  async forMeeting(organisationId: number, meetingId: number): Promise<Involvement[]> {
    const rows = (await this.base(organisationId).where('v.meeting_id', meetingId).orderBy('r.sort_key')) as Row[];
    return rows.map(toInvolvement);
  }

  async forRepresentative(organisationId: number, representativeId: number): Promise<Involvement[]> {
    const rows = (await this.base(organisationId)
      .where('v.representative_id', representativeId)
      .orderBy('v.occurred_on', 'desc')) as Row[];
    return rows.map(toInvolvement);
  }

  async find(organisationId: number, id: number): Promise<Involvement | undefined> {
    const row = (await this.base(organisationId).where('v.id', id).first()) as Row | undefined;
    return row ? toInvolvement(row) : undefined;
  }

  /** The entry of one person at one meeting, if logged: the attendance form updates it. */
  async idAtMeeting(meetingId: number, representativeId: number, trx: Db): Promise<number | undefined> {
    const row = await trx('involvements')
      .where({ meeting_id: meetingId, representative_id: representativeId })
      .first('id');
    return row ? toNumber(row.id) : undefined;
  }

  async insert(
    organisationId: number,
    projectId: number,
    input: InvolvementInput,
    userId: number,
    now: string,
    trx: Db,
  ) {
    const [id] = await insertReturningIds(trx, 'involvements', [
      {
        ...toRow(input),
        organisation_id: organisationId,
        project_id: projectId,
        recorded_by_user_id: userId,
        created_at: now,
        updated_at: now,
      },
    ]);
    return id!;
  }

  async update(organisationId: number, id: number, input: InvolvementInput, userId: number, now: string, trx: Db) {
    await trx('involvements')
      .where({ organisation_id: organisationId, id })
      .update({ ...toRow(input), recorded_by_user_id: userId, updated_at: now });
  }

  async delete(organisationId: number, id: number, trx: Db): Promise<void> {
    await trx('involvements').where({ organisation_id: organisationId, id }).delete();
  }

  /** What each person is owed for involvement in a period: for the finance office. */
  async payments(organisationId: number, from: string, to: string): Promise<PaymentRow[]> {
    const rows = (await this.db('involvements as v')
      .join('representatives as r', 'r.id', 'v.representative_id')
      .where('v.organisation_id', organisationId)
      .where('v.occurred_on', '>=', from)
      .where('v.occurred_on', '<=', to)
      .where((q) => q.where('v.honorarium_ore', '>', 0).orWhere('v.travel_cost_ore', '>', 0))
      .groupBy('r.id', 'r.name', 'r.postal_address', 'r.sort_key')
      .orderBy('r.sort_key')
      .select(
        'r.id',
        'r.name',
        'r.postal_address',
        this.db.raw('count(*) as entries'),
        this.db.raw('sum(v.minutes) as minutes'),
        this.db.raw('sum(v.honorarium_ore) as honorarium_ore'),
        this.db.raw('sum(v.travel_cost_ore) as travel_cost_ore'),
      )) as Row[];
    return rows.map((r) => ({
      representativeId: toNumber(r.id),
      name: r.name as string,
      postalAddress: (r.postal_address as string) ?? '',
      entries: toNumber(r.entries),
      minutes: toNumber(r.minutes),
      honorariumOre: toNumber(r.honorarium_ore),
      travelCostOre: toNumber(r.travel_cost_ore),
    }));
  }

  /** After an erasure the hours stay, under the pseudonym; what was written about the person goes. */
  async eraseNotes(organisationId: number, representativeId: number, trx: Db): Promise<void> {
    await trx('involvements')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .update({ note: '' });
  }
}
