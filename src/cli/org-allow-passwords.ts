// npm run org:allow-passwords -- --org-id 3
// npm run org:allow-passwords -- --domain kommune.no
// Recovery when an organisation signs in through its provider only and the provider is lost (deleted, expired
// secret, no admin can reach it): password sign-in is allowed again for the organisation's users. Audited as the
// system's, "by the operator". An admin with a password (or one made with user:reset-password) then fixes or turns
// off the single sign-on on /admin/settings.
import { parseArgs } from 'node:util';
import { say, withServices } from './operator.js';

const { values } = parseArgs({ options: { 'org-id': { type: 'string' }, domain: { type: 'string' } } });
const orgId = values['org-id'] && /^\d+$/.test(values['org-id']) ? Number(values['org-id']) : undefined;
const domain = values.domain?.trim().toLowerCase();
if (orgId === undefined && !domain) {
  say('usage: npm run org:allow-passwords -- --org-id 3   (or --domain kommune.no)');
  process.exit(2);
}

await withServices(async (services) => {
  const id = orgId ?? (await services.ssoSettingsService.organisationOfDomain(domain!));
  if (id === undefined) throw new Error(`No organisation signs in with the domain ${domain}.`);
  const changed = await services.ssoSettingsService.allowPasswordsByOperator(id);
  say(
    changed
      ? `Password sign-in is allowed again for organisation ${id}.`
      : `Organisation ${id} has no single sign-on that stops passwords; nothing was changed.`,
  );
});
