// npm run org:create -- --name "Eksempel kommune" --admin-email admin@kommune.no [--admin-name "…"] [--locale nb|nn|en]
// Creates an organisation (municipality) and its first administrator, and prints a one-time password for the
// operator to hand over; it must be changed at the first sign-in.
import { parseArgs } from 'node:util';
import { say, withServices } from './operator.js';
import { type Locale, LOCALES } from '../config.js';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string', default: 'Administrator' },
    locale: { type: 'string', default: 'nb' },
    'time-zone': { type: 'string', default: 'Europe/Oslo' },
  },
});
const name = values.name?.trim();
const adminEmail = values['admin-email']?.trim();
if (
  !name ||
  !adminEmail ||
  !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail) ||
  !(LOCALES as readonly string[]).includes(values.locale)
) {
  say(
    'usage: npm run org:create -- --name "Eksempel kommune" --admin-email admin@kommune.no [--admin-name "Kari Nordmann"] [--locale nb|nn|en]',
  );
  process.exit(2);
}

await withServices(async (services) => {
  const created = await services.organisationsService.createWithAdmin({
    name,
    adminEmail,
    adminName: values['admin-name'],
    locale: values.locale as Locale,
    timeZone: values['time-zone'],
  });
  say(`Created organisation "${name}" (id ${created.organisationId}).`);
  say(`First administrator: ${adminEmail.toLowerCase()}`);
  say(`One-time password:   ${created.password}`);
  say('Hand it over in a safe way; it must be changed at the first sign-in and is not shown again.');
});
