import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';

describe('config', () => {
  it('refuses to start in production without a session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(/SESSION_SECRET/);
  });

  it('starts in production with a long enough session secret and OWASP scrypt cost', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      SMTP_URL: 'smtp://relay.example:587',
    });
    expect(config.scryptLog2N).to.equal(17);
    expect(config.seedDemo).to.equal(false);
  });

  it('refuses to start in production without SMTP_URL, where e-mail would only be captured', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).to.throw(/SMTP_URL/);
  });

  it('captures e-mail in development without SMTP_URL and refuses an SMTP_URL that is not smtp', () => {
    expect(loadConfig({}).smtpUrl).to.equal(undefined);
    expect(() => loadConfig({ SMTP_URL: 'http://relay.example' })).to.throw(/SMTP_URL/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).to.throw(/postgres/);
  });

  it('refuses a PORT that is not a port number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(/PORT/);
  });

  it('defaults to port 3000, Norwegian and the SQLite file under data/', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3000);
    expect(config.defaultLocale).to.equal('nb');
    expect(config.sqliteFile).to.match(/data[\\/]medvirk\.sqlite$/);
  });
});
