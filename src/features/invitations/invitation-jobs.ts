import type { Clock } from '../../lib/clock.js';
import { newToken } from '../../lib/tokens.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import { every, type JobDefinition } from '../jobs/scheduler.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import { invitationEmail } from './invitation-emails.js';
import type { Invitation } from './invitations.model.js';
import type { InvitationsRepository } from './invitations.repository.js';
import { canEmail, type InvitationMail } from './mail-context.js';
import { reminderAt } from './reply-deadline.js';

export interface InvitationJobsDeps {
  transact: Transact;
  invitations: InvitationsRepository;
  /** Every organisation's reminder lead time. */
  organisations: Pick<OrganisationDirectory, 'allSettings'>;
  outbox: OutboxService;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
  mail: InvitationMail;
}

/** The invitations feature's scheduled work: reminders before the deadline, and expiry after it. */
export class InvitationJobsService {
  constructor(private readonly deps: InvitationJobsDeps) {}

  /** The jobs for the composition root to register with the scheduler. */
  definitions(): JobDefinition[] {
    return [
      {
        name: 'invitation-reminders',
        next: every({ minutes: 15 }),
        run: async () => ({ reminded: await this.sendReminders() }),
      },
      {
        name: 'invitation-expiry',
        next: every({ minutes: 15 }),
        run: async () => ({ expired: await this.expireOverdue() }),
      },
    ];
  }

  /** One reminder before the deadline to everyone invited by e-mail who has not answered (a scheduled job). */
  async sendReminders(): Promise<number> {
    const { invitations, mail } = this.deps;
    const now = this.deps.clock.now();
    let sent = 0;
    for (const organisation of await this.deps.organisations.allSettings()) {
      const before = now.plus({ days: organisation.settings.reminderLeadDays }).toISO()!;
      const due = (await invitations.dueForReminder(organisation.id, now.toISO()!, before)).filter(
        (i) =>
          !i.sentAt || !i.expiresAt || reminderAt(i.sentAt, i.expiresAt, organisation.settings.reminderLeadDays) <= now,
      );
      const byProject = new Map<number, Invitation[]>();
      for (const invitation of due)
        byProject.set(invitation.projectId, [...(byProject.get(invitation.projectId) ?? []), invitation]);
      for (const [projectId, projectInvitations] of byProject) {
        const project = await mail.project(organisation.id, projectId);
        const ctx = await mail.context(organisation.id, project);
        for (const invitation of projectInvitations) {
          if (!canEmail(invitation)) continue;
          await this.deps.transact(async (tx) => {
            const link = newToken();
            if (!(await invitations.markReminded(invitation.id, link.hash, now.toISO()!, tx))) return;
            const email = invitationEmail('reminder', {
              ...mail.baseContext(invitation, project, ctx),
              meUrl: await mail.meUrl(invitation, now, tx),
              answerUrl: `${mail.baseUrl}/i/${link.token}`,
              expiresAt: invitation.expiresAt,
            });
            await this.deps.outbox.enqueue(tx, {
              organisationId: organisation.id,
              kind: 'invitation_reminder',
              dedupeKey: `invitation:${invitation.id}:reminder`,
              to: invitation.email!,
              representativeId: invitation.representativeId,
              ...email,
            });
            await this.deps.audit.record(
              {
                organisationId: organisation.id,
                actorType: 'system',
                action: 'invitation.reminded',
                entityType: 'invitation',
                entityId: invitation.id,
              },
              tx,
            );
            sent += 1;
          });
        }
      }
    }
    return sent;
  }

  /** Unanswered invitations past their deadline become expired (a scheduled job). */
  async expireOverdue(): Promise<number> {
    const now = this.deps.clock.now().toISO()!;
    let expired = 0;
    for (const invitation of await this.deps.invitations.dueForExpiry(now)) {
      await this.deps.transact(async (tx) => {
        if (!(await this.deps.invitations.expire(invitation.id, now, tx))) return;
        await this.deps.versions.bump(invitation.organisationId, tx);
        await this.deps.audit.record(
          {
            organisationId: invitation.organisationId,
            actorType: 'system',
            action: 'invitation.expired',
            entityType: 'invitation',
            entityId: invitation.id,
          },
          tx,
        );
        expired += 1;
      });
    }
    return expired;
  }
}
