import type { Locale } from '../../config.js';
import { formatNumber, type Translate } from '../../lib/i18n.js';
import { peopleCount, primaryState, suppressGroup, type CellState } from './small-numbers.js';

/** The order in which invitation outcomes are listed; any other status follows. */
export const OUTCOME_ORDER = ['accepted', 'waitlisted', 'declined', 'expired', 'withdrawn', 'sent', 'undeliverable'];
/** Decline reasons that are health data: never shown to a supervisor, not even as a count. */
export const HEALTH_REASONS = new Set(['health']);
const DECIDED = ['accepted', 'waitlisted', 'declined', 'expired'];

export type Audience = 'supervisor' | 'staff';

/** The counts of people in a report, as the report service computes them. */
export interface ReportCounts {
  headline: { people: number; previous: { people: number } };
  network: {
    active: number;
    created: number;
    byKind: Array<{ kind: string; count: number }>;
    withLivedExperience: number;
    termsEnding: number;
    involved12Months: number;
    unused12Months: number;
  };
  invitations: {
    sent: number;
    byStatus: Record<string, number>;
    declineReasons: Array<{ reason: string; count: number }>;
    acceptance: number | null;
  };
  previousInvitations: { byStatus: Record<string, number>; acceptance: number | null };
  fairness: { atCap: number };
  recruitment: Array<{ holders: number }>;
  trend: Array<{ people: number }>;
}

/** The share of invitations accepted, unless one of the counts it is made of is small or withheld. */
function acceptance(
  share: number | null,
  byStatus: Record<string, number>,
  states: Record<string, CellState>,
  num: (v: number) => string,
  t: Translate,
): string {
  if (share === null) return '–';
  // a share of a few invitations gives small counts back by division, as a total does by subtraction
  if (DECIDED.some((s) => (states[s] ?? primaryState(byStatus[s] ?? 0)) !== 'shown')) return t('reports.withheld');
  return `${num(share * 100)} %`;
}

/**
 * Every count of people in a report as the reader may see it, decided once for the page, its CSV, the dashboard
 * and the weekly digest: small cells read "fewer than 5", a cell that subtraction from a shown total would give
 * back is withheld too (kinds of representative in the active total, took part and not involved, invitation
 * outcomes in the invitations sent, decline reasons in the declined), and a supervisor never sees a health-related
 * decline reason.
 */
export function reportPeople(report: ReportCounts, audience: Audience, t: Translate, locale: Locale) {
  const num = (v: number) => formatNumber(v, locale, { maximumFractionDigits: 0 });
  const people = (count: number, state?: CellState) => peopleCount(count, t, locale, state);
  const net = report.network;

  // the kinds add up to the active total, and so do those who took part in 12 months and those who did not
  const kinds = suppressGroup(
    net.byKind.map((k) => ({ count: k.count })),
    net.active,
  );
  const split = suppressGroup([{ count: net.involved12Months }, { count: net.unused12Months }], net.active);
  const activeState: CellState = [kinds.total, split.total].includes('withheld') ? 'withheld' : kinds.total;

  // decline reasons add up to the declined; the outcomes add up to the invitations sent
  const inv = report.invitations;
  const reasonCells = inv.declineReasons.map((r) => ({
    count: r.count,
    hidden: audience === 'supervisor' && HEALTH_REASONS.has(r.reason),
  }));
  const reasons = suppressGroup(reasonCells, inv.byStatus.declined ?? 0);
  const statuses = [
    ...OUTCOME_ORDER.filter((s) => s in inv.byStatus),
    ...Object.keys(inv.byStatus).filter((s) => !OUTCOME_ORDER.includes(s)),
  ];
  const outcomes = suppressGroup(
    statuses.map((s) => ({ count: inv.byStatus[s]!, hidden: s === 'declined' && reasons.total === 'withheld' })),
    inv.sent,
  );
  // staff answer for each invitation on the project's page: the report hides nothing from them there
  const outcomeStates: Record<string, CellState> = Object.fromEntries(
    statuses.map((s, i) => [s, audience === 'staff' ? 'shown' : outcomes.cells[i]!]),
  );
  const reasonStates = reasons.cells.map((state) => (audience === 'staff' ? 'shown' : state));
  const previousStates = Object.fromEntries(
    Object.entries(report.previousInvitations.byStatus).map(([s, c]) => [
      s,
      audience === 'staff' ? 'shown' : primaryState(c),
    ]),
  );

  return {
    headline: {
      people: people(report.headline.people),
      previousPeople: people(report.headline.previous.people),
      acceptance: acceptance(inv.acceptance, inv.byStatus, outcomeStates, num, t),
      previousAcceptance: acceptance(
        report.previousInvitations.acceptance,
        report.previousInvitations.byStatus,
        previousStates,
        num,
        t,
      ),
    },
    trend: report.trend.map((m) => people(m.people)),
    network: {
      active: people(net.active, activeState),
      created: people(net.created),
      byKind: net.byKind.map((k, i) => ({ kind: k.kind, value: people(k.count, kinds.cells[i]) })),
      withLivedExperience: people(net.withLivedExperience),
      termsEnding: people(net.termsEnding),
      unused12Months: people(net.unused12Months, split.cells[1]),
    },
    invitations: {
      sent: people(inv.sent, audience === 'staff' ? 'shown' : outcomes.total),
      byStatus: statuses
        .filter((s) => inv.byStatus[s])
        .map((s) => ({
          status: s,
          // a declined count withheld for its reasons' sake reads "not shown", never its number
          value: people(inv.byStatus[s]!, outcomeStates[s]),
        })),
      declineReasons: inv.declineReasons
        .map((r, i) => ({ reason: r.reason, value: people(r.count, reasonStates[i]), hidden: reasonCells[i]!.hidden }))
        .filter((r) => !r.hidden)
        .map(({ reason, value }) => ({ reason, value })),
    },
    atCap: people(report.fairness.atCap),
    recruitmentHolders: report.recruitment.map((r) => people(r.holders)),
  };
}

export type ReportPeople = ReturnType<typeof reportPeople>;
