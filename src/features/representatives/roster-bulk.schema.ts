import { z } from 'zod';
import { CONSENT_METHODS, CONSENT_PURPOSES, STATUSES } from './representatives.model.js';
import { BULK_ACTIONS } from './roster-bulk.js';
import type { BulkRequest } from './roster-bulk.service.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[1-9][0-9]{0,9}$/;
const id = (key: string) => z.string(key).regex(ID, key).transform(Number);

/** The ticked people: repeated `ids` fields; anything that is not an id is not a person and is dropped. */
export const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => ID.test(s)).map(Number));

/** Who: only the ticked people, or all that the roster's filter (in hidden fields) matches; and which action. */
export const bulkSelectionSchema = z.object({
  bulkScope: z.enum(['selected', 'all'], 'bulk.errors.scopeRequired'),
  bulkAction: z.enum(BULK_ACTIONS, 'bulk.errors.actionRequired'),
  ids: idList,
});

const addSkill = z.object({
  bulkSkillId: id('representatives.errors.skillUnknown'),
  bulkLevel: z.enum(['1', '2', '3'], 'representatives.errors.levelInvalid').transform(Number),
});
const removeSkill = z.object({ bulkSkillId: id('representatives.errors.skillUnknown') });
const consent = z.object({
  bulkPurpose: z.enum(CONSENT_PURPOSES, 'representatives.errors.purposeRequired'),
  bulkMethod: z.enum(CONSENT_METHODS, 'representatives.errors.consentMethodRequired'),
});
const status = z.object({
  bulkStatus: z.enum(STATUSES, 'representatives.errors.statusRequired'),
  bulkPausedUntil: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => !v || (ISO_DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
      'representatives.errors.dateInvalid',
    )
    .transform((v) => v || null),
  bulkReason: z.string().trim().max(500, 'representatives.errors.tooLong').default(''),
});
const contact = z.object({ bulkContact: id('bulk.errors.contactUnknown') });
const shortlist = z.object({ bulkProject: id('bulk.errors.projectUnknown') });

/** The action's own fields, by action: each form validates only the fields of the action chosen. */
export const bulkActionSchemas = {
  addSkill: addSkill.transform((v): BulkRequest => ({ kind: 'addSkill', skillId: v.bulkSkillId, level: v.bulkLevel })),
  removeSkill: removeSkill.transform((v): BulkRequest => ({ kind: 'removeSkill', skillId: v.bulkSkillId })),
  consent: consent.transform((v): BulkRequest => ({ kind: 'consent', purpose: v.bulkPurpose, method: v.bulkMethod })),
  status: status.transform((v): BulkRequest => ({
    kind: 'status',
    status: v.bulkStatus,
    pausedUntil: v.bulkPausedUntil,
    reason: v.bulkReason,
  })),
  contact: contact.transform((v): BulkRequest => ({ kind: 'contact', userId: v.bulkContact })),
  shortlist: shortlist.transform((v): BulkRequest => ({ kind: 'shortlist', projectId: v.bulkProject })),
};

/** The count the user confirmed (the change is refused if the roster moved since). */
export const bulkConfirmSchema = z.object({
  expected: z
    .string()
    .regex(/^\d{1,6}$/, 'bulk.errors.changed')
    .transform(Number),
});
