import { expect } from 'chai';
import { hashPassword, verifyPassword } from '../../../src/lib/passwords.js';
import { passwordProblem } from '../../../src/lib/password-policy.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple', 10);
    expect(hash).to.match(/^scrypt\$10\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', hash)).to.equal(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).to.equal(false);
  });

  it('works at the production cost, N=2^17 with r=8 and p=1 (needs maxmem above the 32 MiB default)', async function () {
    this.timeout(30_000);
    const hash = await hashPassword('a production password', 17);
    expect(hash.startsWith('scrypt$17$8$1$')).to.equal(true);
    expect(await verifyPassword('a production password', hash)).to.equal(true);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'md5$abc')).to.equal(false);
    expect(await verifyPassword('x', '')).to.equal(false);
  });
});

describe('password policy', () => {
  it('refuses passwords shorter than 12 characters', () => {
    expect(passwordProblem('short-pass1')).to.equal('password.errors.tooShort');
  });

  it('refuses overlong passwords', () => {
    expect(passwordProblem('x'.repeat(257))).to.equal('password.errors.tooLong');
  });

  it('refuses the most common passwords and simple repetitions, whatever the case', () => {
    for (const p of ['Password1234', 'passord123456', '123456789012', 'aaaaaaaaaaaa', 'abcabcabcabc', 'Velkommen123']) {
      expect(passwordProblem(p), p).to.equal('password.errors.common');
    }
  });

  it('refuses a password built on the e-mail address', () => {
    expect(passwordProblem('kari.nordmann2026', { email: 'kari.nordmann@kommune.no' })).to.equal(
      'password.errors.personal',
    );
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('tre blå hester på isen', { email: 'kari@kommune.no', name: 'Kari Nordmann' })).to.equal(
      undefined,
    );
  });
});
