import { LOCALES } from '../../config.js';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { typedValues, validateForm, type FieldError, problemErrors } from '../../lib/forms.js';
import { parseId, requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { UNIT_KINDS } from './units.model.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const unitSchema = z.object({
  name: z.string().trim().min(1, 'units.errors.nameRequired').max(200, 'units.errors.nameTooLong'),
  kind: z.enum(UNIT_KINDS, 'units.errors.kindRequired'),
});
const contactSchema = z.object({
  name: z.string().trim().min(1, 'contacts.errors.nameRequired').max(200, 'contacts.errors.tooLong'),
  title: z.string().trim().max(200, 'contacts.errors.tooLong').default(''),
  unitId: z
    .string()
    .optional()
    .refine((v) => !v || /^[1-9][0-9]{0,9}$/.test(v), 'contacts.errors.unitUnknown')
    .transform((v) => (v ? Number(v) : null)),
  email: z
    .string()
    .trim()
    .max(254, 'contacts.errors.emailInvalid')
    .optional()
    .refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v), 'contacts.errors.emailInvalid')
    .transform((v) => v || null),
  phone: z
    .string()
    .trim()
    .max(30, 'contacts.errors.phoneInvalid')
    .optional()
    .refine(
      (v) => !v || (/^\+?[0-9 ()-]+$/.test(v) && v.replace(/\D/g, '').length >= 8),
      'contacts.errors.phoneInvalid',
    )
    .transform((v) => v || null),
  locale: z
    .enum(['', ...LOCALES], 'contacts.errors.locale')
    .optional()
    .transform((v) => (v ? v : null)),
  champion: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
});
const noteSchema = z
  .object({
    notedOn: z.string().regex(ISO_DATE, 'contacts.errors.dateInvalid'),
    discussed: z.string().trim().min(1, 'contacts.errors.discussedRequired').max(5000, 'contacts.errors.tooLong'),
    nextStep: z.string().trim().max(1000, 'contacts.errors.tooLong').default(''),
    followUpOn: z
      .string()
      .optional()
      .refine((v) => !v || ISO_DATE.test(v), 'contacts.errors.dateInvalid')
      .transform((v) => v || null),
  })
  .refine((v) => !v.followUpOn || v.followUpOn >= v.notedOn, {
    path: ['followUpOn'],
    message: 'contacts.errors.followUpBeforeNote',
  });

/** /units and /contacts: the organisation's services and the professionals facilitators engage. */
export function unitsRoutes(services: Services): Router {
  const router = Router();
  const units = services.unitsService;
  router.use(['/units', '/contacts'], requireRole('facilitator', 'admin'));

  const renderUnits = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: FieldError[],
  ) =>
    res.status(status).render('units/list', {
      title: req.t('units.title'),
      units: await units.units(req.user!),
      kinds: UNIT_KINDS,
      values,
      errors,
    });

  router.get('/units', (req, res) => renderUnits(req, res, 200, { kind: 'home_care' }, []));
  router.post('/units', async (req, res) => {
    const form = validateForm(unitSchema, req.body, req.t);
    if (!form.ok) return renderUnits(req, res, 422, typedValues(req.body), form.errors);
    await units.createUnit(req.user!, form.data);
    req.flash('success', 'units.created');
    res.redirect(303, '/units');
  });
  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    router.post(`/units/:id/${action}`, async (req, res) => {
      await units.updateUnit(req.user!, requireId(req.params.id), { archived });
      res.redirect(303, '/units');
    });
  }

  router.get('/contacts', async (req, res) => {
    const unitId = parseId(req.query.unit);
    const champion = req.query.champion === 'yes';
    res.render('contacts/list', {
      title: req.t('contacts.title'),
      contacts: await units.contacts(req.user!, { unitId, champion }),
      units: await units.units(req.user!),
      filter: { unit: unitId ?? '', champion },
    });
  });

  const renderContactForm = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: FieldError[],
    contactId?: number,
  ) =>
    res.status(status).render('contacts/form', {
      title: req.t(contactId ? 'contacts.edit.title' : 'contacts.new.title'),
      values,
      errors,
      contactId,
      units: (await units.units(req.user!)).filter((u) => !u.archived || String(u.id) === values.unitId),
    });

  router.get('/contacts/new', (req, res) => renderContactForm(req, res, 200, {}, []));
  router.post('/contacts/new', async (req, res) => {
    const form = validateForm(contactSchema, req.body, req.t);
    if (!form.ok) return renderContactForm(req, res, 422, typedValues(req.body), form.errors);
    const result = await units.saveContact(req.user!, undefined, form.data);
    if (typeof result !== 'number')
      return renderContactForm(req, res, 422, typedValues(req.body), problemErrors(req.t, result));
    req.flash('success', 'contacts.saved');
    res.redirect(303, `/contacts/${result}`);
  });

  const renderContact = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const { contact, notes } = await units.contact(req.user!, requireId(req.params.id));
    res.status(status).render('contacts/show', { title: contact.name, contact, notes, values, errors });
  };
  router.get('/contacts/:id', (req, res) =>
    renderContact(req, res, 200, { notedOn: services.clock.now().setZone(req.user!.timeZone).toISODate()! }, []),
  );

  router.get('/contacts/:id/edit', async (req, res) => {
    const { contact } = await units.contact(req.user!, requireId(req.params.id));
    await renderContactForm(
      req,
      res,
      200,
      {
        name: contact.name,
        title: contact.title,
        unitId: contact.unitId ? String(contact.unitId) : '',
        email: contact.email ?? '',
        phone: contact.phone ?? '',
        locale: contact.locale ?? '',
        champion: contact.champion ? 'on' : '',
      },
      [],
      contact.id,
    );
  });
  router.post('/contacts/:id/edit', async (req, res) => {
    const contactId = requireId(req.params.id);
    await units.contact(req.user!, contactId);
    const form = validateForm(contactSchema, req.body, req.t);
    if (!form.ok) return renderContactForm(req, res, 422, typedValues(req.body), form.errors, contactId);
    const result = await units.saveContact(req.user!, contactId, form.data);
    if (typeof result !== 'number')
      return renderContactForm(req, res, 422, typedValues(req.body), problemErrors(req.t, result), contactId);
    req.flash('success', 'contacts.saved');
    res.redirect(303, `/contacts/${contactId}`);
  });

  router.post('/contacts/:id/notes', async (req, res) => {
    const contactId = requireId(req.params.id);
    const form = validateForm(noteSchema, req.body, req.t);
    if (!form.ok) return renderContact(req, res, 422, typedValues(req.body), form.errors);
    await units.addNote(req.user!, contactId, form.data);
    req.flash('success', 'contacts.noteAdded');
    res.redirect(303, `/contacts/${contactId}`);
  });
  router.post('/contacts/:id/notes/:noteId/done', async (req, res) => {
    const contactId = requireId(req.params.id);
    await units.markFollowedUp(req.user!, contactId, requireId(req.params.noteId));
    res.redirect(303, `/contacts/${contactId}`);
  });
  return router;
}
