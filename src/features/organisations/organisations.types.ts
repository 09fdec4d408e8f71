import type { Tx } from '../../lib/transact.js';
import type { OrganisationSettings } from './settings.js';

/**
 * What other features read of an organisation: its settings (with the latest honorarium rules), name and time
 * zone. OrganisationsRepository implements it; features depend on this, not on the repository.
 */
export interface OrganisationDirectory {
  settings(organisationId: number, tx?: Tx): Promise<OrganisationSettings>;
  name(organisationId: number, tx?: Tx): Promise<string>;
  timeZone(organisationId: number, tx?: Tx): Promise<string>;
  /** Every organisation with its settings, for jobs that apply each organisation's rules. */
  allSettings(): Promise<Array<{ id: number; timeZone: string; settings: OrganisationSettings }>>;
}
