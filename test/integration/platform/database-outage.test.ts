import net from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import { loadConfig, type Config } from '../../../src/config.js';
import { createDb, type Db } from '../../../src/db.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createServices } from '../../../src/services.js';
import { createApp } from '../../../src/app.js';
import { buildOrganisation, buildUser } from '../../helpers/builders.js';
import { freshDatabase, testEngine } from '../../helpers/db.js';
import { signIn } from '../../helpers/forms.js';

// Issue 19, item 2(b): a PostgreSQL connection that stopped answering (a network outage) held requests for 60 s,
// then starved the pool, and /healthz took 5 s to say 503. The app here reaches PostgreSQL through a TCP proxy
// inside the test; "cutting" it stops forwarding in both directions without closing anything (the packets go
// nowhere, as in an outage), "mending" it forwards again what was held. The machine's PostgreSQL is not touched.
// PostgreSQL only: SQLite is a file in the process, there is no network to lose.

/**
 * A TCP proxy on 127.0.0.1 to the PostgreSQL server that can stop forwarding without closing a socket: while cut,
 * what either side sends is held (as the network would retransmit it later), and delivered when it is mended.
 */
class OutageProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly held: Array<{ to: net.Socket; data: Buffer }> = [];
  private cut = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      const forward = (from: net.Socket, to: net.Socket) => {
        this.sockets.add(from);
        from.on('data', (data: Buffer) => {
          if (this.cut) this.held.push({ to, data });
          else to.write(data);
        });
        from.on('end', () => to.end());
        from.on('error', () => to.destroy());
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
      };
      forward(client, upstream);
      forward(upstream, client);
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Stops forwarding in both directions; nothing is closed. */
  cutOff(): void {
    this.cut = true;
  }

  /** Forwards again, starting with what was held. */
  mend(): void {
    this.cut = false;
    for (const { to, data } of this.held.splice(0)) if (!to.destroyed) to.write(data);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Runs a request and measures how long it took to answer. */
async function timed<T>(run: () => PromiseLike<T>): Promise<{ res: T; ms: number }> {
  const start = performance.now();
  const res = await run();
  return { res, ms: performance.now() - start };
}

describe('PostgreSQL stops answering (network outage; PostgreSQL only)', function () {
  this.timeout(90_000);
  let proxy: OutageProxy | undefined;
  const dbs: Db[] = [];
  let services: ReturnType<typeof createServices> | undefined;

  before(function () {
    // a network between the app and its database exists on PostgreSQL only
    if (testEngine !== 'pg') this.skip();
  });
  afterEach(async () => {
    proxy?.mend();
    services?.runtime.mailSender.close();
    await Promise.all(dbs.splice(0).map((db) => db.destroy()));
    await proxy?.close();
    proxy = undefined;
  });

  it('answers requests with the 503 page within the time limit, /healthz within a second, and recovers', async () => {
    const database = await freshDatabase();
    const direct = new URL(database.databaseUrl!);
    proxy = new OutageProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.start();
    const viaProxy = new URL(direct);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const config: Config = {
      ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DB_TIMEOUT_MS: '1500' }),
      databaseUrl: viaProxy.toString(),
      sqliteFile: '',
    };
    const setup = createDb(database);
    dbs.push(setup);
    const org = await buildOrganisation(setup);
    const user = await buildUser(setup, org, { role: 'facilitator' });

    const db = createDb(config, { poolMax: 4 });
    dbs.push(db);
    services = createServices({ config, db, clock: new ManualClock(), logger: createLogger('silent') });
    const app = createApp(services);
    const { agent } = await signIn(app, user.email, user.password);
    await agent.get('/skills').expect(200);
    await request(app).get('/healthz').expect(200);
    await request(app).get('/readyz').expect(200);

    proxy.cutOff();
    // more requests at once than the pool has connections: none waits for the whole outage
    const during = await Promise.all(Array.from({ length: 8 }, () => timed(() => agent.get('/skills'))));
    for (const { res, ms } of during) {
      expect(res.status).to.equal(503);
      expect(res.headers['retry-after']).to.equal('30');
      expect(res.text).to.include('<html');
      expect(ms, `answered in ${Math.round(ms)} ms`).to.be.below(10_000);
    }
    const health = await timed(() => request(app).get('/healthz'));
    expect(health.res.status).to.equal(503);
    expect(health.res.body).to.deep.equal({ status: 'unavailable', database: 'down' });
    expect(health.ms, `/healthz answered in ${Math.round(health.ms)} ms`).to.be.below(1000);
    const ready = await timed(() => request(app).get('/readyz'));
    expect(ready.res.status).to.equal(503);
    expect(ready.res.body).to.include({ status: 'unavailable', database: 'down' });
    expect(ready.ms, `/readyz answered in ${Math.round(ready.ms)} ms`).to.be.below(1000);

    proxy.mend();
    await agent.get('/skills').expect(200);
    await request(app).get('/healthz').expect(200);
    await request(app).get('/readyz').expect(200);
  });
});
