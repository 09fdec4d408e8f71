import { expect } from 'chai';
import { BenchUsageError, parseBenchArgs } from '../../bench/options.js';

describe('bench options (npm run bench -- …)', () => {
  it('runs the whole bench without arguments, and the named rows or modes with them', () => {
    expect(parseBenchArgs([])).to.deep.equal({ mode: 'main' });
    expect(parseBenchArgs(['bulk'])).to.deep.equal({ mode: 'bulk' });
    expect(parseBenchArgs(['sign-in', 'import-preview'])).to.deep.equal({
      mode: 'rows',
      rows: ['sign-in', 'import-preview'],
    });
    expect(parseBenchArgs(['--national'])).to.deep.equal({
      mode: 'national',
      organisations: 357,
      scale: 1,
      seconds: 10,
      warmup: 3,
    });
    expect(parseBenchArgs(['--national', '--organisations=5', '--scale=0.02', '--seconds', '2'])).to.include({
      organisations: 5,
      scale: 0.02,
      seconds: 2,
    });
    expect(parseBenchArgs(['--mixed'])).to.deep.equal({ mode: 'mixed', users: 50, seconds: 60 });
    expect(parseBenchArgs(['--growth', '--sizes=1000,10000'])).to.deep.equal({
      mode: 'growth',
      sizes: [1000, 10000],
      seconds: 5,
      warmup: 2,
    });
  });

  const refusals: Array<[string[], RegExp]> = [
    [['--national', '--organisations=-3'], /--organisations must be a whole number from 2 to 999, not "-3"/],
    [['--national', '--organisations=1'], /--organisations must be a whole number from 2 to 999, not "1"/],
    [['--national', '--scale=2'], /--scale must be a number above 0 and at most 1, not "2"/],
    [['--national', '--scale=abc'], /--scale must be/],
    [['--mixed', '--users=ten'], /--users must be a whole number from 1 to 500, not "ten"/],
    [['--growth', '--sizes=1000,-5'], /--sizes must be a whole number/],
    [['--growth', '--sizes='], /--sizes must be a whole number/],
    [['--nationl'], /Unknown option '--nationl'/],
    [['--national', '--mixed'], /choose one mode, not --national and --mixed/],
    [['--mixed', '--organisations=3'], /--organisations does not apply to --mixed/],
    [['--users=3'], /--users does not apply without a mode/],
    [['--national', 'sign-in'], /--national takes no row names/],
    [['everything'], /unknown bench mode or row "everything" \(known: --national/],
  ];
  for (const [argv, message] of refusals)
    it(`refuses ${argv.join(' ')} with one clear line`, () => {
      expect(() => parseBenchArgs(argv))
        .to.throw(BenchUsageError, message)
        .with.property('message')
        .that.does.not.include('\n');
    });
});
