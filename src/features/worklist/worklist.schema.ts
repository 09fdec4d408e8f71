import { DateTime } from 'luxon';
import { z } from 'zod';
import { ITEM_KEY_PATTERN, URGENCIES, VIEWS } from './worklist.model.js';

const key = z.string().max(200).regex(ITEM_KEY_PATTERN, 'forms.invalid');
/** The view the form was posted from, to go back to it. */
const view = z.enum(VIEWS).optional().catch(undefined);
/** The group shown in full when the form was posted (see GROUP_SHOWN), to go back to it. */
const group = z.enum(URGENCIES).optional().catch(undefined);

/** "Done" or "take the mark off" on one worklist item. */
export const markSchema = z.object({ key, view, group });

/** "Snooze until <day>" on one worklist item: a real calendar day (the service checks it is ahead and near). */
export const snoozeSchema = z.object({
  key,
  view,
  group,
  until: z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid, 'worklist.errors.until'),
});
