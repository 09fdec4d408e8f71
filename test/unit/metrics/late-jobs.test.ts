import { expect } from 'chai';
import { DateTime } from 'luxon';
import { isLate, lateAfter } from '../../../src/features/metrics/late-jobs.js';
import { daily, every } from '../../../src/features/jobs/scheduler.js';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const none = { lastSuccessStartedAt: null, firstStartedAt: null, nextRunAt: null };

describe('when a scheduled job is late (not succeeded within twice its interval)', () => {
  const hourly = every({ hours: 1 });
  const nightly = daily('Europe/Oslo', 3).next;

  it('an hourly job that last succeeded at 10:00 is late after 12:00', () => {
    const history = { ...none, lastSuccessStartedAt: '2026-12-01T10:00:00.000Z' };
    expect(lateAfter(history, hourly)!.toISO()).to.equal('2026-12-01T12:00:00.000Z');
    expect(isLate(history, hourly, at('2026-12-01T12:00:00Z'))).to.equal(false);
    expect(isLate(history, hourly, at('2026-12-01T12:00:01Z'))).to.equal(true);
  });

  it('a nightly job (03:00 Oslo) that succeeded on the 1st is late after 03:00 on the 3rd, even when it ran late', () => {
    for (const started of ['2026-12-01T02:00:00.000Z', '2026-12-01T20:00:00.000Z']) {
      const history = { ...none, lastSuccessStartedAt: started };
      expect(lateAfter(history, nightly)!.toISO(), started).to.equal('2026-12-03T02:00:00.000Z');
    }
  });

  it('a job that never succeeded is late one interval after it was first due; one never due is never late', () => {
    expect(lateAfter({ ...none, firstStartedAt: '2026-12-01T10:00:00.000Z' }, hourly)!.toISO()).to.equal(
      '2026-12-01T11:00:00.000Z',
    );
    expect(lateAfter({ ...none, nextRunAt: '2026-12-02T02:00:00.000Z' }, nightly)!.toISO()).to.equal(
      '2026-12-03T02:00:00.000Z',
    );
    expect(lateAfter(none, hourly)).to.equal(null);
    expect(isLate(none, hourly, at('2030-01-01T00:00:00Z'))).to.equal(false);
  });
});
