import type { Db } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import { renderEmail } from '../../lib/email.js';
import { AppError } from '../../lib/errors.js';
import { formatDate, translator } from '../../lib/i18n.js';
import type { AuditService } from '../audit/audit.service.js';
import { footer } from '../invitations/invitation-emails.js';
import type { InvitationsService } from '../invitations/invitations.service.js';
import type { InvolvementService } from '../involvement/involvement.service.js';
import type { InvolvementRepository } from '../involvement/involvement.repository.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { ProjectsRepository } from '../projects/projects.repository.js';
import type { UsersRepository } from '../users/users.repository.js';
import type { CurrentUser } from '../users/users.types.js';
import type { Impact, ImpactInput, ImpactsRepository } from './impacts.repository.js';
import type { RosterVersions } from '../representatives/roster-versions.repository.js';

export interface Problem {
  field: string;
  key: string;
}

/** "You said, we did": what representatives said, what changed, and telling them so. */
export class ImpactsService {
  constructor(
    private readonly db: Db,
    private readonly impacts: ImpactsRepository,
    private readonly projects: ProjectsRepository,
    private readonly involvementRepository: InvolvementRepository,
    private readonly involvement: InvolvementService,
    private readonly invitations: InvitationsService,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly baseUrl: string,
    private readonly versions?: RosterVersions,
  ) {}

  private async project(actor: CurrentUser, projectId: number) {
    const project = await this.projects.find(actor.organisationId, projectId);
    if (!project) throw new AppError(404, 'errors.notFound.body');
    return project;
  }

  async list(actor: CurrentUser, projectId: number) {
    const project = await this.project(actor, projectId);
    const [impacts, meetings, logged] = await Promise.all([
      this.impacts.forProject(actor.organisationId, projectId),
      this.projects.meetings(actor.organisationId, projectId),
      this.involvementRepository.forProject(actor.organisationId, projectId),
    ]);
    const team = await this.involvement.team(actor, projectId, logged);
    return { project, impacts, meetings, team };
  }

  async get(actor: CurrentUser, projectId: number, id: number): Promise<Impact> {
    const impact = await this.impacts.find(actor.organisationId, id);
    if (!impact || impact.projectId !== projectId) throw new AppError(404, 'errors.notFound.body');
    return impact;
  }

  /** Records a new impact (id null) or changes one; the people and the meeting must belong to the project. */
  async save(
    actor: CurrentUser,
    projectId: number,
    id: number | null,
    input: ImpactInput,
  ): Promise<Problem | undefined> {
    const { meetings, team } = await this.list(actor, projectId);
    if (id !== null) await this.get(actor, projectId, id);
    const allowed = new Set(team.map((p) => p.representativeId));
    if (input.representativeIds.some((r) => !allowed.has(r)))
      return { field: 'representativeIds', key: 'impacts.errors.people' };
    if (input.meetingId !== null && !meetings.some((m) => m.id === input.meetingId)) {
      return { field: 'meetingId', key: 'impacts.errors.meeting' };
    }
    const now = this.clock.now().toISO()!;
    await this.db.transaction(async (trx) => {
      const impactId = await this.impacts.save(actor.organisationId, projectId, id, input, now, trx);
      // the report counts impacts: its cache is keyed by this version
      await this.versions?.bump(actor.organisationId, trx);
      await this.audit.record(
        {
          organisationId: actor.organisationId,
          actorType: 'user',
          actorUserId: actor.id,
          action: id === null ? 'impact.recorded' : 'impact.updated',
          entityType: 'impact',
          entityId: impactId,
          details: { status: input.status, people: input.representativeIds.length },
        },
        trx,
      );
    });
    return undefined;
  }

  /** E-mails the linked people what came of what they said, in their language, and records when. */
  async feedBack(actor: CurrentUser, projectId: number, id: number): Promise<number> {
    const impact = await this.get(actor, projectId, id);
    const project = await this.project(actor, projectId);
    const [recipients, organisationName, facilitator] = await Promise.all([
      this.impacts.recipients(id),
      this.organisations.name(actor.organisationId),
      project.facilitatorUserId ? this.users.find(actor.organisationId, project.facilitatorUserId) : undefined,
    ]);
    const now = this.clock.now();
    await this.db.transaction(async (trx) => {
      for (const person of recipients) {
        const t = translator(person.locale);
        const meUrl = await this.invitations.participationLink(actor.organisationId, person.id, trx, now);
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
                baseUrl: this.baseUrl,
              },
              t,
            ),
            signature: t('email.signature', { organisation: organisationName }),
          },
          t,
        );
        await this.outbox.enqueue(trx, {
          organisationId: actor.organisationId,
          kind: 'impact_feedback',
          dedupeKey: `impact:${id}:${person.id}:${now.toMillis()}`,
          to: person.email,
          representativeId: person.id,
          ...mail,
        });
      }
      await this.impacts.markFedBack(id, now.toISO()!, trx);
      await this.versions?.bump(actor.organisationId, trx);
      await this.audit.record(
        {
          organisationId: actor.organisationId,
          actorType: 'user',
          actorUserId: actor.id,
          action: 'impact.fed_back',
          entityType: 'impact',
          entityId: id,
          details: { people: recipients.length },
        },
        trx,
      );
    });
    return recipients.length;
  }

  history(actor: CurrentUser, representativeId: number) {
    return this.impacts.forRepresentative(actor.organisationId, representativeId);
  }
}
