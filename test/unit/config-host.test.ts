import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';

// Issue 15, finding 12 (d): development mode has public demo passwords and a public session secret
describe('the address the app listens on', () => {
  it('is loopback only in development unless HOST is set', () => {
    expect(loadConfig({}).host).to.equal('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'development' }).host).to.equal('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).to.equal('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).to.equal('0.0.0.0');
    expect(loadConfig({ HOST: '::1' }).host).to.equal('::1');
  });

  it('is every address in production unless HOST is set', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://relay.example' };
    expect(loadConfig(production).host).to.equal('0.0.0.0');
    expect(loadConfig({ ...production, HOST: '10.0.0.5' }).host).to.equal('10.0.0.5');
  });

  it('treats an empty HOST as unset', () => {
    expect(loadConfig({ HOST: '' }).host).to.equal('127.0.0.1');
  });
});
