import type { Clock } from '../../lib/clock.js';
import { renderEmail } from '../../lib/email.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { translator } from '../../lib/i18n.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/tokens.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { UnitRequest, UnitRequestInput } from './unit-requests.model.js';
import type { UnitRequestsRepository } from './unit-requests.repository.js';

export interface UnitRequestsServiceDeps {
  transact: Transact;
  requests: UnitRequestsRepository;
  projects: Pick<ProjectsService, 'create'>;
  outbox: OutboxService;
  audit: Pick<AuditService, 'byUser'>;
  clock: Clock;
  baseUrl: string;
}

const STAFF = new Set(['facilitator', 'admin']);

/**
 * Units ask for involvement (issue 21, item 4): a form at the organisation's secret address (no account), the
 * requests on the facilitators' worklist and at /requests, and a project in the "idea" phase made from one with one
 * click, the requester told by e-mail. Anonymous submissions are not audited one by one (a flood would be a flood of
 * audit rows): the request is its own record, and the link rate limit bounds them.
 */
export class UnitRequestsService {
  constructor(private readonly deps: UnitRequestsServiceDeps) {}

  /** A new secret address for the form (the old one stops working); shown once. */
  async makeAddress(actor: CurrentUser): Promise<string> {
    if (!STAFF.has(actor.role)) throw forbidden();
    const { token, hash } = newToken();
    await this.deps.transact(async (tx) => {
      await this.deps.requests.setAskHash(actor.organisationId, hash, this.deps.clock.now().toISO()!, tx);
      await this.deps.audit.byUser(
        actor,
        'ask.address_made',
        { type: 'organisation', id: actor.organisationId },
        {},
        tx,
      );
    });
    return `${this.deps.baseUrl}/ask/${token}`;
  }

  /** The organisation behind a form address, or undefined for an address that is not (or no longer) one. */
  async organisationOf(token: string): Promise<{ id: number; name: string } | undefined> {
    if (!isTokenShaped(token)) return undefined;
    return this.deps.requests.organisationByAskHash(hashToken(token));
  }

  /** Records a unit's request; undefined when the address is not one. */
  async submit(token: string, input: UnitRequestInput): Promise<number | undefined> {
    const organisation = await this.organisationOf(token);
    if (!organisation) return undefined;
    return this.deps.requests.insert(organisation.id, input, this.deps.clock.now().toISO()!);
  }

  async list(actor: CurrentUser): Promise<{ requests: UnitRequest[]; addressMadeAt: string | null }> {
    if (!STAFF.has(actor.role)) throw forbidden();
    const [requests, addressMadeAt] = await Promise.all([
      this.deps.requests.list(actor.organisationId),
      this.deps.requests.askAddressMadeAt(actor.organisationId),
    ]);
    return { requests, addressMadeAt };
  }

  /**
   * Makes a project in the "idea" phase from an open request, with the actor as its facilitator, and tells the
   * requester (in the organisation's language). A request handled already is a 404 (a second click does nothing).
   */
  async makeProject(actor: CurrentUser, id: number): Promise<number> {
    if (!STAFF.has(actor.role)) throw forbidden();
    const request = await this.deps.requests.find(actor.organisationId, id);
    if (!request || request.status !== 'open') throw notFound();
    // taken first, so that a second click (or a colleague's) cannot make a second project
    const taken = await this.deps.transact((tx) =>
      this.deps.requests.handle(
        actor.organisationId,
        id,
        { status: 'project', projectId: null, userId: actor.id },
        this.deps.clock.now().toISO()!,
        tx,
      ),
    );
    if (!taken) throw notFound();
    const firstLine = request.improve.split(/\r?\n/)[0]!.trim();
    const projectId = await this.deps.projects.create(actor, {
      title: `${request.unitName}: ${firstLine}`.slice(0, 200),
      purpose: [request.improve, `${request.forWhom} · ${request.whenText}`].join('\n\n'),
      whatMatters: '',
      unitId: null,
      ownerContactId: null,
      facilitatorUserId: actor.id,
      targetLevel: 'consult',
      seats: 3,
      startsOn: null,
      endsOn: null,
      location: '',
      online: false,
      workingLanguages: ['nb'],
      sensitiveTopic: false,
      honorariumApplies: true,
    });
    if (typeof projectId !== 'number') {
      await this.deps.requests.reopen(actor.organisationId, id);
      throw notFound();
    }
    const locale = await this.deps.requests.organisationLocale(actor.organisationId);
    const t = translator(locale);
    const email = renderEmail(
      {
        locale,
        subject: t('email.ask.projectMade.subject', { unit: request.unitName }),
        paragraphs: [
          t('email.greeting', { name: request.contactName }),
          t('email.ask.projectMade.body', { organisation: actor.organisationName, improve: firstLine }),
          t('email.ask.projectMade.next', { name: actor.name, email: actor.email }),
        ],
        signature: t('email.signature', { organisation: actor.organisationName }),
      },
      t,
    );
    await this.deps.transact(async (tx) => {
      await this.deps.requests.setProject(actor.organisationId, id, projectId, tx);
      await this.deps.outbox.enqueue(tx, {
        organisationId: actor.organisationId,
        kind: 'ask_project_made',
        dedupeKey: `ask-project-made:${id}`,
        to: request.contactEmail,
        ...email,
      });
      await this.deps.audit.byUser(actor, 'ask.project_made', { type: 'unit_request', id }, { projectId }, tx);
    });
    return projectId;
  }

  /** Closes an open request without a project (audited). */
  async decline(actor: CurrentUser, id: number): Promise<void> {
    if (!STAFF.has(actor.role)) throw forbidden();
    await this.deps.transact(async (tx) => {
      const handled = await this.deps.requests.handle(
        actor.organisationId,
        id,
        { status: 'declined', projectId: null, userId: actor.id },
        this.deps.clock.now().toISO()!,
        tx,
      );
      if (!handled) throw notFound();
      await this.deps.audit.byUser(actor, 'ask.declined', { type: 'unit_request', id }, {}, tx);
    });
  }
}
