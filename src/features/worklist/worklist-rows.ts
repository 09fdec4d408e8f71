import { toNumber } from '../../lib/db-values.js';
import type { InvitationFact } from './worklist.model.js';

// The worklist's rows as its queries select them: an invitation with its project and person.

export interface InvitationFactRow {
  id: number | string;
  project_id: number | string;
  title: string;
  representative_id: number | string;
  name: string;
}

export const FACT_COLUMNS = ['i.id', 'i.project_id', 'p.title', 'i.representative_id', 'r.name'];

/** Each kind lists at most this many items (the page is a to-do list, not a report). */
export const LIMIT = 10;

export const invitationFact = (r: InvitationFactRow): InvitationFact => ({
  invitationId: toNumber(r.id),
  projectId: toNumber(r.project_id),
  title: r.title,
  representativeId: toNumber(r.representative_id),
  name: r.name,
});
