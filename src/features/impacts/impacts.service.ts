import type { Clock } from '../../lib/clock.js';
import { renderEmail } from '../../lib/email.js';
import { notFound } from '../../lib/errors.js';
import { formatDate, translator } from '../../lib/i18n.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import { footer } from '../invitations/invitation-emails.js';
import type { InvitationsService } from '../invitations/invitations.service.js';
import type { InvolvementService } from '../involvement/involvement.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { Project } from '../projects/projects.model.js';
import type { CurrentUser, UserAccounts } from '../users/users.types.js';
import type { Impact, ImpactInput } from './impacts.model.js';
import { impactAdoptedEmail } from '../projects/owner-emails.js';
import type { ImpactsRepository } from './impacts.repository.js';

export interface ImpactsServiceDeps {
  transact: Transact;
  impacts: ImpactsRepository;
  /** The organisation's project (the projects feature's repository provides it). */
  projects: { find(organisationId: number, id: number): Promise<Project | undefined> };
  /** The project with its meetings and team (those who can be linked to an impact). */
  involvement: Pick<InvolvementService, 'list'>;
  /** The personal link in the feedback e-mail. */
  invitations: Pick<InvitationsService, 'participationLink'>;
  users: Pick<UserAccounts, 'find'>;
  organisations: Pick<OrganisationDirectory, 'name'>;
  outbox: OutboxService;
  audit: AuditService;
  /** The report counts impacts: its cache is keyed by the roster version, bumped with every change. */
  versions: { bump(organisationId: number, tx: Tx): Promise<void> };
  clock: Clock;
  baseUrl: string;
}

/** "You said, we did": what representatives said, what changed, and telling them so. */
export class ImpactsService {
  constructor(private readonly deps: ImpactsServiceDeps) {}

  async list(actor: CurrentUser, projectId: number) {
    const { project, meetings, team } = await this.deps.involvement.list(actor, projectId);
    const impacts = await this.deps.impacts.forProject(actor.organisationId, projectId);
    return { project, impacts, meetings, team };
  }

  async get(actor: CurrentUser, projectId: number, id: number): Promise<Impact> {
    const impact = await this.deps.impacts.find(actor.organisationId, id);
    if (!impact || impact.projectId !== projectId) throw notFound();
    return impact;
  }

  /** Records a new impact (id null) or changes one; the people and the meeting must belong to the project. */
  async save(
    actor: CurrentUser,
    projectId: number,
    id: number | null,
    input: ImpactInput,
  ): Promise<FieldProblem | undefined> {
    const { transact, impacts, audit, versions, clock } = this.deps;
    const { meetings, team } = await this.list(actor, projectId);
    const before = id !== null ? await this.get(actor, projectId, id) : undefined;
    const allowed = new Set(team.map((p) => p.representativeId));
    if (input.representativeIds.some((r) => !allowed.has(r)))
      return { field: 'representativeIds', key: 'impacts.errors.people' };
    if (input.meetingId !== null && !meetings.some((m) => m.id === input.meetingId)) {
      return { field: 'meetingId', key: 'impacts.errors.meeting' };
    }
    const now = clock.now().toISO()!;
    // a change adopted now is told to the project's owner: what the e-mail needs is read before the transaction
    const owner =
      input.status === 'adopted' && before?.status !== 'adopted'
        ? await this.ownerContext(actor, projectId)
        : undefined;
    await transact(async (tx) => {
      const impactId = await impacts.save(actor.organisationId, projectId, id, input, now, tx);
      if (owner) await this.tellOwner(owner, impactId, input, tx);
      await versions.bump(actor.organisationId, tx);
      await audit.byUser(
        actor,
        id === null ? 'impact.recorded' : 'impact.updated',
        { type: 'impact', id: impactId },
        { status: input.status, people: input.representativeIds.length },
        tx,
      );
    });
    return undefined;
  }

  /** E-mails the linked people what came of what they said, in their language, and records when. */
  async feedBack(actor: CurrentUser, projectId: number, id: number): Promise<number> {
    const { transact, impacts, projects, users, organisations, invitations, outbox, audit, versions, clock } =
      this.deps;
    const impact = await this.get(actor, projectId, id);
    const project = await projects.find(actor.organisationId, projectId);
    if (!project) throw notFound();
    const [recipients, organisationName, facilitator] = await Promise.all([
      impacts.recipients(id),
      organisations.name(actor.organisationId),
      project.facilitatorUserId ? users.find(actor.organisationId, project.facilitatorUserId) : undefined,
    ]);
    const now = clock.now();
    await transact(async (tx) => {
      for (const person of recipients) {
        const t = translator(person.locale);
        const meUrl = await invitations.participationLink(actor.organisationId, person.id, tx, now);
        const outcome =
          impact.status === 'adopted'
            ? t('email.impact.adopted', { change: impact.whatChanged })
            : impact.status === 'rejected'
              ? t('email.impact.rejected', { reason: impact.rejectedReason })
              : t('email.impact.proposed');
        const mail = renderEmail(
          {
            locale: person.locale,
            subject: t('email.impact.subject', { title: project.title }),
            paragraphs: [
              t('email.greeting', { name: person.name }),
              t('email.impact.intro', { title: project.title }),
              t('email.impact.said', { said: impact.whatSaid }),
              outcome,
              ...(impact.decidedOn
                ? [t('email.impact.decided', { date: formatDate(impact.decidedOn, person.locale) })]
                : []),
              t('email.impact.thanks'),
            ],
            after: footer(
              {
                facilitator: facilitator ? { name: facilitator.name, email: facilitator.email } : null,
                meUrl,
                baseUrl: this.deps.baseUrl,
              },
              t,
            ),
            signature: t('email.signature', { organisation: organisationName }),
          },
          t,
        );
        await outbox.enqueue(tx, {
          organisationId: actor.organisationId,
          kind: 'impact_feedback',
          dedupeKey: `impact:${id}:${person.id}:${now.toMillis()}`,
          to: person.email,
          representativeId: person.id,
          ...mail,
        });
      }
      await impacts.markFedBack(id, now.toISO()!, tx);
      await versions.bump(actor.organisationId, tx);
      await audit.byUser(actor, 'impact.fed_back', { type: 'impact', id }, { people: recipients.length }, tx);
    });
    return recipients.length;
  }

  history(actor: CurrentUser, representativeId: number) {
    return this.deps.impacts.forRepresentative(actor.organisationId, representativeId);
  }

  /** What an e-mail to the project's owner needs, when the owner has an e-mail address. */
  private async ownerContext(actor: CurrentUser, projectId: number) {
    const project = await this.deps.projects.find(actor.organisationId, projectId);
    if (!project?.ownerEmail || !project.ownerName) return undefined;
    return {
      organisationId: actor.organisationId,
      to: project.ownerEmail,
      context: {
        locale: project.ownerLocale,
        ownerName: project.ownerName,
        title: project.title,
        organisationName: await this.deps.organisations.name(actor.organisationId),
        facilitatorName: project.facilitatorName,
      },
    };
  }

  /**
   * An adopted change is told to the project's owner (a professional with an e-mail), in their language, once per
   * impact (issue 21, item 4): what the representatives said and what changed, no names.
   */
  private async tellOwner(
    owner: NonNullable<Awaited<ReturnType<ImpactsService['ownerContext']>>>,
    impactId: number,
    input: ImpactInput,
    tx: Tx,
  ) {
    const email = impactAdoptedEmail(owner.context, {
      whatSaid: input.whatSaid,
      whatChanged: input.whatChanged,
      decidedOn: input.decidedOn,
    });
    await this.deps.outbox.enqueue(tx, {
      organisationId: owner.organisationId,
      kind: 'owner_impact_adopted',
      dedupeKey: `owner-impact-adopted:${impactId}`,
      to: owner.to,
      ...email,
    });
  }
}
