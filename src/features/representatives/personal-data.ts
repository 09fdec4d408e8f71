import type { Tx } from '../../lib/transact.js';

// The seam through which the data-rights duties reach the personal data other features hold: each such feature
// implements PersonalDataHolder in its own `<feature>.personal-data.ts`, and the composition root hands them, in
// the order their sections appear in the person's data document, to DataRightsService.

/** The person whose data is exported or erased. */
export interface DataSubject {
  organisationId: number;
  representativeId: number;
}

/** An erasure: the person, the pseudonym that replaces their name and address, and when it happens. */
export interface Erasure extends DataSubject {
  pseudonym: string;
  /** An ISO instant. */
  at: string;
}

/** A feature that holds personal data about representatives. */
export interface PersonalDataHolder {
  /** The section's name in the person's data document (art. 15/20). */
  readonly name: string;
  /** The section: what the feature holds about the person, as plain values. */
  exportFor(subject: DataSubject, tx?: Tx): Promise<unknown[]>;
  /** Erases what the feature holds about the person, in the erasure's transaction (art. 17). */
  eraseFor(erasure: Erasure, tx: Tx): Promise<void>;
}
