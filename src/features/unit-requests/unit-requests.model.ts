/** A unit's request for involvement (issue 21, item 4), sent through the organisation's secret form address. */
export interface UnitRequestInput {
  unitName: string;
  improve: string;
  forWhom: string;
  whenText: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export type UnitRequestStatus = 'open' | 'project' | 'declined';

export interface UnitRequest extends UnitRequestInput {
  id: number;
  createdAt: string;
  status: UnitRequestStatus;
  projectId: number | null;
  handledAt: string | null;
  handledByName: string | null;
}
