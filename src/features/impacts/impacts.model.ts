import { type Locale } from '../../config.js';
export const IMPACT_STATUSES = ['proposed', 'adopted', 'rejected'] as const;
export type ImpactStatus = (typeof IMPACT_STATUSES)[number];

export interface ImpactInput {
  whatSaid: string;
  whatChanged: string;
  status: ImpactStatus;
  rejectedReason: string;
  decidedOn: string | null;
  meetingId: number | null;
  representativeIds: number[];
}

export interface Impact extends ImpactInput {
  id: number;
  projectId: number;
  projectTitle: string;
  fedBackAt: string | null;
  people: Array<{ id: number; name: string }>;
}

export interface Recipient {
  id: number;
  name: string;
  email: string;
  locale: Locale;
}
