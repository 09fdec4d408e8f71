import type { Clock } from '../../lib/clock.js';
import { translator } from '../../lib/i18n.js';
import { buildCalendar } from '../../lib/ics.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/tokens.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { CurrentUser } from '../users/users.types.js';
import type { CalendarTokens } from './account.model.js';
import type { CalendarRepository } from './calendar.repository.js';

/** How far back and ahead the feed reaches: last month's meetings stay visible, a year ahead is planned. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 365;

export interface CalendarFeedDeps {
  transact: Transact;
  tokens: CalendarTokens;
  calendar: CalendarRepository;
  organisations: Pick<OrganisationDirectory, 'name'>;
  audit: AuditService;
  clock: Clock;
  baseUrl: string;
  /** The domain of the meetings' UIDs, the same as in the invitations' calendar attachments. */
  uidDomain: string;
}

/**
 * A facilitator's personal calendar feed (/calendar/<token>.ics) of their projects' meetings, for Outlook and other
 * calendars to subscribe to. The address is a secret of 32 random bytes; only its SHA-256 is stored, so it is shown
 * once, when made; renewing it makes a new one and the old one stops working at once.
 */
export class CalendarFeedService {
  constructor(private readonly deps: CalendarFeedDeps) {}

  /** When the user's feed address was made, or null when they have none. */
  since(actor: CurrentUser): Promise<string | null> {
    return this.deps.tokens.calendarTokenCreatedAt(actor.organisationId, actor.id);
  }

  /** Makes a new feed address (replacing any old one); returns the address, to be shown once. */
  async create(actor: CurrentUser): Promise<string> {
    const { transact, tokens, audit, clock } = this.deps;
    const had = (await this.since(actor)) !== null;
    const { token, hash } = newToken();
    await transact(async (tx) => {
      await tokens.setCalendarToken(actor.organisationId, actor.id, hash, clock.now().toISO()!, tx);
      const action = had ? 'user.calendar_feed_renewed' : 'user.calendar_feed_created';
      await audit.byUser(actor, action, { type: 'user', id: actor.id }, {}, tx);
    });
    return `${this.deps.baseUrl}/calendar/${token}.ics`;
  }

  /** Turns the feed off: the address stops working. */
  async revoke(actor: CurrentUser): Promise<void> {
    const { transact, tokens, audit, clock } = this.deps;
    if ((await this.since(actor)) === null) return;
    await transact(async (tx) => {
      await tokens.setCalendarToken(actor.organisationId, actor.id, null, clock.now().toISO()!, tx);
      await audit.byUser(actor, 'user.calendar_feed_revoked', { type: 'user', id: actor.id }, {}, tx);
    });
  }

  /**
   * The feed of a token, or undefined for an unknown, revoked or malformed one (the same 404 for each). The token is
   * looked up by its hash, so the comparison is the database's index lookup, not a comparison of secrets in code.
   */
  async feed(token: string): Promise<string | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const user = await this.deps.tokens.findByCalendarToken(hashToken(token));
    if (!user) return undefined;
    const now = this.deps.clock.now().toUTC();
    const meetings = await this.deps.calendar.meetingsOf(
      user.organisationId,
      user.id,
      now.minus({ days: FEED_DAYS_BACK }).toISO()!,
      now.plus({ days: FEED_DAYS_AHEAD }).toISO()!,
    );
    const t = translator(user.locale);
    const organisation = await this.deps.organisations.name(user.organisationId);
    return buildCalendar(
      meetings.map((m) => ({
        uid: `meeting-${m.id}@${this.deps.uidDomain}`,
        sequence: m.sequence,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        // the project's title only: the feed leaves Medvirk, so no one taking part is named
        summary: m.projectTitle,
        location: m.place || m.onlineLink,
        description: m.onlineLink && m.place ? m.onlineLink : '',
        url: `${this.deps.baseUrl}/projects/${m.projectId}`,
      })),
      { now: now.toISO()!, feed: { name: t('account.calendar.feedName', { organisation }) } },
    );
  }
}
