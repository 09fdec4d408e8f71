/** The involvement log's vocabulary: activities, and an entry as recorded and as the pages show it. */
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
  /** The time the rules pay for (rounded, with the in-person minimum); 0 when nothing is paid. */
  paidMinutes: number;
  note: string;
}

export interface Involvement extends InvolvementInput {
  id: number;
  projectId: number;
  name: string;
  projectTitle: string;
}
