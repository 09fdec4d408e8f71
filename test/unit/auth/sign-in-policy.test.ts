import { expect } from 'chai';
import { DEFAULT_SIGN_IN_LIMITS, retryDelaySeconds } from '../../../src/features/auth/sign-in-policy.js';

describe('the sign-in wait after failures in a row', () => {
  const cases: [failures: number, seconds: number][] = [
    [0, 0],
    [1, 0],
    [4, 0],
    [5, 60],
    [6, 120],
    [7, 240],
    [8, 480],
    [10, 1920],
    [11, 3600],
    [12, 3600],
    [1000, 3600],
  ];
  for (const [failures, seconds] of cases) {
    it(`waits ${seconds} s after ${failures} failures with the default limits`, () => {
      expect(retryDelaySeconds(failures, DEFAULT_SIGN_IN_LIMITS)).to.equal(seconds);
    });
  }

  it('follows other limits too', () => {
    const limits = { ...DEFAULT_SIGN_IN_LIMITS, freeFailures: 1, firstDelaySeconds: 2, maxDelaySeconds: 10 };
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelaySeconds(n, limits))).to.deep.equal([0, 2, 4, 8, 10, 10]);
  });
});
