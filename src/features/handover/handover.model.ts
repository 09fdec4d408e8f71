import type { Tx } from '../../lib/transact.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { CurrentUser } from '../users/users.types.js';

/** A project someone is facilitator of, as a hand-over lists it. */
export interface HeldProject {
  id: number;
  title: string;
}

/** What a hand-over of everything would move, shown before it happens. */
export interface HandOverPreview {
  from: { id: number; name: string };
  projects: HeldProject[];
  people: number;
}

/**
 * A representative's contact person, as the roster's form sets it: the roster feature asks through this port
 * (the hand-over feature implements it), so a changed contact person is a hand-over wherever it is made.
 */
export interface ContactPersons {
  /** Why this user cannot be the contact person (not an active facilitator or admin of the organisation), if so. */
  problem(actor: CurrentUser, userId: number | null, current: number | null): Promise<FieldProblem | undefined>;
  /** Sets the contact person in the caller's transaction; a change is audited and e-mailed to the new one. */
  assign(actor: CurrentUser, representativeId: number, from: number | null, to: number | null, tx: Tx): Promise<void>;
  /**
   * Sets one contact person for many people (the roster's bulk change) in the caller's transaction: audited per
   * person, with one e-mail to the new contact person saying how many.
   */
  assignMany(actor: CurrentUser, people: Array<{ id: number; from: number | null }>, to: number, tx: Tx): Promise<void>;
}
