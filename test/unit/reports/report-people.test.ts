import { expect } from 'chai';
import { reportPeople, type ReportCounts } from '../../../src/features/reports/report-people.js';
import { translator } from '../../../src/lib/i18n.js';

const en = translator('en');

/** The review's figures (issue 15 finding 4). */
function review(): ReportCounts {
  return {
    headline: { people: 3, previous: { people: 12 } },
    network: {
      active: 29,
      created: 0,
      byKind: [
        { kind: 'next_of_kin', count: 9 },
        { kind: 'patient', count: 16 },
        { kind: 'user_organisation', count: 4 },
      ],
      withLivedExperience: 7,
      termsEnding: 2,
      involved12Months: 3,
      unused12Months: 26,
    },
    invitations: {
      sent: 16,
      byStatus: { accepted: 3, declined: 6, expired: 7 },
      declineReasons: [
        { reason: 'health', count: 1 },
        { reason: 'timing', count: 5 },
      ],
      acceptance: 3 / 16,
    },
    previousInvitations: { byStatus: { accepted: 10, declined: 10 }, acceptance: 0.5 },
    fairness: { atCap: 0 },
    recruitment: [{ holders: 4 }, { holders: 30 }],
    trend: [{ people: 0 }, { people: 3 }],
  };
}

describe('counts of people in a report', () => {
  it('withholds the next smallest kind when one is under 5 beside the active total (29 − 9 − 16 = 4)', () => {
    const p = reportPeople(review(), 'supervisor', en, 'en');
    expect(p.network.active).to.equal('29');
    expect(p.network.byKind.map((k) => k.value)).to.deep.equal(['not shown', '16', 'fewer than 5']);
  });

  it('withholds "not involved" when those who took part are under 5 (29 − 26 = 3)', () => {
    expect(reportPeople(review(), 'supervisor', en, 'en').network.unused12Months).to.equal('not shown');
  });

  it('never shows a supervisor the health reason, and withholds another reason so the declined do not give it back', () => {
    const p = reportPeople(review(), 'supervisor', en, 'en');
    expect(p.invitations.declineReasons).to.deep.equal([{ reason: 'timing', value: 'not shown' }]);
    const staff = reportPeople(review(), 'staff', en, 'en');
    expect(staff.invitations.declineReasons.map((r) => r.reason)).to.deep.equal(['health', 'timing']);
  });

  it('suppresses invitation outcomes like any count of people, and the acceptance share made of them', () => {
    const p = reportPeople(review(), 'supervisor', en, 'en');
    expect(p.invitations.byStatus).to.deep.equal([
      { status: 'accepted', value: 'fewer than 5' },
      { status: 'declined', value: 'not shown' },
      { status: 'expired', value: '7' },
    ]);
    expect(p.headline.acceptance).to.equal('not shown');
    expect(p.headline.previousAcceptance).to.equal('50 %');
    // staff answer for each invitation on the project's page: their report keeps the outcomes as they are
    const staff = reportPeople(review(), 'staff', en, 'en');
    expect(staff.invitations.byStatus.map((o) => o.value)).to.deep.equal(['3', '6', '7']);
    expect(staff.headline.acceptance).to.equal('19 %');
  });

  it('shows small single counts as "fewer than 5" and zeros as they are', () => {
    const p = reportPeople(review(), 'supervisor', en, 'en');
    expect(p.headline.people).to.equal('fewer than 5');
    expect(p.network.termsEnding).to.equal('fewer than 5');
    expect(p.network.created).to.equal('0');
    expect(p.recruitmentHolders).to.deep.equal(['fewer than 5', '30']);
    expect(p.trend).to.deep.equal(['0', 'fewer than 5']);
  });
});
