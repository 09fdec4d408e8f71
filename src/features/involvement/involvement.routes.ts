import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { formatDecimalInput } from '../../lib/decimals.js';
import { formatNumber } from '../../lib/i18n.js';
import { problemErrors, typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { LEVELS } from '../projects/projects.model.js';
import { ACTIVITIES, type Involvement } from './involvement.model.js';
import { attendanceSchema, entrySchema, kroner } from './involvement.schema.js';
import type { EntryInput } from './involvement.service.js';

/** A number as typed back into a form: a decimal comma in Norwegian. */
const typedNumber = formatDecimalInput;

const entryValues = (e: Involvement, locale: string): Record<string, string> => ({
  representativeId: String(e.representativeId),
  occurredOn: e.occurredOn,
  activity: e.activity,
  hours: typedNumber(e.minutes / 60, locale),
  preparationHours: e.preparationMinutes ? typedNumber(e.preparationMinutes / 60, locale) : '',
  levelDelivered: e.levelDelivered,
  attended: e.attended ? 'on' : '',
  inPerson: e.inPerson ? 'on' : '',
  asPartOfPaidJob: e.asPartOfPaidJob ? 'on' : '',
  paymentDeclined: e.paymentDeclined ? 'on' : '',
  travelCost: e.travelCostOre ? typedNumber(e.travelCostOre / 100, locale, 2) : '',
  note: e.note,
});

const toEntryInput = (data: ReturnType<typeof entrySchema.parse>): EntryInput => ({
  representativeId: data.representativeId,
  occurredOn: data.occurredOn,
  activity: data.activity,
  minutes: data.hours,
  preparationMinutes: data.preparationHours,
  levelDelivered: data.levelDelivered,
  attended: data.attended,
  inPerson: data.inPerson,
  asPartOfPaidJob: data.asPartOfPaidJob,
  paymentDeclined: data.paymentDeclined,
  travelCostOre: data.travelCost,
  note: data.note,
});

/** Attendance per meeting, single entries, edits and deletions, and the payment list for the finance office. */
export function involvementRoutes(services: Services): Router {
  const router = Router();
  const involvement = services.involvementService;
  const staff = requireRole('facilitator', 'admin');

  // ---- attendance for one meeting: the whole team in one form
  const renderAttendance = async (
    req: Request,
    res: Response,
    status: number,
    values?: Record<string, string>,
    errors: FieldError[] = [],
  ) => {
    const view = await involvement.attendance(req.user!, requireId(req.params.id), requireId(req.params.meetingId));
    const logged = new Map(view.logged.map((e) => [e.representativeId, e]));
    const first = view.logged[0];
    const defaults: Record<string, string> = {
      activity: first?.activity ?? 'meeting',
      hours: typedNumber(
        first ? first.minutes / 60 : (Date.parse(view.meeting.endsAt) - Date.parse(view.meeting.startsAt)) / 3_600_000,
        req.locale,
      ),
      preparationHours: first?.preparationMinutes ? typedNumber(first.preparationMinutes / 60, req.locale) : '',
      levelDelivered: first?.levelDelivered ?? view.project.targetLevel,
    };
    for (const person of view.team) {
      const e = logged.get(person.representativeId);
      const id = person.representativeId;
      defaults[`attended-${id}`] = !e || e.attended ? 'on' : '';
      defaults[`inPerson-${id}`] = !e || e.inPerson ? 'on' : '';
      defaults[`paidJob-${id}`] = e?.asPartOfPaidJob ? 'on' : '';
      defaults[`declined-${id}`] = e?.paymentDeclined ? 'on' : '';
      defaults[`travel-${id}`] = e?.travelCostOre ? typedNumber(e.travelCostOre / 100, req.locale, 2) : '';
    }
    res.status(status).render('involvement/attendance', {
      title: req.t('involvement.attendance.title', { project: view.project.title }),
      ...view,
      logged: Object.fromEntries(logged),
      activities: ACTIVITIES,
      levels: LEVELS,
      values: values ?? defaults,
      errors,
      money: (ore: number) =>
        formatNumber(ore / 100, req.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    });
  };

  router.get('/projects/:id/meetings/:meetingId/attendance', staff, (req, res) => renderAttendance(req, res, 200));

  router.post('/projects/:id/meetings/:meetingId/attendance', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const meetingId = requireId(req.params.meetingId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const shared = validateForm(attendanceSchema, body, req.t);
    const { team } = await involvement.attendance(req.user!, projectId, meetingId);
    const errors: FieldError[] = shared.ok ? [] : [...shared.errors];
    const people = team.map((person) => {
      const id = person.representativeId;
      const travel = kroner('involvement.errors.travel').safeParse(body[`travel-${id}`] ?? '');
      if (!travel.success) errors.push({ field: `travel-${id}`, message: req.t('involvement.errors.travel') });
      return {
        representativeId: id,
        attended: body[`attended-${id}`] === 'on',
        inPerson: body[`inPerson-${id}`] === 'on',
        asPartOfPaidJob: body[`paidJob-${id}`] === 'on',
        paymentDeclined: body[`declined-${id}`] === 'on',
        travelCostOre: travel.success ? travel.data : 0,
      };
    });
    if (!shared.ok || errors.length) return renderAttendance(req, res, 422, typedValues(body), errors);
    const problem = await involvement.logAttendance(req.user!, projectId, meetingId, {
      activity: shared.data.activity,
      minutes: shared.data.hours,
      preparationMinutes: shared.data.preparationHours,
      levelDelivered: shared.data.levelDelivered,
      people,
    });
    if (problem) return renderAttendance(req, res, 422, typedValues(body), problemErrors(req.t, problem));
    req.flash('success', 'involvement.attendance.saved');
    res.redirect(303, `/projects/${projectId}/meetings/${meetingId}/attendance`);
  });

  // ---- the project's involvement log, and single entries
  const renderLog = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string> = {},
    errors: FieldError[] = [],
    editing?: Involvement,
  ) => {
    const view = await involvement.list(req.user!, requireId(req.params.id));
    res.status(status).render(editing ? 'involvement/edit' : 'involvement/list', {
      title: req.t('involvement.log.title', { project: view.project.title }),
      ...view,
      editing,
      activities: ACTIVITIES,
      levels: LEVELS,
      values: {
        occurredOn: services.clock.now().setZone(req.user!.timeZone).toISODate()!,
        activity: 'document_review',
        levelDelivered: view.project.targetLevel,
        attended: 'on',
        ...values,
      },
      errors,
      money: (ore: number) =>
        formatNumber(ore / 100, req.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    });
  };

  router.get('/projects/:id/involvement', staff, (req, res) => renderLog(req, res, 200));

  router.post('/projects/:id/involvement', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const form = validateForm(entrySchema, req.body, req.t);
    if (!form.ok) return renderLog(req, res, 422, typedValues(req.body), form.errors);
    const problem = await involvement.addEntry(req.user!, projectId, toEntryInput(form.data));
    if (problem) return renderLog(req, res, 422, typedValues(req.body), problemErrors(req.t, problem));
    req.flash('success', 'involvement.log.added');
    res.redirect(303, `/projects/${projectId}/involvement`);
  });

  router.get('/projects/:id/involvement/:entryId/edit', staff, async (req, res) => {
    const entry = await involvement.get(req.user!, requireId(req.params.id), requireId(req.params.entryId));
    await renderLog(req, res, 200, entryValues(entry, req.locale), [], entry);
  });

  router.post('/projects/:id/involvement/:entryId/edit', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const entry = await involvement.get(req.user!, projectId, requireId(req.params.entryId));
    const form = validateForm(entrySchema, req.body, req.t);
    if (!form.ok) return renderLog(req, res, 422, typedValues(req.body), form.errors, entry);
    const problem = await involvement.updateEntry(req.user!, projectId, entry.id, toEntryInput(form.data));
    if (problem) return renderLog(req, res, 422, typedValues(req.body), problemErrors(req.t, problem), entry);
    req.flash('success', 'involvement.log.updated');
    res.redirect(303, `/projects/${projectId}/involvement`);
  });

  router.post('/projects/:id/involvement/:entryId/delete', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    await involvement.deleteEntry(req.user!, projectId, requireId(req.params.entryId));
    req.flash('success', 'involvement.log.deleted');
    res.redirect(303, `/projects/${projectId}/involvement`);
  });

  return router;
}
