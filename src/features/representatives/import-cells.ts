import type { Locale } from '../../config.js';
import type { RepresentativeInput } from './representatives.model.js';
// Reading the cells of an imported roster file that are not plain text: yes/no consent values, language names
// and skill cells. Pure: no HTTP, no database, no clock; the taxonomy is passed in.
import { catalogs } from '../../lib/i18n.js';
import type { SkillCategory } from '../skills/skills.model.js';
import { LANGUAGES } from './representatives.schema.js';
import { IMPORT_MAX_SKILLS_PER_CELL } from './import-limits.js';

/** The longest text read as a skill name with a level: the longest name (200) and a level. */
const SKILL_TEXT_MAX = 220;
/** The longest text names close to it are looked for: a typo of a name is about as long as the name. */
const SUGGESTED_TEXT_MAX = 60;
/** The most characters of a cell quoted back in a message. */
const QUOTED_TEXT_MAX = 80;

const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim();
// "bokmal" for "bokmål", "espanol" for "español": spreadsheets typed on a foreign keyboard
const withoutDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');

const YES = new Set(['ja', 'j', 'yes', 'y', 'x', '✓', '✔', 'true', 'sant', '1', 'ok']);
const NO = new Set(['nei', 'n', 'no', 'false', 'usant', '0', '-', '']);

/** A consent cell: true for yes, false for no (an empty cell is no), undefined for anything else. */
export function parseYesNo(cell: string): boolean | undefined {
  const value = fold(cell).replace(/\.$/, '');
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

// the usual spellings, in Norwegian and English, besides the catalog's own names and the codes
const LANGUAGE_SPELLINGS: Record<string, string[]> = {
  nb: ['norsk', 'bokmål', 'norsk bokmål', 'norwegian', 'norwegian bokmål', 'no', 'nob', 'nor'],
  nn: ['nynorsk', 'norsk nynorsk', 'norwegian nynorsk', 'nno'],
  se: ['samisk', 'nordsamisk', 'sami', 'sámi', 'northern sami', 'davvisámegiella'],
  en: ['engelsk', 'english', 'eng'],
  ar: ['arabisk', 'arabic'],
  so: ['somali', 'somalisk'],
  pl: ['polsk', 'polish', 'polski'],
  uk: ['ukrainsk', 'ukrainian'],
  ti: ['tigrinja', 'tigrinya', 'tigrigna'],
  ur: ['urdu'],
  fa: ['persisk', 'persian', 'farsi', 'dari'],
  lt: ['litauisk', 'lithuanian'],
  es: ['spansk', 'spanish', 'español'],
  de: ['tysk', 'german', 'deutsch'],
  fr: ['fransk', 'french', 'français'],
  tr: ['tyrkisk', 'turkish'],
  ku: ['kurdisk', 'kurdish', 'kurmanji', 'sorani'],
  vi: ['vietnamesisk', 'vietnamese'],
  ru: ['russisk', 'russian'],
  th: ['thai', 'thailandsk'],
};

function languageLookup(): Map<string, string> {
  const lookup = new Map<string, string>();
  const add = (word: string, code: string) => {
    lookup.set(fold(word), code);
    lookup.set(withoutDiacritics(fold(word)), code);
  };
  for (const code of LANGUAGES) {
    add(code, code);
    for (const catalog of [catalogs.nb, catalogs.en]) {
      const name = catalog[`languages.${code}`];
      if (name) add(name, code);
    }
    for (const word of LANGUAGE_SPELLINGS[code] ?? []) add(word, code);
  }
  return lookup;
}
const LANGUAGE_LOOKUP = languageLookup();

/** A languages cell ("norsk, engelsk", "Arabic; Somali", "nb/en") as the app's codes, and the words not known. */
export function parseLanguages(cell: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const word of cell.split(/[,;/+&\n]| og | and /i)) {
    const key = fold(word);
    if (!key) continue;
    const code = LANGUAGE_LOOKUP.get(key) ?? LANGUAGE_LOOKUP.get(withoutDiacritics(key));
    if (!code) unknown.push(word.trim());
    else if (!codes.includes(code)) codes.push(code);
  }
  return { codes, unknown };
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i ? j || i : j)),
  );
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** A skill of the organisation's taxonomy, as the import matches names against it. */
export interface TaxonomySkill {
  id: number;
  nameNb: string;
  nameEn: string;
  category: SkillCategory;
}

/**
 * The edit distance when it is at most `max`, else any number above `max`: a band of the table around its
 * diagonal, so that the cost grows with the length of the text and not with its square.
 */
export function distanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const over = max + 1;
  const width = b.length + 1;
  let before = new Int32Array(width).fill(over);
  let previous = new Int32Array(width).fill(over);
  let current = new Int32Array(width).fill(over);
  for (let j = 0; j <= Math.min(b.length, max); j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current.fill(over);
    if (i <= max) current[0] = i;
    let best = current[0]!;
    for (let j = Math.max(1, i - max); j <= Math.min(b.length, i + max); j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = Math.min(value, over);
      best = Math.min(best, current[j]!);
    }
    if (best > max) return over;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, over);
}

/** How far a typed name may be from a taxonomy name and still be suggested: more typos allowed in longer names. */
const tolerance = (length: number) => (length <= 4 ? 1 : length <= 8 ? 2 : 3);

/**
 * How close a typed name is to one taxonomy name: the whole name, its start, or one of its words (the last two
 * cost one more). Only scores up to `max` are worked out exactly; a higher one is any number above it.
 */
function closeness(query: string, name: string, max: number): number {
  let score = distanceWithin(query, name, max);
  if (query.length >= 3) {
    score = Math.min(score, distanceWithin(query, name.slice(0, query.length), max - 1) + 1);
    if (name.length < query.length)
      score = Math.min(score, distanceWithin(query.slice(0, name.length), name, max - 1) + 1);
    for (const word of name.split(/[\s,()/-]+/)) {
      if (word.length >= 3) score = Math.min(score, distanceWithin(query, word, max - 1) + 1);
    }
  }
  return score;
}

/** The taxonomy's names nearest to a name it does not hold (either language, typos and prefixes), best first, at most `limit`. */
export function closestSkills<S extends TaxonomySkill>(typed: string, taxonomy: S[], limit = 3): S[] {
  const query = fold(typed);
  // a typo of a name is about as long as the name: longer text is not looked for (its cost grows with its length)
  if (!query || query.length > SUGGESTED_TEXT_MAX) return [];
  const max = tolerance(query.length);
  const scored: Array<{ skill: S; score: number; distance: number }> = [];
  for (const skill of taxonomy) {
    const names = [fold(skill.nameNb), fold(skill.nameEn)];
    const scores = names.map((name) => closeness(query, name, max));
    const score = Math.min(...scores);
    if (score > max) continue;
    // the exact distance orders names of the same score: worked out only for the few that are suggested
    const distance = Math.min(...names.filter((_, i) => scores[i] === score).map((name) => editDistance(query, name)));
    scored.push({ skill, score, distance });
  }
  const collator = new Intl.Collator('nb');
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      a.distance - b.distance ||
      collator.compare(a.skill.nameNb, b.skill.nameNb) ||
      a.skill.id - b.skill.id,
  );
  return scored.slice(0, limit).map((s) => s.skill);
}

const LEVEL_WORDS: Record<string, number> = {
  grunnleggende: 1,
  basic: 1,
  erfaren: 2,
  experienced: 2,
  ekspert: 3,
  expert: 3,
};

/** "(2)", ": 2", "= 2", " 2", "(nivå 2)", "(ekspert)" at the end of a skill: the name and the level as typed. */
function splitLevel(typed: string): { name: string; level: string } | undefined {
  // runs of white space as one space: the lazy name followed by \s* would otherwise backtrack over every space
  const text = typed.replace(/\s+/g, ' ');
  const match =
    /^(.+?)\s*\(\s*([^()]+?)\s*\)$/.exec(text) ?? /^(.+?)\s*[:=]\s*(\S+)$/.exec(text) ?? /^(.+?)\s+(\d+)$/.exec(text);
  if (!match) return undefined;
  return { name: match[1]!, level: match[2]!.replace(/^(nivå|niva|level|lvl)\s*/i, '') };
}

function levelOf(typed: string): number | undefined {
  const word = fold(typed);
  if (/^[123]$/.test(word)) return Number(word);
  return LEVEL_WORDS[word];
}

export type SkillProblem<S extends TaxonomySkill = TaxonomySkill> =
  | { kind: 'unknown'; text: string; closest: S[] }
  | { kind: 'level'; text: string; skill: S; level: string }
  | { kind: 'tooMany'; count: number; max: number };

export interface ParsedSkills<S extends TaxonomySkill = TaxonomySkill> {
  skills: Array<{ skill: S; level: number }>;
  problems: Array<SkillProblem<S>>;
}

/** Text quoted back in a message, shortened: a cell can be as long as the whole file. */
const quotable = (text: string) => (text.length > QUOTED_TEXT_MAX ? `${text.slice(0, QUOTED_TEXT_MAX)}…` : text);

/**
 * Reads skills cells against one taxonomy (see parseSkillCell). Its work is bounded whatever the file holds:
 * a cell of more than `IMPORT_MAX_SKILLS_PER_CELL` names is one problem, a name is joined with at most as many
 * following pieces as a taxonomy name has separators, and names close to an unknown one are looked for at most
 * `suggestions` times (each distinct text once), after which an unknown name is reported without suggestions.
 */
export function skillCellReader<S extends TaxonomySkill>(
  taxonomy: S[],
  options: { suggestions: number } = { suggestions: Infinity },
): (cell: string) => ParsedSkills<S> {
  const byName = new Map<string, S>();
  let joinable = 0;
  for (const skill of taxonomy) {
    for (const name of [fold(skill.nameEn), fold(skill.nameNb)]) {
      byName.set(name, skill);
      joinable = Math.max(joinable, name.match(/[,;\n]/g)?.length ?? 0);
    }
  }
  const splitKnown = (text: string) => (text.length <= SKILL_TEXT_MAX ? splitLevel(text) : undefined);
  const known = (text: string) => byName.get(fold(text)) ?? byName.get(fold(splitKnown(text)?.name ?? ''));
  const suggested = new Map<string, S[]>();
  let suggestionsLeft = options.suggestions;
  const closest = (text: string): S[] => {
    const key = fold(text);
    const found = suggested.get(key);
    if (found) return found;
    if (suggestionsLeft <= 0) return [];
    suggestionsLeft -= 1;
    const names = closestSkills(key, taxonomy);
    suggested.set(key, names);
    return names;
  };

  return (cell) => {
    const separators = cell.match(/[,;\n]/g)?.length ?? 0;
    if (separators >= IMPORT_MAX_SKILLS_PER_CELL)
      return { skills: [], problems: [{ kind: 'tooMany', count: separators + 1, max: IMPORT_MAX_SKILLS_PER_CELL }] };
    // the pieces between separators, as offsets into the cell, so that a run of them reads as typed
    const bounds: Array<[number, number]> = [];
    let start = 0;
    for (const m of cell.matchAll(/[,;\n]/g)) {
      bounds.push([start, m.index]);
      start = m.index + 1;
    }
    bounds.push([start, cell.length]);
    const run = (i: number, j: number) => cell.slice(bounds[i]![0], bounds[j]![1]);
    const tokens: string[] = [];
    for (let i = 0; i < bounds.length;) {
      // the longest run of pieces that is a taxonomy name ("Rus, avhengighet"), else the one piece
      let end = i;
      for (let j = Math.min(bounds.length - 1, i + joinable); j > i; j -= 1) {
        if (known(run(i, j))) {
          end = j;
          break;
        }
      }
      tokens.push(run(i, end).trim());
      i = end + 1;
    }

    const levels = new Map<S, number>();
    const problems: Array<SkillProblem<S>> = [];
    for (const token of tokens.filter(Boolean)) {
      const whole = byName.get(fold(token));
      if (whole) {
        levels.set(whole, Math.max(levels.get(whole) ?? 0, 1));
        continue;
      }
      const parts = splitKnown(token);
      const skill = parts && byName.get(fold(parts.name));
      if (!skill) {
        problems.push({ kind: 'unknown', text: quotable(token), closest: closest(parts?.name ?? token) });
        continue;
      }
      const level = levelOf(parts.level);
      if (level === undefined) problems.push({ kind: 'level', text: token, skill, level: quotable(parts.level) });
      else levels.set(skill, Math.max(levels.get(skill) ?? 0, level));
    }
    return { skills: [...levels].map(([skill, level]) => ({ skill, level })), problems };
  };
}

/**
 * A skills cell: taxonomy names in Norwegian or English, separated by commas or semicolons, each with an optional
 * level 1–3 ("Diabetes (2)", "Project work: 3"); no level means basic (1). A comma inside a taxonomy name does
 * not split it, and a name that ends in a digit is read as a name before the digit is read as a level.
 */
export function parseSkillCell<S extends TaxonomySkill>(cell: string, taxonomy: S[]): ParsedSkills<S> {
  return skillCellReader(taxonomy)(cell);
}

// a person's written language as spreadsheets say it: the codes, and the names in Norwegian and English
const WRITTEN: Array<[RegExp, Locale]> = [
  [/^(nn|nno|nynorsk|norsk nynorsk|norwegian nynorsk)$/, 'nn'],
  [/^(nb|nob|no|bokmål|bokmal|norsk|norsk bokmål|norwegian|norwegian bokmål)$/, 'nb'],
  [/^(en|eng|engelsk|english)$/, 'en'],
];

/** A written-language cell ("nynorsk", "nn", "bokmål", "English") as a Locale; undefined when empty, null when unknown. */
export function parseWrittenLanguage(cell: string): Locale | undefined | null {
  const key = cell.trim().toLocaleLowerCase('nb').replace(/\s+/g, ' ');
  if (!key) return undefined;
  return WRITTEN.find(([re]) => re.test(key))?.[1] ?? null;
}

/** The kind of representative a cell names (in Bokmål, Nynorsk or English). */
export const KIND_WORDS: Array<[RegExp, RepresentativeInput['kind']]> = [
  [/pårørende|pårørande|next.of.kin|carer/i, 'next_of_kin'],
  [/organisasjon|organisation|organization/i, 'user_organisation'],
  [/bruker|brukar|pasient|patient|user|service/i, 'patient'],
];

/** "17.05.2026", "17.5.2026" (Norwegian Excel) or "2026-05-17" as an ISO date; anything else is returned as is. */
export function isoDateFrom(value: string): string {
  const no = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (no) return `${no[3]}-${no[2]!.padStart(2, '0')}-${no[1]!.padStart(2, '0')}`;
  return value;
}
