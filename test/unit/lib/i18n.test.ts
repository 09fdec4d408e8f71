import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { rootDir } from '../../../src/config.js';
import {
  catalogs,
  negotiateLocale,
  parseCatalog,
  translator,
  formatDate,
  formatDateTime,
} from '../../../src/lib/i18n.js';
import { BOKMAL_ONLY, isBokmalOnly } from '../../helpers/bokmal.js';

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, ext);
    return full.endsWith(ext) ? [full] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The glossary of docs/nynorsk.md: each term stands in the Nynorsk catalog. */
const GLOSSARY = [
  'brukarrepresentant',
  'pårørandrepresentant',
  'medverknad',
  'tilretteleggjar',
  'tenesteutvikling',
  'honorar',
];

const words = (text: string) => text.replace(/\{\w+\}/g, ' ').match(/[a-zæøåA-ZÆØÅ]+/g) ?? [];

describe('catalogs', () => {
  const locales = ['nb', 'nn', 'en'] as const;

  it('have the same keys in Norwegian Bokmål, Nynorsk and English', () => {
    const nb = Object.keys(catalogs.nb).sort();
    for (const other of ['nn', 'en'] as const) {
      const keys = Object.keys(catalogs[other]).sort();
      expect(
        nb.filter((k) => !keys.includes(k)),
        `keys missing from ${other}`,
      ).to.deep.equal([]);
      expect(
        keys.filter((k) => !nb.includes(k)),
        `keys only in ${other}`,
      ).to.deep.equal([]);
    }
  });

  it('have no empty texts, and the same placeholders and plural forms in every language', () => {
    for (const [key, nbText] of Object.entries(catalogs.nb)) {
      for (const locale of locales) {
        const text = catalogs[locale][key] ?? '';
        expect(text.trim(), `${locale} ${key}`).to.not.equal('');
        expect(placeholders(text), `${locale} ${key}`).to.deep.equal(placeholders(nbText));
      }
    }
    // a plural key has its .one and .other in every language (the keys are the same, checked above)
    const plurals = Object.keys(catalogs.nb).filter((k) => k.endsWith('.one'));
    expect(plurals.length).to.be.greaterThan(20);
    for (const key of plurals) expect(key.replace(/\.one$/, '.other') in catalogs.nn, key).to.equal(true);
  });

  it('write Nynorsk in the Nynorsk catalog: no Bokmål-only words, and the glossary’s terms', () => {
    const found: string[] = [];
    for (const [key, text] of Object.entries(catalogs.nn)) {
      for (const word of words(text)) {
        if (isBokmalOnly(word)) found.push(`${key}: ${word}`);
      }
    }
    expect(found).to.deep.equal([]);
    const all = Object.values(catalogs.nn).join(' ').toLowerCase();
    expect(GLOSSARY.filter((term) => !all.includes(term))).to.deep.equal([]);
    // and the test's list catches Bokmål: the Bokmål catalog is full of it
    const bokmal = Object.values(catalogs.nb)
      .flatMap(words)
      .map((w) => w.toLowerCase());
    expect(bokmal.filter((w) => BOKMAL_ONLY.includes(w)).length).to.be.greaterThan(100);
  });

  it('refuse to load a catalog with a syntax error, naming the file, line and column', () => {
    expect(() => parseCatalog('{\n  "a": "b",\n  "c" "d"\n}', 'src/locales/xx.json')).to.throw(
      /src\/locales\/xx\.json is not valid JSON at line 3, column 7/,
    );
  });

  it('hold every key that the views and the code ask for', () => {
    const files = [...filesUnder(path.join(rootDir, 'views'), '.ejs'), ...filesUnder(path.join(rootDir, 'src'), '.ts')];
    const missing: string[] = [];
    const keyPattern = /(?:\bt\(|messageKey: |AppError\(\d{3}, |flash\('\w+', |labelKey: )'([a-zA-Z][\w.]*\.[\w.]+)'/g;
    let seen = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(keyPattern)) {
        const key = match[1]!;
        seen += 1;
        // a key ending in "." is the prefix of a key built at run time (t('roles.' + role))
        const known = (k: string) =>
          k.endsWith('.')
            ? Object.keys(catalogs.nb).some((c) => c.startsWith(k))
            : k in catalogs.nb || `${k}.one` in catalogs.nb || `${k}.other` in catalogs.nb;
        if (!known(key)) missing.push(`${path.relative(rootDir, file)}: ${key}`);
      }
    }
    expect(seen, 'keys found in views and code').to.be.greaterThan(50);
    expect(missing).to.deep.equal([]);
  });
});

describe('audit labels', () => {
  // what the code records: `action: '…'` rows, and the AuditService calls (byUser(actor, 'x.y', …) and the like),
  // in the app and in the demo seed, which writes the same events
  const sources = () => [
    ...filesUnder(path.join(rootDir, 'src'), '.ts'),
    ...filesUnder(path.join(rootDir, 'seeds'), '.ts'),
  ];
  const call = /\b(?:byUser|byUserMany|byRepresentative|bySystem)\(\s*[^,()]+,\s*'([a-z_]+\.[a-z_.]+)'/g;

  it('name every audit action that the code records, in every language', () => {
    const actions = new Set<string>();
    for (const file of sources()) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(call)) actions.add(m[1]!);
    }
    // built at run time: `worklist.${state}`
    for (const state of ['done', 'snoozed']) actions.add(`worklist.${state}`);
    expect(actions.size).to.be.greaterThan(60);
    const missing = [...actions].filter(
      (a) => !(['nb', 'nn', 'en'] as const).every((l) => `audit.actions.${a}` in catalogs[l]),
    );
    expect(missing).to.deep.equal([]);
  });

  it('name every kind of record an audit event is about, in every language', () => {
    const entities = new Set<string>();
    for (const file of sources()) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\{ type: '([a-z_]+)', id/g)) entities.add(m[1]!);
      // the demo seed's DemoAudit: byUser(user, 'x.y', ['project', id], …) and bySystem('x.y', ['invitation', id], …)
      for (const m of text.matchAll(
        /\bby(?:User|Representative|System)\((?:\s*[\w.!]+,)?\s*'[a-z_.]+',\s*\[\s*'([a-z_]+)'/g,
      ))
        entities.add(m[1]!);
    }
    expect(entities.size).to.be.greaterThan(8);
    const missing = [...entities].filter(
      (e) => !(['nb', 'nn', 'en'] as const).every((l) => `audit.entities.${e}` in catalogs[l]),
    );
    expect(missing).to.deep.equal([]);
  });
});

describe('translator', () => {
  it('fills placeholders and formats numbers in the locale', () => {
    const nb = translator('nb');
    expect(nb('accessibility.updated', { date: '1. mai' })).to.equal('Erklæringen ble sist oppdatert 1. mai.');
  });

  it('returns the key itself when a text is missing, so that a gap is visible and not a crash', () => {
    expect(translator('en')('no.such.key')).to.equal('no.such.key');
  });
});

describe('negotiateLocale', () => {
  it('reads Nynorsk as Nynorsk, and Norwegian without a standard ("no") as Bokmål', () => {
    expect(negotiateLocale('nn-NO,nn;q=0.9', 'en')).to.equal('nn');
    expect(negotiateLocale('no', 'en')).to.equal('nb');
    expect(negotiateLocale('nb-NO', 'en')).to.equal('nb');
  });

  it('follows the q-values', () => {
    expect(negotiateLocale('de;q=1, en;q=0.8, nb;q=0.5', 'nb')).to.equal('en');
  });

  it('falls back to the default when nothing fits or the header is garbage', () => {
    expect(negotiateLocale('fr-FR, de', 'nb')).to.equal('nb');
    expect(negotiateLocale(';;;q=x,', 'en')).to.equal('en');
    expect(negotiateLocale(undefined, 'nb')).to.equal('nb');
  });
});

describe('date formatting', () => {
  it('writes dates and numbers in Nynorsk too', () => {
    expect(formatDate('2026-12-02', 'nn')).to.equal('2. desember 2026');
    expect(translator('nn')('worklist.showAll', { count: 1234, group: 'x' })).to.contain('1\u00a0234');
  });

  it('shows a UTC instant in Oslo time in the user locale', () => {
    // 23:30 UTC on 31 December is already 1 January in Oslo
    expect(formatDateTime('2026-12-31T23:30:00Z', 'nb', 'Europe/Oslo')).to.contain('1. jan');
    expect(formatDateTime('2026-12-31T23:30:00Z', 'en', 'Europe/Oslo')).to.contain('1 Jan 2027');
  });

  it('shows a plain date in the user locale', () => {
    expect(formatDate('2026-05-17', 'nb')).to.equal('17. mai 2026');
    expect(formatDate('2026-05-17', 'en')).to.equal('17 May 2026');
  });
});
