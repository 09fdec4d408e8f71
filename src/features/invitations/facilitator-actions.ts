import type { Db } from '../../db.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { Invitation, InvitationsRepository } from './invitations.repository.js';

/** The invitation, if it belongs to the actor's organisation and to this project; else 404. */
export async function invitationOfProject(
  invitations: InvitationsRepository,
  actor: CurrentUser,
  projectId: number,
  invitationId: number,
): Promise<Invitation> {
  const invitation = await invitations.find(actor.organisationId, invitationId);
  if (!invitation || invitation.projectId !== projectId) throw new AppError(404, 'errors.notFound.body');
  return invitation;
}

/** Audits what a signed-in user did to an invitation, in the transaction of the change. */
export function auditUserAction(
  audit: AuditService,
  actor: CurrentUser,
  action: string,
  invitationId: number,
  details: Record<string, string | number>,
  trx: Db,
): Promise<void> {
  return audit.record(
    {
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action,
      entityType: 'invitation',
      entityId: invitationId,
      details,
    },
    trx,
  );
}
