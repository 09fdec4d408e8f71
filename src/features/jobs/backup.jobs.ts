import fs from 'node:fs';
import path from 'node:path';
import { daily, type JobDefinition } from './scheduler.js';

/** The local hour of the nightly backup: before the purges at 03:00, while nobody works. */
export const BACKUP_HOUR = 2;

/** The names the nightly backup gives its files (the time is the run's, in the installation's zone). */
const BACKUP_NAME = /^medvirk-\d{4}-\d{2}-\d{2}T\d{6}\.sqlite$/;

/**
 * The nightly backup of the embedded SQLite database into BACKUP_DIR (registered only when it is set, and only on
 * SQLite: PostgreSQL is backed up with pg_dump), keeping the newest BACKUP_KEEP files it made. The copy itself is
 * `makeBackup` (db:backup's VACUUM INTO, checked, under a temporary name until it is whole), given by services.ts.
 * Files in the folder that the job did not name are never deleted.
 */
export function backupJobs(deps: {
  makeBackup: (file: string) => { bytes: number };
  folder: string;
  keep: number;
  timeZone: string;
}): JobDefinition[] {
  return [
    {
      name: 'nightly-backup',
      ...daily(deps.timeZone, BACKUP_HOUR),
      run: (now) => {
        fs.mkdirSync(deps.folder, { recursive: true });
        const name = `medvirk-${now.setZone(deps.timeZone).toFormat("yyyy-MM-dd'T'HHmmss")}.sqlite`;
        const { bytes } = deps.makeBackup(path.join(deps.folder, name));
        const ours = fs
          .readdirSync(deps.folder)
          .filter((file) => BACKUP_NAME.test(file))
          .sort();
        const old = ours.slice(0, Math.max(0, ours.length - deps.keep));
        for (const file of old) fs.rmSync(path.join(deps.folder, file), { force: true });
        return Promise.resolve({ bytes, kept: ours.length - old.length, deleted: old.length });
      },
    },
  ];
}
