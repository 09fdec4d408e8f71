export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

// The most common passwords of 12 characters or more in public breach lists, and local variants.
// prettier-ignore
const COMMON = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '1234567891011', '111111111111', '000000000000',
  '123123123123', '121212121212', '123412341234', '112233445566', '147258369147', '987654321098', '098765432109',
  'qwertyuiopas', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', 'qwerty12345678', '1q2w3e4r5t6y', '1qaz2wsx3edc',
  'qazwsxedcrfv', 'asdfghjkl123', 'asdfghjklæø', 'zxcvbnm12345', 'abcdefghijkl', 'abcd1234abcd', 'abc123abc123',
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'password!123', 'p@ssw0rd1234',
  'passw0rd1234', 'iloveyou1234', 'letmein12345', 'welcome12345', 'welcome123456', 'sunshine1234', 'princess1234',
  'football1234', 'baseball1234', 'superman1234', 'starwars1234', 'dragon123456', 'monkey123456', 'master123456',
  'changeme1234', 'administrator', 'administrator1', 'admin1234567', 'adminadmin12', 'trustno1trustno1',
  'passord12345', 'passord123456', 'passordpassord', 'passord1234!', 'hemmelig1234', 'hemmelig12345', 'sommer123456',
  'sommer2024!!', 'sommer2025!!', 'sommer2026!!', 'vinter123456', 'vinter2025!!', 'vinter2026!!', 'høst20252025',
  'velkommen123', 'velkommen1234', 'velkommen12345', 'norge1234567', 'norge12345678', 'oslo12345678', 'bergen123456',
  'kommune12345', 'kommune123456', 'eksempel1234', 'medvirk12345', 'medvirk123456', 'medvirkmedvirk', 'medvirk-demo',
  'brukermedvirkning', 'tilrettelegger', 'qwertyuiopå', 'qwertyuiopåø', 'ilovenorway1', 'football12345',
]);

/** Why a new password is refused, as a catalog key; undefined when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | undefined {
  if (password.length < PASSWORD_MIN) return 'password.errors.tooShort';
  if (password.length > PASSWORD_MAX) return 'password.errors.tooLong';
  const lower = password.toLocaleLowerCase('nb');
  if (COMMON.has(lower)) return 'password.errors.common';
  if (/^(.)\1+$/.test(lower)) return 'password.errors.common';
  if (/^(.{1,4})\1+$/.test(lower)) return 'password.errors.common';
  const local = context.email?.split('@')[0]?.toLocaleLowerCase('nb');
  if (local && local.length >= 4 && lower.includes(local)) return 'password.errors.personal';
  const nameParts = (context.name ?? '')
    .toLocaleLowerCase('nb')
    .split(/\s+/)
    .filter((p) => p.length >= 4);
  if (nameParts.some((p) => lower.includes(p)) && lower.replace(/[^a-zæøå]/g, '').length <= 12)
    return 'password.errors.personal';
  return undefined;
}
