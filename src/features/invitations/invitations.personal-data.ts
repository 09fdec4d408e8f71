import type { Tx } from '../../lib/transact.js';
import type { DataSubject, Erasure, PersonalDataHolder } from '../representatives/personal-data.js';
import type { InvitationsRepository } from './invitations.repository.js';

/** A person's invitations in their data copy, and erasure: what they and we wrote goes, and their links stop working. */
export class InvitationsPersonalData implements PersonalDataHolder {
  readonly name = 'invitations';

  constructor(private readonly invitations: InvitationsRepository) {}

  async exportFor({ organisationId, representativeId }: DataSubject) {
    const invitations = await this.invitations.forRepresentative(organisationId, representativeId);
    return invitations.map((i) => ({
      project: i.projectTitle,
      status: i.status,
      channel: i.channel,
      sentAt: i.sentAt,
      answerBy: i.expiresAt,
      answeredAt: i.respondedAt,
      declineReason: i.declineReason,
      declineText: i.declineText,
      note: i.note,
      personalNote: i.personalNote,
    }));
  }

  async eraseFor({ organisationId, representativeId }: Erasure, tx: Tx): Promise<void> {
    await this.invitations.eraseFreeText(organisationId, representativeId, tx);
  }
}
