import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';

describe('config', () => {
  it('refuses to start in production without a session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(/SESSION_SECRET/);
  });

  it('starts in production with a long enough session secret and OWASP scrypt cost', () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    expect(config.scryptLog2N).to.equal(17);
    expect(config.seedDemo).to.equal(false);
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
