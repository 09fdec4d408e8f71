import type { Clock } from '../../lib/clock.js';
import { renderEmail } from '../../lib/email.js';
import { translator } from '../../lib/i18n.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/tokens.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { OwnRecord } from '../representatives/own-record.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import type { EmailChange, EmailChangesRepository } from './email-changes.repository.js';
import type { OrganisationNames } from './participation.model.js';
import type { ParticipationRepository } from './participation.repository.js';

/** How long the link that confirms a new address works. */
export const EMAIL_CHANGE_HOURS = 48;

export type ConfirmState = { kind: 'valid'; change: EmailChange } | { kind: 'unknown' } | { kind: 'gone' };

export interface EmailChangeDeps {
  transact: Transact;
  changes: EmailChangesRepository;
  ownRecord: OwnRecord;
  participation: ParticipationRepository;
  organisations: Pick<OrganisationNames, 'name'>;
  outbox: OutboxService;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
  baseUrl: string;
}

/**
 * A new e-mail address typed on a person's own page. Whoever holds a /me link must not learn whether an address is
 * on the roster (being on it is health-related), nor take over the person's e-mail: the answer is the same whatever
 * the address; an address someone else on the roster has becomes a task for a facilitator; any other takes effect
 * only when the link sent to it is confirmed; and the old address is told that a change was asked for.
 */
export class EmailChangeService {
  constructor(private readonly deps: EmailChangeDeps) {}

  async request(owner: { organisationId: number; representativeId: number }, newEmail: string): Promise<void> {
    const { transact, changes, ownRecord, participation, organisations, outbox, audit, clock, baseUrl } = this.deps;
    const rep = await ownRecord.find(owner);
    if (!rep || rep.email?.toLowerCase() === newEmail.toLowerCase()) return;
    const [someoneElse, organisationName] = await Promise.all([
      ownRecord.someoneElseWith(owner, newEmail),
      organisations.name(owner.organisationId),
    ]);
    const t = translator(rep.locale);
    const now = clock.now();
    const nowIso = now.toISO()!;
    const signature = t('email.signature', { organisation: organisationName });
    await transact(async (tx) => {
      await changes.retirePending(owner.organisationId, rep.id, nowIso, tx);
      if (someoneElse) {
        // not told to the person (nor to the other one): a facilitator sorts it out with them
        await participation.addRequest(owner.organisationId, rep.id, 'email_conflict', nowIso, tx);
      } else {
        const { token, hash } = newToken();
        const id = await changes.create(
          { organisationId: owner.organisationId, representativeId: rep.id, newEmail, tokenHash: hash },
          nowIso,
          now.plus({ hours: EMAIL_CHANGE_HOURS }).toISO()!,
          tx,
        );
        const mail = renderEmail(
          {
            locale: rep.locale,
            subject: t('email.emailChange.confirmSubject'),
            paragraphs: [t('email.greeting', { name: rep.name }), t('email.emailChange.confirmIntro')],
            action: { label: t('email.emailChange.confirmAction'), url: `${baseUrl}/email/confirm/${token}` },
            after: [t('email.emailChange.expiry', { hours: EMAIL_CHANGE_HOURS }), t('email.emailChange.notYou')],
            signature,
          },
          t,
        );
        await outbox.enqueue(tx, {
          organisationId: owner.organisationId,
          kind: 'email_confirmation',
          dedupeKey: `email-change:${id}:confirm`,
          to: newEmail,
          representativeId: rep.id,
          ...mail,
        });
      }
      if (rep.email) {
        const notice = renderEmail(
          {
            locale: rep.locale,
            subject: t('email.emailChange.noticeSubject'),
            paragraphs: [t('email.greeting', { name: rep.name }), t('email.emailChange.noticeIntro')],
            after: [t('email.emailChange.noticeNotYou', { organisation: organisationName })],
            signature,
          },
          t,
        );
        await outbox.enqueue(tx, {
          organisationId: owner.organisationId,
          kind: 'email_change_notice',
          dedupeKey: `email-change-notice:${rep.id}:${nowIso}`,
          to: rep.email,
          representativeId: rep.id,
          ...notice,
        });
      }
      await audit.record(
        {
          organisationId: owner.organisationId,
          actorType: 'representative',
          actorRepresentativeId: rep.id,
          action: 'representative.email_change_requested',
          entityType: 'representative',
          entityId: rep.id,
        },
        tx,
      );
    });
  }

  /** What a confirmation link is worth now: unknown (404), used or expired (410), or valid. */
  async check(token: string): Promise<ConfirmState> {
    if (!isTokenShaped(token)) return { kind: 'unknown' };
    const change = await this.deps.changes.findByHash(hashToken(token));
    if (!change) return { kind: 'unknown' };
    if (change.usedAt || Date.parse(change.expiresAt) <= this.deps.clock.now().toMillis()) return { kind: 'gone' };
    return { kind: 'valid', change };
  }

  /**
   * Confirms: the new address becomes the person's, once. Should someone else on the roster have taken the address
   * meanwhile, a facilitator gets the task instead. Returns false when the link was used meanwhile.
   */
  async confirm(change: EmailChange): Promise<boolean> {
    const { transact, changes, ownRecord, participation, audit, versions, clock } = this.deps;
    const { organisationId, representativeId, newEmail } = change;
    const now = clock.now().toISO()!;
    const someoneElse = await ownRecord.someoneElseWith(change, newEmail);
    return transact(async (tx) => {
      if (!(await changes.use(change.id, now, tx))) return false;
      if (someoneElse) {
        await participation.addRequest(organisationId, representativeId, 'email_conflict', now, tx);
        return true;
      }
      await ownRecord.setEmail(change, newEmail, now, tx);
      await versions.bump(organisationId, tx);
      await audit.record(
        {
          organisationId,
          actorType: 'representative',
          actorRepresentativeId: representativeId,
          action: 'representative.email_confirmed',
          entityType: 'representative',
          entityId: representativeId,
        },
        tx,
      );
      return true;
    });
  }
}
