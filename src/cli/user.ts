// npm run user:reset-mfa -- --email kari@kommune.no
// npm run user:reset-password -- --email kari@kommune.no
// Break glass for the operator, on the server: removes a user's second factor (a lost phone, and the admins
// cannot sign in either), or gives them a one-time password to be changed at the next sign-in (printed here, as
// org:create does). Each ends the user's sessions and is audited as the system's, "by the operator".
import { parseArgs } from 'node:util';
import { say, withServices } from './operator.js';

const command = process.argv[2];
const { values } = parseArgs({ args: process.argv.slice(3), options: { email: { type: 'string' } } });
const email = values.email?.trim().toLowerCase();
if ((command !== 'reset-mfa' && command !== 'reset-password') || !email) {
  say('usage: npm run user:reset-mfa -- --email name@kommune.no');
  say('       npm run user:reset-password -- --email name@kommune.no');
  process.exit(2);
}

await withServices(async (services) => {
  if (command === 'reset-mfa') {
    const result = await services.secondFactorService.resetByOperatorEmail(email);
    if (result === 'unknown') throw new Error(`No user has the e-mail address ${email}.`);
    say(
      result === 'reset'
        ? `The second factor of ${email} is removed; their sessions are ended and they are told by e-mail.`
        : `${email} has no second factor; nothing was changed.`,
    );
  } else {
    const password = await services.usersService.resetPasswordByOperator(email);
    if (!password) throw new Error(`No user has the e-mail address ${email}.`);
    say(`One-time password for ${email}: ${password}`);
    say('Hand it over in a safe way; it must be changed at the next sign-in and is not shown again.');
  }
});
