// The one list of what Nynorsk must not hold, for the catalog test (test/unit/lib/i18n.test.ts), the e-mails in
// every language (test/integration/outbox/every-email-language.test.ts) and the Nynorsk pages in Chromium.

/** Words of Bokmål that Nynorsk writes otherwise. */
export const BOKMAL_ONLY = [
  'ikke',
  'hvordan',
  'hva',
  'jeg',
  'fra',
  'hvem',
  'hvor',
  'hvis',
  'hver',
  'hvert',
  'hvilke',
  'hvilken',
  'bare',
  'noen',
  'noe',
  'mye',
  'uten',
  'dere',
  'deres',
  'mens',
  'enhet',
  'enheten',
  'enheter',
  'leder',
  'lederen',
  'ledere',
  'ansatt',
  'ansatte',
  'være',
  'vært',
  'ble',
  'gjøre',
  'gjør',
  'kommer',
];
/** Beginnings of Bokmål words (bruker-, pårørende-, medvirkning-, tjeneste-, tilrettelegger-). */
export const BOKMAL_PREFIXES = ['bruker', 'pårørende', 'medvirkning', 'tjeneste', 'tilrettelegger'];

/** Whether one word (any case) is Bokmål that Nynorsk writes otherwise. */
export const isBokmalOnly = (word: string): boolean => {
  const w = word.toLowerCase();
  return BOKMAL_ONLY.includes(w) || BOKMAL_PREFIXES.some((p) => w.startsWith(p));
};

/** The Bokmål words in a text (web addresses left out: a token is no word). */
export const bokmalIn = (text: string): string[] =>
  (text.replace(/https?:\/\/\S+/g, ' ').match(/[a-zæøåA-ZÆØÅ]+/g) ?? []).filter(isBokmalOnly);
