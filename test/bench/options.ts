// `npm run bench -- …`: which mode runs, and with what sizes. Node's own parseArgs reads the flags (strict: an
// unknown flag is refused); this file checks that the values make sense, so that a typo or a negative size ends the
// run at once with one clear line instead of a seed of minutes that then fails or measures something else.
import { parseArgs } from 'node:util';

export const STANDALONE_NAMES = ['import-preview', 'sign-in'] as const;

export type BenchPlan =
  | { mode: 'main' }
  | { mode: 'bulk' }
  | { mode: 'rows'; rows: Array<(typeof STANDALONE_NAMES)[number]> }
  | { mode: 'national'; organisations: number; scale: number; seconds: number; warmup: number }
  | { mode: 'mixed'; users: number; seconds: number }
  | { mode: 'growth'; sizes: number[]; seconds: number; warmup: number };

/** A refusal of the command line: the bench prints its message and exits 2. */
export class BenchUsageError extends Error {}

export const USAGE = [
  'npm run bench                       the large data set on SQLite (or DATABASE_URL), every page',
  'npm run bench -- --national [--organisations=357] [--scale=1] [--seconds=10] [--warmup=3]',
  '                                    357 organisations on PostgreSQL (DATABASE_URL), two app instances',
  'npm run bench -- --mixed [--users=50] [--seconds=60]',
  '                                    signed-in users reading and writing at once (two instances on PostgreSQL)',
  'npm run bench -- --growth [--sizes=1000,10000,100000] [--seconds=5] [--warmup=2]',
  '                                    the main pages at each number of representatives (involvements x10)',
  `npm run bench -- bulk | ${STANDALONE_NAMES.join(' | ')}   one row alone`,
].join('\n');

function positiveInteger(flag: string, value: string | undefined, fallback: number, max: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max)
    throw new BenchUsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return Number(value);
}

function fraction(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d*\.?\d+$/.test(value.trim()) || !(n > 0) || n > 1)
    throw new BenchUsageError(`--${flag} must be a number above 0 and at most 1, not "${value}"`);
  return n;
}

/** Reads the bench's arguments (without node and the script); throws BenchUsageError with one line for the user. */
export function parseBenchArgs(argv: string[]): BenchPlan {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    // node's parser adds a hint about positional arguments that does not apply here
    throw new BenchUsageError((error as Error).message.split('\n')[0]!.split('. To specify')[0]);
  }
  const { values, positionals } = parsed;
  const modes = (['national', 'mixed', 'growth'] as const).filter((m) => values[m]);
  if (modes.length > 1) throw new BenchUsageError(`choose one mode, not --${modes.join(' and --')}`);
  const mode = modes[0];
  const allowed: Record<string, readonly string[]> = {
    national: ['national', 'organisations', 'scale', 'seconds', 'warmup'],
    mixed: ['mixed', 'users', 'seconds'],
    growth: ['growth', 'sizes', 'seconds', 'warmup'],
    none: [],
  };
  const stray = Object.keys(values).filter((flag) => !allowed[mode ?? 'none']!.includes(flag));
  if (stray.length)
    throw new BenchUsageError(
      `--${stray[0]} does not apply ${mode ? `to --${mode}` : 'without a mode such as --national'}`,
    );
  if (mode && positionals.length)
    throw new BenchUsageError(`--${mode} takes no row names ("${positionals.join(' ')}")`);
  if (mode === 'national')
    return {
      mode,
      organisations: positiveInteger('organisations', values.organisations, 357, 999, 2),
      scale: fraction('scale', values.scale, 1),
      seconds: positiveInteger('seconds', values.seconds, 10, 600),
      warmup: positiveInteger('warmup', values.warmup, 3, 60),
    };
  if (mode === 'mixed')
    return {
      mode,
      users: positiveInteger('users', values.users, 50, 500),
      seconds: positiveInteger('seconds', values.seconds, 60, 600),
    };
  if (mode === 'growth') {
    const sizes = (values.sizes ?? '1000,10000,100000')
      .split(',')
      .map((size) => positiveInteger('sizes', size, 0, 200_000));
    return {
      mode,
      sizes,
      seconds: positiveInteger('seconds', values.seconds, 5, 600),
      warmup: positiveInteger('warmup', values.warmup, 2, 60),
    };
  }
  if (positionals.length === 1 && positionals[0] === 'bulk') return { mode: 'bulk' };
  if (positionals.length) {
    const unknown = positionals.filter((name) => !(STANDALONE_NAMES as readonly string[]).includes(name));
    if (unknown.length)
      throw new BenchUsageError(
        `unknown bench mode or row "${unknown[0]}" (known: --national, --mixed, --growth, bulk, ${STANDALONE_NAMES.join(', ')})`,
      );
    return { mode: 'rows', rows: positionals as Array<(typeof STANDALONE_NAMES)[number]> };
  }
  return { mode: 'main' };
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      national: { type: 'boolean' },
      mixed: { type: 'boolean' },
      growth: { type: 'boolean' },
      organisations: { type: 'string' },
      scale: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      users: { type: 'string' },
      sizes: { type: 'string' },
    },
  });
}
