import { expect } from 'chai';
import { ManualClock } from '../../../src/lib/clock.js';
import { VersionedCache } from '../../../src/lib/versioned-cache.js';

const org1v1 = { organisationId: 1, version: 1 };

/** A loader that counts its calls and returns the call number. */
function counter() {
  let calls = 0;
  const load = () => Promise.resolve(++calls);
  return { load, calls: () => calls };
}

describe('VersionedCache', () => {
  it('when the same organisation, version and key are asked twice then it loads once', async () => {
    const cache = new VersionedCache({ capacity: 10 });
    const c = counter();
    expect(await cache.get(org1v1, 'all', c.load)).to.equal(1);
    expect(await cache.get(org1v1, 'all', c.load)).to.equal(1);
    expect(c.calls()).to.equal(1);
  });

  it('when the roster version changes then it loads again', async () => {
    const cache = new VersionedCache({ capacity: 10 });
    const c = counter();
    await cache.get(org1v1, 'all', c.load);
    expect(await cache.get({ organisationId: 1, version: 2 }, 'all', c.load)).to.equal(2);
  });

  it('when another organisation asks for the same key at the same version then it loads its own value', async () => {
    const cache = new VersionedCache({ capacity: 10 });
    const c = counter();
    await cache.get(org1v1, 'all', c.load);
    expect(await cache.get({ organisationId: 2, version: 1 }, 'all', c.load)).to.equal(2);
  });

  it('when two requests ask at the same time then they share one load', async () => {
    const cache = new VersionedCache({ capacity: 10 });
    const c = counter();
    const [a, b] = await Promise.all([cache.get(org1v1, 'k', c.load), cache.get(org1v1, 'k', c.load)]);
    expect([a, b, c.calls()]).to.deep.equal([1, 1, 1]);
  });

  it('when a load fails then the failure is not kept and the next request loads again', async () => {
    const cache = new VersionedCache({ capacity: 10 });
    let error: unknown;
    await cache.get(org1v1, 'k', () => Promise.reject(new Error('down'))).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('down');
    expect(await cache.get(org1v1, 'k', () => Promise.resolve('up'))).to.equal('up');
  });

  it('when keep refuses a value then it is returned but not kept', async () => {
    const cache = new VersionedCache({ capacity: 10 });
    const c = counter();
    expect(await cache.get(org1v1, 'k', c.load, () => false)).to.equal(1);
    expect(await cache.get(org1v1, 'k', c.load, () => false)).to.equal(2);
    expect(cache.size).to.equal(0);
  });

  it('when full then the least recently used entry makes room, not all of them', async () => {
    const cache = new VersionedCache({ capacity: 2 });
    const a = counter();
    const b = counter();
    const c = counter();
    await cache.get(org1v1, 'a', a.load);
    await cache.get(org1v1, 'b', b.load);
    await cache.get(org1v1, 'a', a.load); // a is now the most recently used
    await cache.get(org1v1, 'c', c.load); // b makes room
    expect(cache.size).to.equal(2);
    await cache.get(org1v1, 'a', a.load);
    await cache.get(org1v1, 'b', b.load);
    expect([a.calls(), b.calls(), c.calls()]).to.deep.equal([1, 2, 1]);
  });

  it('when a maximum age is set then an entry is served until it is reached, by the clock', async () => {
    const clock = new ManualClock();
    const cache = new VersionedCache({ capacity: 10, maxAge: { ms: 5 * 60_000, clock } });
    const c = counter();
    await cache.get(org1v1, 'k', c.load);
    clock.advance({ minutes: 4, seconds: 59 });
    expect(await cache.get(org1v1, 'k', c.load)).to.equal(1);
    clock.advance({ seconds: 1 });
    expect(await cache.get(org1v1, 'k', c.load)).to.equal(2);
  });

  it('refuses a capacity below one', () => {
    expect(() => new VersionedCache({ capacity: 0 })).to.throw(/capacity/);
  });
});
