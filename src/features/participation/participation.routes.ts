import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import { notFound } from '../../lib/errors.js';
import { requireRole } from '../../middleware/roles.js';
import { linkGuard } from '../../middleware/link-guard.js';
import { applyLocale } from '../../middleware/locale.js';
import { LANGUAGES } from '../representatives/representatives.schema.js';
import type { RequestKind } from './participation.model.js';
import { ownContactSchema, pauseSchema, requestSchema } from './participation.schema.js';
import type { MeView } from './participation.service.js';

/** /me/:token: a representative's own page, without signing in; and the facilitators' handling of requests. */
export function participationRoutes(services: Services): Router {
  // /ME/… is not /me/…: the registry answers another spelling with 404 before the token is looked at
  const router = Router({ caseSensitive: true });
  const me = services.participationService;
  const link = linkGuard('/me', 'representative.link_refused', { audit: services.auditService });
  services.runtime.tokenRoutes.register(link);

  const refuse = async (req: Request, res: Response, view: Exclude<MeView, { kind: 'open' }>) => {
    await link.refused(req, view.kind);
    const key = view.kind === 'unknown' ? 'links.unknown' : 'me.expired';
    res.status(view.kind === 'unknown' ? 404 : 410).render('invitations/link-problem', {
      title: req.t(`${key}.title`),
      heading: req.t(`${key}.title`),
      message: req.t(`${key}.body`),
      facilitator: null,
    });
  };

  const show = async (
    req: Request,
    res: Response,
    status = 200,
    errors: FieldError[] = [],
    values?: Record<string, string | string[]>,
  ) => {
    const view = await me.view(req.params.token as string);
    if (view.kind !== 'open') return refuse(req, res, view);
    const rep = view.representative;
    applyLocale(req, res, req.localeChosen ? req.locale : rep.locale, view.timeZone);
    // not `kind`: the partials take a parameter of that name
    const { kind: _kind, ...shown } = view;
    res.status(status).render('participation/me', {
      title: req.t('me.title'),
      ...shown,
      rep,
      base: `/me/${req.params.token as string}`,
      languages: LANGUAGES,
      errors,
      values: values ?? {
        email: rep.email ?? '',
        phone: rep.phone ?? '',
        postalAddress: rep.postalAddress,
        preferredContact: rep.preferredContact,
        languages: rep.languages,
        pausedUntil: rep.pausedUntil ?? '',
      },
    });
  };

  /** The link's owner for a POST; refuses (and has answered) when the link does not work. */
  const ownerOr = async (req: Request, res: Response) => {
    const owner = await me.owner(req.params.token as string);
    if (!owner) {
      await refuse(req, res, owner === null ? { kind: 'gone' } : { kind: 'unknown' });
      return undefined;
    }
    // messages of a refused form in the person's language
    applyLocale(req, res, req.localeChosen ? req.locale : owner.locale, owner.timeZone);
    return owner;
  };
  const back = (req: Request, res: Response, key: string) => {
    req.flash('success', key);
    res.redirect(303, `/me/${req.params.token as string}`);
  };

  router.get('/me/:token', (req, res) => show(req, res));

  router.post('/me/:token/pause', async (req, res) => {
    const owner = await ownerOr(req, res);
    if (!owner) return;
    const form = validateForm(pauseSchema, req.body, req.t);
    const problem = form.ok ? me.pauseProblem(form.data.pausedUntil, owner.timeZone) : undefined;
    if (!form.ok || problem) {
      const errors = form.ok ? [{ field: 'pausedUntil', message: req.t(problem!) }] : form.errors;
      return show(req, res, 422, errors, typedValues(req.body));
    }
    await me.pause(owner, form.data.pausedUntil);
    back(req, res, 'me.paused');
  });

  router.post('/me/:token/resume', async (req, res) => {
    const owner = await ownerOr(req, res);
    if (!owner) return;
    await me.endPause(owner);
    back(req, res, 'me.resumed');
  });

  router.post('/me/:token/contact', async (req, res) => {
    const owner = await ownerOr(req, res);
    if (!owner) return;
    const form = validateForm(ownContactSchema, req.body, req.t);
    const typed = () => {
      const values: Record<string, string | string[]> = typedValues(req.body);
      const langs = (req.body as Record<string, unknown> | undefined)?.languages;
      values.languages = Array.isArray(langs)
        ? langs.filter((l): l is string => typeof l === 'string')
        : typeof langs === 'string'
          ? [langs]
          : [];
      return values;
    };
    if (!form.ok) return show(req, res, 422, form.errors, typed());
    const { newEmail } = await me.updateContact(owner, form.data);
    if (!newEmail) return back(req, res, 'me.contactSaved');
    // the same answer whatever the address (whether someone on the roster has it is not for this page to say)
    await services.emailChangeService.request(owner, newEmail);
    back(req, res, 'me.emailChangeRequested');
  });

  router.post('/me/:token/stop-email', async (req, res) => {
    const owner = await ownerOr(req, res);
    if (!owner) return;
    await me.stopEmail(owner);
    back(req, res, 'me.emailStopped');
  });

  router.post('/me/:token/request', async (req, res) => {
    const owner = await ownerOr(req, res);
    if (!owner) return;
    const form = validateForm(requestSchema, req.body, req.t);
    if (!form.ok) return show(req, res, 422, form.errors);
    await me.request(owner, form.data.kind as RequestKind);
    back(req, res, `me.requested.${form.data.kind}`);
  });

  // the facilitators mark a request done once they have sent the copy or erased the person
  router.post('/representatives/requests/:id/handled', requireRole('facilitator', 'admin'), async (req, res) => {
    if (!(await me.markHandled(req.user!, requireId(req.params.id)))) throw notFound();
    req.flash('success', 'me.requestHandled');
    res.redirect(303, '/');
  });

  return router;
}
