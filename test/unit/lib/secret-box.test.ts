import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { open, seal } from '../../../src/lib/secret-box.js';
import { loadConfig } from '../../../src/config.js';

describe('the secret box (client secrets sealed under SSO_SECRET_KEY)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and a fresh nonce makes every sealing different', () => {
    const a = seal('a client secret', key);
    const b = seal('a client secret', key);
    expect(a).not.to.equal(b);
    expect(a).not.to.contain('client');
    expect(open(a, key)).to.equal('a client secret');
    expect(open(b, key)).to.equal('a client secret');
  });

  it('opens nothing under another key, or when a character was changed', () => {
    const sealed = seal('secret', key);
    expect(open(sealed, randomBytes(32))).to.equal(undefined);
    const parts = sealed.split('.');
    parts[3] = parts[3]!.startsWith('A') ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(open(parts.join('.'), key)).to.equal(undefined);
    expect(open('not sealed', key)).to.equal(undefined);
  });
});

describe('config: single sign-on', () => {
  const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://relay.example:587' };

  it('reads SSO_SECRET_KEY as hex or base64 of 32 bytes, and refuses another length', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ ...production, SSO_SECRET_KEY: hex }).ssoSecretKey?.toString('hex')).to.equal(hex);
    const b64 = randomBytes(32).toString('base64');
    expect(loadConfig({ ...production, SSO_SECRET_KEY: b64 }).ssoSecretKey?.toString('base64')).to.equal(b64);
    expect(() => loadConfig({ ...production, SSO_SECRET_KEY: 'short' })).to.throw(/SSO_SECRET_KEY/);
  });

  it('has no key in production without SSO_SECRET_KEY (SSO cannot be set up), and derives one elsewhere', () => {
    expect(loadConfig(production).ssoSecretKey).to.equal(undefined);
    expect(loadConfig({}).ssoSecretKey).to.have.length(32);
  });

  it('allows plain-http providers only outside production', () => {
    expect(loadConfig({ OIDC_ALLOW_HTTP: 'true' }).oidcAllowHttp).to.equal(true);
    expect(loadConfig({}).oidcAllowHttp).to.equal(false);
    expect(() => loadConfig({ ...production, OIDC_ALLOW_HTTP: 'true' })).to.throw(/OIDC_ALLOW_HTTP/);
  });
});
