import type { Db } from '../../db.js';
import { insertReturningIds, on } from '../../db.js';
import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { Activity, Involvement, InvolvementInput } from './involvement.model.js';

/** An involvements row with the person's name and the project's title. */
interface InvolvementRow {
  id: number | string;
  project_id: number | string;
  representative_id: number | string;
  meeting_id: number | string | null;
  occurred_on: string | Date;
  activity: Activity;
  minutes: number | string;
  preparation_minutes: number | string;
  level_delivered: string;
  attended: boolean | number;
  in_person: boolean | number;
  as_part_of_paid_job: boolean | number;
  travel_cost_ore: number | string;
  payment_declined: boolean | number;
  honorarium_ore: number | string;
  honorarium_rule_version: number | string;
  paid_minutes: number | string;
  note: string | null;
  name: string;
  project_title: string | null;
}

const toInvolvement = (r: InvolvementRow): Involvement => ({
  id: toNumber(r.id),
  projectId: toNumber(r.project_id),
  representativeId: toNumber(r.representative_id),
  meetingId: r.meeting_id === null ? null : toNumber(r.meeting_id),
  occurredOn: toIsoDate(r.occurred_on)!,
  activity: r.activity,
  minutes: toNumber(r.minutes),
  preparationMinutes: toNumber(r.preparation_minutes),
  levelDelivered: r.level_delivered,
  attended: toBool(r.attended),
  inPerson: toBool(r.in_person),
  asPartOfPaidJob: toBool(r.as_part_of_paid_job),
  travelCostOre: toNumber(r.travel_cost_ore),
  paymentDeclined: toBool(r.payment_declined),
  honorariumOre: toNumber(r.honorarium_ore),
  honorariumRuleVersion: toNumber(r.honorarium_rule_version),
  paidMinutes: toNumber(r.paid_minutes),
  note: r.note ?? '',
  name: r.name,
  projectTitle: r.project_title ?? '',
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
  paid_minutes: input.paidMinutes,
  note: input.note,
});

/** The involvement log. Every query takes the organisation. */
export class InvolvementRepository {
  constructor(private readonly db: Db) {}

  private base(organisationId: number, tx?: Tx) {
    const db = on(this.db, tx);
    return db('involvements as v')
      .join('representatives as r', 'r.id', 'v.representative_id')
      .join('projects as p', 'p.id', 'v.project_id')
      .where('v.organisation_id', organisationId)
      .select('v.*', 'r.name', 'p.title as project_title');
  }

  async forProject(organisationId: number, projectId: number): Promise<Involvement[]> {
    const rows = (await this.base(organisationId)
      .where('v.project_id', projectId)
      .orderBy([{ column: 'v.occurred_on', order: 'desc' }, { column: 'r.sort_key' }])) as InvolvementRow[];
    return rows.map(toInvolvement);
  }

  async forMeeting(organisationId: number, meetingId: number): Promise<Involvement[]> {
    const rows = (await this.base(organisationId)
      .where('v.meeting_id', meetingId)
      .orderBy('r.sort_key')) as InvolvementRow[];
    return rows.map(toInvolvement);
  }

  async forRepresentative(organisationId: number, representativeId: number): Promise<Involvement[]> {
    const rows = (await this.base(organisationId)
      .where('v.representative_id', representativeId)
      .orderBy('v.occurred_on', 'desc')) as InvolvementRow[];
    return rows.map(toInvolvement);
  }

  async find(organisationId: number, id: number): Promise<Involvement | undefined> {
    const row = (await this.base(organisationId).where('v.id', id).first()) as InvolvementRow | undefined;
    return row ? toInvolvement(row) : undefined;
  }

  /** The entry of one person at one meeting, if logged: the attendance form updates it. */
  async idAtMeeting(meetingId: number, representativeId: number, tx?: Tx): Promise<number | undefined> {
    const db = on(this.db, tx);
    const row = await db('involvements')
      .where({ meeting_id: meetingId, representative_id: representativeId })
      .first<{ id: number | string } | undefined>('id');
    return row ? toNumber(row.id) : undefined;
  }

  async insert(
    organisationId: number,
    projectId: number,
    input: InvolvementInput,
    userId: number,
    now: string,
    tx?: Tx,
  ) {
    const [id] = await insertReturningIds(on(this.db, tx), 'involvements', [
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

  async update(organisationId: number, id: number, input: InvolvementInput, userId: number, now: string, tx?: Tx) {
    const db = on(this.db, tx);
    await db('involvements')
      .where({ organisation_id: organisationId, id })
      .update({ ...toRow(input), recorded_by_user_id: userId, updated_at: now });
  }

  async delete(organisationId: number, id: number, tx?: Tx): Promise<void> {
    await on(this.db, tx)('involvements').where({ organisation_id: organisationId, id }).delete();
  }

  /** The entries dated on or after a day: a new version of the honorarium rules from that day prices them anew. */
  async datedFrom(organisationId: number, date: string, tx?: Tx): Promise<Involvement[]> {
    const rows = (await this.base(organisationId, tx)
      .where('v.occurred_on', '>=', date)
      .orderBy('v.id')) as InvolvementRow[];
    return rows.map(toInvolvement);
  }

  /** An entry's honorarium computed anew (by another version of the rules); nothing else about it changes. */
  async reprice(
    organisationId: number,
    id: number,
    honorarium: { ore: number; paidMinutes: number; ruleVersion: number },
    tx?: Tx,
  ): Promise<void> {
    await on(this.db, tx)('involvements').where({ organisation_id: organisationId, id }).update({
      honorarium_ore: honorarium.ore,
      paid_minutes: honorarium.paidMinutes,
      honorarium_rule_version: honorarium.ruleVersion,
    });
  }

  /** After an erasure the hours stay, under the pseudonym; what was written about the person goes. */
  async eraseNotes(organisationId: number, representativeId: number, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('involvements')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .update({ note: '' });
  }
}
