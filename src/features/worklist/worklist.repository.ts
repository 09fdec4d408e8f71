import { on, type Db } from '../../db.js';
import { toInstant, toIsoDate } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { MarkState, WorklistMark } from './worklist.model.js';

interface MarkRow {
  item_key: string;
  state: MarkState;
  snoozed_until: string | Date | null;
  marked_at: string | Date;
  marked_by_name: string | null;
}

/** The team's marks on worklist items (done, snoozed until a day), and whether a user has work of their own. */
export class WorklistRepository {
  constructor(private readonly db: Db) {}

  /** Whether the user has any project or person of their own (the default view is then "mine"). */
  async hasOwnWork(organisationId: number, userId: number): Promise<boolean> {
    const [project, person] = await Promise.all([
      this.db('projects')
        .where({ organisation_id: organisationId, facilitator_user_id: userId })
        .first<{ id: number } | undefined>('id'),
      this.db('representatives')
        .where({ organisation_id: organisationId, contact_user_id: userId })
        .first<{ id: number } | undefined>('id'),
    ]);
    return project !== undefined || person !== undefined;
  }

  /**
   * The organisation's worklist version: the database counts it up on every change to the tables the worklist's
   * facts come from (see the migration worklist_version), so facts cached under it are never stale.
   */
  async version(organisationId: number): Promise<number> {
    const row = await this.db('organisations')
      .where({ id: organisationId })
      .first<{ worklist_version: number | string } | undefined>('worklist_version');
    return Number(row?.worklist_version ?? 0);
  }

  /** The organisation's marks, with who set them: one query. */
  async marks(organisationId: number): Promise<WorklistMark[]> {
    const rows = await this.db('worklist_marks as k')
      .leftJoin('users as u', 'u.id', 'k.marked_by_user_id')
      .where('k.organisation_id', organisationId)
      .select<MarkRow[]>('k.item_key', 'k.state', 'k.snoozed_until', 'k.marked_at', 'u.name as marked_by_name');
    return rows.map((r) => ({
      itemKey: r.item_key,
      state: r.state,
      snoozedUntil: toIsoDate(r.snoozed_until),
      markedByName: r.marked_by_name,
      markedAt: toInstant(r.marked_at)!,
    }));
  }

  /** Sets (or replaces) the team's mark on an item. */
  async setMark(
    mark: { organisationId: number; itemKey: string; state: MarkState; snoozedUntil: string | null; userId: number },
    now: string,
    tx?: Tx,
  ): Promise<void> {
    await on(
      this.db,
      tx,
    )('worklist_marks')
      .insert({
        organisation_id: mark.organisationId,
        item_key: mark.itemKey,
        state: mark.state,
        snoozed_until: mark.snoozedUntil,
        marked_by_user_id: mark.userId,
        marked_at: now,
      })
      .onConflict(['organisation_id', 'item_key'])
      .merge(['state', 'snoozed_until', 'marked_by_user_id', 'marked_at']);
  }

  /** Takes the mark off an item (it is back on the list); false when there was none. */
  async clearMark(organisationId: number, itemKey: string, tx?: Tx): Promise<boolean> {
    const n = await on(
      this.db,
      tx,
    )('worklist_marks')
      .where({ organisation_id: organisationId, item_key: itemKey })
      .delete();
    return n > 0;
  }

  /** Deletes marks set before the instant; returns how many. */
  async purgeMarks(before: string): Promise<number> {
    return this.db('worklist_marks').where('marked_at', '<', before).delete();
  }
}
