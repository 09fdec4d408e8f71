import { expect } from 'chai';
import { toBool, toInstant, toIsoDate, toNumber } from '../../../src/lib/db-values.js';

describe('database value conversion', () => {
  it('reads counts from either engine as numbers', () => {
    expect(toNumber('42')).to.equal(42);
    expect(toNumber(42)).to.equal(42);
    expect(toNumber(null)).to.equal(0);
    expect(() => toNumber('x')).to.throw(TypeError);
  });

  it('reads booleans from 0/1 and true/false', () => {
    expect([toBool(1), toBool(true), toBool(0), toBool(false), toBool(null)]).to.deep.equal([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('reads instants from Date objects and strings as ISO UTC', () => {
    expect(toInstant(new Date('2026-01-02T03:04:05Z'))).to.equal('2026-01-02T03:04:05.000Z');
    expect(toInstant('2026-01-02T03:04:05.000Z')).to.equal('2026-01-02T03:04:05.000Z');
    expect(toInstant(null)).to.equal(null);
  });

  it('reads dates as YYYY-MM-DD', () => {
    expect(toIsoDate('2026-05-17')).to.equal('2026-05-17');
    expect(toIsoDate(null)).to.equal(null);
  });
});
