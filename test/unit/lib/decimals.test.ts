import { expect } from 'chai';
import { decimalField, formatDecimalInput, parseDecimal } from '../../../src/lib/decimals.js';

describe('decimals in forms (issue 14, item 13)', () => {
  const cases: Array<[string, number | undefined]> = [
    ['312,50', 312.5],
    ['312.50', 312.5],
    ['312', 312],
    [' 312,5 ', 312.5],
    ['1 312,50', 1312.5],
    ['1\u00a0312,50', 1312.5],
    ['1.312,50', 1312.5],
    ['1,312.50', 1312.5],
    ['0,35', 0.35],
    ['-10', -10],
    ['1.312', undefined], // three decimals: refused rather than read as a thousand
    ['312,505', undefined],
    ['3,12,50', undefined],
    ['12.34,5', undefined],
    ['', undefined],
    ['tre hundre', undefined],
    ['1e3', undefined],
    ['Infinity', undefined],
  ];
  for (const [typed, expected] of cases) {
    it(`reads "${typed}" as ${String(expected)}`, () => {
      expect(parseDecimal(typed)).to.equal(expected);
    });
  }

  it('allows whole numbers only when no decimals are allowed', () => {
    expect(parseDecimal('12', 0)).to.equal(12);
    expect(parseDecimal('12,5', 0)).to.equal(undefined);
  });

  const shown: Array<[number, string, number | undefined, string]> = [
    [300, 'nb', 2, '300,00'],
    [312.5, 'nb', 2, '312,50'],
    [312.5, 'en', 2, '312.50'],
    [1312.5, 'nb', 2, '1312,50'],
    [0.35, 'nb', undefined, '0,35'],
    [0.2, 'en', undefined, '0.2'],
    [2, 'nb', undefined, '2'],
    [1.5, 'nb', undefined, '1,5'],
  ];
  for (const [value, locale, digits, expected] of shown) {
    it(`shows ${value} in a ${locale} form as "${expected}", which reads back as the same number`, () => {
      expect(formatDecimalInput(value, locale, digits)).to.equal(expected);
      expect(parseDecimal(expected)).to.equal(value);
    });
  }

  it('refuses a number out of bounds with the given message key', () => {
    const field = decimalField('x.errors.rate', { min: 0, max: 100 });
    expect(field.safeParse('99,5')).to.deep.include({ success: true, data: 99.5 });
    const refused = field.safeParse('100,01');
    expect(refused.success).to.equal(false);
    expect(refused.error?.issues[0]?.message).to.equal('x.errors.rate');
    expect(field.safeParse(undefined).success).to.equal(false);
  });
});
