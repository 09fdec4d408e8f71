/** Lower-cases in JavaScript (not SQL) so that Æ/Ø/Å fold to æ/ø/å the same way on SQLite and PostgreSQL. */
export function searchKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/g, ' ').trim();
}

// Norwegian alphabetical order: a–z, then æ, ø, å. Letters become two-digit codes, so the stored key sorts
// the same under SQLite's byte order and any PostgreSQL collation (digits collate alike everywhere).
const letterCodes = new Map<string, string>();
'abcdefghijklmnopqrstuvwxyz'.split('').forEach((ch, i) => letterCodes.set(ch, String(11 + i)));
letterCodes.set('æ', '37');
letterCodes.set('ø', '38');
letterCodes.set('å', '39');
const foldToNorwegian: Record<string, string> = { ä: 'æ', ö: 'ø', ü: 'y', ð: 'd', þ: 't', ß: 's' };

/** A key that orders names as a Norwegian reader expects (Æ Ø Å last), comparable with plain ORDER BY. */
export function sortKey(text: string): string {
  let key = '';
  // as in Norwegian collation (Intl.Collator('nb')), "aa" is the old spelling of "å" and sorts with it
  for (const raw of searchKey(text).replace(/aa/g, 'å')) {
    let ch = foldToNorwegian[raw] ?? raw;
    if (!letterCodes.has(ch) && !/[0-9]/.test(ch)) {
      // é → e, ñ → n: strip diacritics, except on the three Norwegian letters handled above
      ch = ch.normalize('NFD').replace(/\p{M}/gu, '');
    }
    if (letterCodes.has(ch)) key += letterCodes.get(ch);
    else if (/^[0-9]$/.test(ch)) key += `0${ch}`;
    else if (/\s/.test(ch)) key += '00';
    else if (/\p{L}/u.test(ch)) key += '40';
    // punctuation is ignored, as in a telephone directory
  }
  return key.slice(0, 400);
}

/** Escapes % and _ for a LIKE pattern (used with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// C0 controls (U+0000–U+001F) and DEL (U+007F). PostgreSQL refuses NUL in text (error 22021) while SQLite
// stores it, and the rest are invisible in a page or a CSV; stripping them at the form boundary makes both
// engines keep the same text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
// in multi-line text: all but tab (09), LF (0A) and the CR (0D) of a CRLF pair
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_CHARACTERS_BUT_TAB_AND_NEWLINE_AND_CR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Removes C0 control characters and DEL. With `multiline`, tab and line breaks stay: LF and CRLF as they are
 * (a browser submits a textarea's lines as CRLF), a lone CR becomes LF. Without it, a tab or line break (CRLF
 * counting as one) becomes a space, so that pasted words do not run together, and the other controls go.
 */
export function stripControlCharacters(value: string, options: { multiline?: boolean } = {}): string {
  if (!options.multiline) return value.replace(/\r\n|[\t\n\r]/g, ' ').replace(CONTROL_CHARACTERS, '');
  return value.replace(/\r(?!\n)/g, '\n').replace(CONTROL_CHARACTERS_BUT_TAB_AND_NEWLINE_AND_CR, '');
}
