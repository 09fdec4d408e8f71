import type { ReportRequest } from '../reports/reports.service.js';

/** What a share link shows (issue 21, item 3). */
export type ShareKind = 'report' | 'results';
export type ShareTarget = { kind: 'report'; request: ReportRequest } | { kind: 'results'; projectId: number };

/** How long a link may live: chosen by its maker, never longer than 90 days. */
export const SHARE_DAYS = [7, 30, 90] as const;
export const SHARE_MAX_DAYS = 90;

export interface ShareLink {
  id: number;
  organisationId: number;
  target: ShareTarget;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  views: number;
  lastViewedAt: string | null;
}
