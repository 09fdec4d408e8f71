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
