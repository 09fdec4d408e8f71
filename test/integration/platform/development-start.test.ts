import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { expect } from 'chai';
import { rootDir } from '../../../src/config.js';
import { freshDatabase } from '../../helpers/db.js';

// Issue 15, finding 12 (d): `npm start` without NODE_ENV is development, with public demo passwords and a public
// session secret: it listens on this machine only and says so at start
describe('starting in development mode', () => {
  it('listens on 127.0.0.1 and says that it is development', async function () {
    this.timeout(60_000);
    const database = await freshDatabase();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      WORKER_IN_APP: 'false',
      SCRYPT_LOG2N: '10',
      DATABASE_URL: database.databaseUrl ?? '',
      SQLITE_FILE: database.sqliteFile,
    };
    delete env.HOST;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(rootDir, 'src', 'server.ts')], {
      cwd: rootDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (/running/i.test(output) && output.endsWith('\n\n')) resolve();
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('exit', () => reject(new Error(`the server stopped: ${output}`)));
      });
    } finally {
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    }
    expect(output).to.match(/http:\/\/127\.0\.0\.1:\d+/);
    expect(output).to.match(/development mode/i);
    expect(output).to.match(/HOST/);
  });
});
