import type { Clock } from '../../lib/clock.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UndeliverableListener } from '../outbox/outbox.worker.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import type { InvitationsRepository } from './invitations.repository.js';

/**
 * The invitation whose first e-mail this is, from the dedupe key the invitations feature gave it
 * (`invitation:<id>:sent`); undefined for every other e-mail, reminders included (their invitation arrived).
 */
export function invitationOfMessage(message: { kind: string; dedupeKey: string }): number | undefined {
  if (message.kind !== 'invitation') return undefined;
  const match = /^invitation:(\d{1,12}):sent$/.exec(message.dedupeKey);
  return match ? Number(match[1]) : undefined;
}

export interface InvitationBouncesDeps {
  transact: Transact;
  invitations: InvitationsRepository;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
}

/**
 * When the mail server refuses an invitation for good (any 5.x.x), nobody got it: it becomes undeliverable, so the
 * facilitator sees it and can phone or write instead. Registered with the outbox worker, which knows no invitations.
 */
export class InvitationBounces implements UndeliverableListener {
  constructor(private readonly deps: InvitationBouncesDeps) {}

  async undeliverable(message: { organisationId: number; kind: string; dedupeKey: string }): Promise<boolean> {
    const invitationId = invitationOfMessage(message);
    if (invitationId === undefined) return false;
    const { transact, invitations, versions, audit, clock } = this.deps;
    const now = clock.now().toISO()!;
    return transact(async (tx) => {
      if (!(await invitations.markUndeliverable(message.organisationId, invitationId, now, tx))) return false;
      await versions.bump(message.organisationId, tx);
      await audit.record(
        {
          organisationId: message.organisationId,
          actorType: 'system',
          action: 'invitation.undeliverable',
          entityType: 'invitation',
          entityId: invitationId,
        },
        tx,
      );
      return true;
    });
  }
}
