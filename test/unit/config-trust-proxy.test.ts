import { expect } from 'chai';
import { loadConfig, parseTrustProxy } from '../../src/config.js';

describe('config: TRUST_PROXY', () => {
  const accepted: Array<[string | undefined, false | number | string[]]> = [
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['1', 1],
    [' 2 ', 2],
    ['10', 10],
    ['10.0.0.5', ['10.0.0.5']],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['10.0.0.0/8, 192.168.1.2', ['10.0.0.0/8', '192.168.1.2']],
    ['loopback', ['loopback']],
    ['loopback,linklocal,uniquelocal', ['loopback', 'linklocal', 'uniquelocal']],
    ['::1', ['::1']],
    ['fd00::/8', ['fd00::/8']],
  ];
  for (const [raw, expected] of accepted) {
    it(`accepts ${JSON.stringify(raw)} as ${JSON.stringify(expected)}`, () => {
      expect(parseTrustProxy(raw)).to.deep.equal(expected);
    });
  }

  const refused: Array<[string, RegExp]> = [
    ['true', /TRUST_PROXY=true.*X-Forwarded-For.*number of proxies.*usually 1.*addresses or subnets/],
    ['TRUE ', /TRUST_PROXY=true/],
    ['11', /hop count from 0 to 10/],
    ['-1', /neither an address nor a subnet \(-1\)/],
    ['1.5', /neither an address nor a subnet \(1\.5\)/],
    ['proxy.example', /neither an address nor a subnet \(proxy\.example\)/],
    ['10.0.0.0/33', /\(10\.0\.0\.0\/33\)/],
    ['10.0.0.0/8/8', /\(10\.0\.0\.0\/8\/8\)/],
    ['10.0.0.1,', /neither an address nor a subnet/],
    ['10.0.0.256', /\(10\.0\.0\.256\)/],
    ['fd00::/129', /\(fd00::\/129\)/],
  ];
  for (const [raw, message] of refused) {
    it(`refuses ${JSON.stringify(raw)} with a message saying what to set`, () => {
      expect(() => parseTrustProxy(raw)).to.throw(message);
      expect(() => parseTrustProxy(raw)).to.throw(/set TRUST_PROXY to the number of proxies/);
    });
  }

  it('refuses TRUST_PROXY=true at start in production, development and test alike', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://relay.example:587' };
    for (const env of [production, { NODE_ENV: 'development' }, { NODE_ENV: 'test' }]) {
      expect(() => loadConfig({ ...env, TRUST_PROXY: 'true' })).to.throw(/TRUST_PROXY=true/);
    }
  });

  it('starts in production with a hop count or the proxies’ subnets', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://relay.example:587' };
    expect(loadConfig({ ...production, TRUST_PROXY: '1' }).trustProxy).to.equal(1);
    expect(loadConfig({ ...production, TRUST_PROXY: '10.1.0.0/16' }).trustProxy).to.deep.equal(['10.1.0.0/16']);
  });
});
