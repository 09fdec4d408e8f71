import { notFound } from '../../lib/errors.js';
import type { CurrentUser } from '../users/users.types.js';
import type { Invitation } from './invitations.model.js';
import type { InvitationsRepository } from './invitations.repository.js';

/** The invitation, if it belongs to the actor's organisation and to this project; else 404. */
export async function invitationOfProject(
  invitations: InvitationsRepository,
  actor: CurrentUser,
  projectId: number,
  invitationId: number,
): Promise<Invitation> {
  const invitation = await invitations.find(actor.organisationId, invitationId);
  if (!invitation || invitation.projectId !== projectId) throw notFound();
  return invitation;
}
