import type { Clock } from '../../lib/clock.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Project } from '../projects/projects.model.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import type { CurrentUser } from '../users/users.types.js';
import { letterDeadline, letterFor, type Letter } from './letter-content.js';
import type { Invitation } from './invitations.model.js';
import type { InvitationsRepository } from './invitations.repository.js';
import type { InvitationMail } from './mail-context.js';
import { routeFor } from './route-for.js';

export interface LettersDeps {
  transact: Transact;
  invitations: InvitationsRepository;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
  mail: InvitationMail;
}

/** A shortlisted person whose invitation goes by letter, not yet recorded as sent. */
export function letterWaiting(invitation: Invitation): boolean {
  const route = routeFor(invitation);
  return invitation.status === 'draft' && route.kind === 'contact' && route.channel === 'letter';
}

/**
 * Letter invitations: the printable letters of a project's shortlisted people who prefer a letter, and recording
 * the printed ones as sent. Printing changes nothing (a letter printed may never be posted); only the explicit
 * "recorded as sent" does, as recording one letter on the invitations page does.
 */
export class LettersService {
  constructor(private readonly deps: LettersDeps) {}

  /**
   * The letters waiting to be sent. They show postal addresses, so each person whose letter is shown gets a
   * "viewed" event on their record, as opening their profile does. None are shown (and nothing is logged) while the
   * project does not say what matters to patients and next of kin.
   */
  async waiting(
    actor: CurrentUser,
    projectId: number,
  ): Promise<{ project: Project; letters: Letter[]; whatMattersMissing: boolean }> {
    const { mail } = this.deps;
    const project = await mail.project(actor.organisationId, projectId);
    if (!project.whatMatters.trim()) return { project, letters: [], whatMattersMissing: true };
    const waiting = (await this.deps.invitations.forProject(actor.organisationId, projectId)).filter(letterWaiting);
    if (!waiting.length) return { project, letters: [], whatMattersMissing: false };
    const ctx = await mail.context(actor.organisationId, project);
    const now = this.deps.clock.now();
    const deadline = letterDeadline(mail.deadline(ctx, now), ctx.timeZone);
    const noteBy = ctx.facilitator?.name ?? actor.name;
    const letters = waiting.map((invitation) => letterFor({ invitation, project, ctx, now, deadline, noteBy }));
    await this.deps.transact(async (tx) => {
      for (const invitation of waiting) {
        await this.deps.audit.byUser(
          actor,
          'invitation.letter_viewed',
          { type: 'representative', id: invitation.representativeId },
          { invitation: invitation.id },
          tx,
        );
      }
    });
    return { project, letters, whatMattersMissing: false };
  }

  /**
   * The personal note for the letters waiting, when no e-mail goes out with them (with e-mails, the sending sets it).
   * Returns how many letters carry it now.
   */
  async saveNote(actor: CurrentUser, projectId: number, personalNote: string): Promise<number> {
    await this.deps.mail.project(actor.organisationId, projectId);
    return this.deps.transact(async (tx) => {
      const waiting = (await this.deps.invitations.forProject(actor.organisationId, projectId, tx)).filter(
        letterWaiting,
      );
      if (!waiting.length) return 0;
      await this.deps.invitations.setDraftNotes(
        actor.organisationId,
        waiting.map((i) => i.id),
        personalNote,
        tx,
      );
      await this.deps.audit.byUser(
        actor,
        'invitation.letter_note_saved',
        { type: 'project', id: projectId },
        { count: waiting.length, personalNote: Boolean(personalNote) },
        tx,
      );
      return waiting.length;
    });
  }

  /**
   * Records the letters shown as sent, in one transaction, each as recording one letter does (status sent by
   * letter, the same reply deadline, audited per invitation). Ids no longer waiting for a letter (answered,
   * withdrawn or recorded meanwhile, another project's, another organisation's, or not ids at all) are skipped and
   * counted. The project must be the actor's organisation's (else 404) and say what matters.
   */
  async recordSent(
    actor: CurrentUser,
    projectId: number,
    ids: string[],
  ): Promise<{ recorded: number; skipped: number; whatMattersMissing?: boolean }> {
    const { mail, invitations } = this.deps;
    const project = await mail.project(actor.organisationId, projectId);
    if (!project.whatMatters.trim()) return { recorded: 0, skipped: 0, whatMattersMissing: true };
    const ctx = await mail.context(actor.organisationId, project);
    const now = this.deps.clock.now();
    const expiresAt = letterDeadline(mail.deadline(ctx, now), ctx.timeZone).toUTC().toISO()!;
    const unique = [...new Set(ids)];
    return this.deps.transact(async (tx) => {
      // the project's invitations as they are now, read once: another project's or organisation's ids are not here
      const current = new Map(
        (await invitations.forProject(actor.organisationId, projectId, tx)).map((i) => [String(i.id), i]),
      );
      let recorded = 0;
      for (const raw of unique) {
        const invitation = current.get(raw);
        if (!invitation || !letterWaiting(invitation)) continue;
        const sent = await invitations.markSent(
          invitation.id,
          { channel: 'letter', tokenHash: null, sentAt: now.toISO()!, expiresAt },
          tx,
        );
        if (!sent) continue;
        recorded++;
        await this.deps.audit.byUser(
          actor,
          'invitation.contacted',
          { type: 'invitation', id: invitation.id },
          { channel: 'letter' },
          tx,
        );
      }
      if (recorded) await this.deps.versions.bump(actor.organisationId, tx);
      return { recorded, skipped: unique.length - recorded };
    });
  }
}
