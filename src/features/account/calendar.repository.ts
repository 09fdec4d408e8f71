import type { Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import type { FeedMeeting } from './account.model.js';

interface FeedMeetingRow {
  id: number | string;
  project_id: number | string;
  title: string;
  starts_at: string | Date;
  ends_at: string | Date;
  place: string;
  online_link: string;
  sequence: number | string;
}

/** The meetings a calendar feed shows: of the projects a user is the responsible facilitator of. */
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  /**
   * The user's projects' meetings that start in [from, to), cancelled ones left out (a subscribed calendar drops an
   * event that leaves the feed; Outlook would show a STATUS:CANCELLED one as an ordinary appointment).
   */
  async meetingsOf(organisationId: number, userId: number, from: string, to: string): Promise<FeedMeeting[]> {
    const rows = await this.db('meetings as m')
      .join('projects as p', 'p.id', 'm.project_id')
      .where({ 'm.organisation_id': organisationId, 'p.organisation_id': organisationId })
      .where('p.facilitator_user_id', userId)
      .whereNull('m.cancelled_at')
      .where('m.starts_at', '>=', from)
      .where('m.starts_at', '<', to)
      .orderBy('m.starts_at')
      .select<FeedMeetingRow[]>(
        'm.id',
        'm.project_id',
        'p.title',
        'm.starts_at',
        'm.ends_at',
        'm.place',
        'm.online_link',
        'm.sequence',
      );
    return rows.map((r) => ({
      id: toNumber(r.id),
      projectId: toNumber(r.project_id),
      projectTitle: r.title,
      startsAt: toInstant(r.starts_at)!,
      endsAt: toInstant(r.ends_at)!,
      place: r.place,
      onlineLink: r.online_link,
      sequence: toNumber(r.sequence),
    }));
  }
}
