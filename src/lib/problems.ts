/** What is wrong with one field of a form: the field's name and the catalog key of the message shown beside it. */
export interface FieldProblem {
  field: string;
  key: string;
  /** Values for the message's placeholders. */
  params?: Record<string, string | number>;
  /** For "already on the roster": the existing person's id, to link to. */
  existingId?: number;
}
