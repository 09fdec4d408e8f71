// npm run org:allow-passwords -- --org-id 3
// npm run org:allow-passwords -- --domain kommune.no
// Recovery when an organisation signs in through its provider only and the provider is lost (deleted, expired
// secret, no admin can reach it): password sign-in is allowed again for the organisation's users. Audited as the
// system's, "by the operator". An admin with a password (or one made with user:reset-password) then fixes or turns
// off the single sign-on on /admin/settings.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDb, migrateLatest } from '../db.js';
import { systemClock } from '../lib/clock.js';
import { createLogger } from '../lib/logger.js';
import { createServices } from '../services.js';

const say = (text: string) => process.stdout.write(`${text}\n`);
const { values } = parseArgs({ options: { 'org-id': { type: 'string' }, domain: { type: 'string' } } });
const orgId = values['org-id'] && /^\d+$/.test(values['org-id']) ? Number(values['org-id']) : undefined;
const domain = values.domain?.trim().toLowerCase();
if (orgId === undefined && !domain) {
  say('usage: npm run org:allow-passwords -- --org-id 3   (or --domain kommune.no)');
  process.exit(2);
}

const config = loadConfig();
const db = createDb(config);
try {
  await migrateLatest(db);
  const services = createServices({ config, db, clock: systemClock, logger: createLogger('error') });
  const id = orgId ?? (await services.ssoSettingsService.organisationOfDomain(domain!));
  if (id === undefined) throw new Error(`No organisation signs in with the domain ${domain}.`);
  const changed = await services.ssoSettingsService.allowPasswordsByOperator(id);
  say(
    changed
      ? `Password sign-in is allowed again for organisation ${id}.`
      : `Organisation ${id} has no single sign-on that stops passwords; nothing was changed.`,
  );
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
