export type ActorType = 'user' | 'representative' | 'system' | 'anonymous';

export interface AuditEventInput {
  organisationId: number | null;
  actorType: ActorType;
  actorUserId?: number | null;
  actorRepresentativeId?: number | null;
  action: string;
  entityType?: string;
  entityId?: number | null;
  /** Ids and codes only: never names, e-mail addresses or health data. */
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditEvent {
  id: number;
  actorType: ActorType;
  actorUserId: number | null;
  actorName: string | null;
  /** The catalog key that names an actor without a user name (e.g. the representative on their own page). */
  actorKey: string;
  action: string;
  entityType: string;
  entityId: number | null;
  /**
   * The record's name now, for a link to its page: a representative's name (not once erased), a project's title or a
   * user's name in the same organisation; null when there is none (another kind, or the record is gone).
   */
  entityName: string | null;
  /** The record was a representative who has since been erased: shown without a name. */
  entityErased: boolean;
  details: Record<string, unknown>;
  occurredAt: string;
  /** How many times it happened: more than 1 for a refusal repeated by one source within one window. */
  occurrences: number;
}

/**
 * How to name an actor that is not a user: a representative's own changes (actions on `representative.`, made on
 * their /me page) are "the representative (own page)"; answers through an invitation link stay "through a link".
 */
export function actorKey(actorType: ActorType, action: string): string {
  if (actorType === 'representative' && action.startsWith('representative.')) return 'audit.actors.ownPage';
  return `audit.actors.${actorType}`;
}

export interface AuditFilter {
  action?: string;
  actorUserId?: number;
  from?: string;
  to?: string;
}
