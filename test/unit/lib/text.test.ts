import { expect } from 'chai';
import { escapeLike, searchKey, sortKey, stripControlCharacters } from '../../../src/lib/text.js';

describe('text keys', () => {
  it('folds Æ, Ø and Å to lower case for search', () => {
    expect(searchKey('  ØYVIND  Ærlig Åsen ')).to.equal('øyvind ærlig åsen');
  });

  it('orders names as Intl.Collator("nb") does, with Æ, Ø and Å (and Aa) after Z', () => {
    const names = ['Åse', 'Øystein', 'Zakariassen', 'Ærlend', 'Aasen', 'Olsen', 'Ødegård', 'anne', 'Ba', 'Ås'];
    const byKey = [...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    expect(byKey).to.deep.equal([...names].sort(new Intl.Collator('nb').compare));
    expect(byKey).to.deep.equal([
      'anne',
      'Ba',
      'Olsen',
      'Zakariassen',
      'Ærlend',
      'Ødegård',
      'Øystein',
      'Ås',
      'Åse',
      'Aasen',
    ]);
  });

  it('sorts a shorter name before a longer one that starts the same', () => {
    expect(sortKey('Berg') < sortKey('Berge')).to.equal(true);
    expect(sortKey('Berg Anne') < sortKey('Bergan')).to.equal(true);
  });

  it('treats accented letters as their base letter, and ä/ö as æ/ø', () => {
    expect(sortKey('Élise')).to.equal(sortKey('elise'));
    expect(sortKey('Järvi')).to.equal(sortKey('Jærvi'));
  });

  it('sorts keys of digits only, so that every collation orders them alike', () => {
    expect(sortKey('Ås-Berg, Anne (3)')).to.match(/^[0-9]+$/);
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).to.equal('50\\%\\_a\\\\b');
  });
});

describe('stripControlCharacters', () => {
  const cases: { name: string; input: string; multiline?: boolean; expected: string }[] = [
    { name: 'removes NUL from a one-line value', input: 'Kari\u0000 Nordmann', expected: 'Kari Nordmann' },
    {
      name: 'removes DEL and the other C0 controls',
      input: 'a\u0001b\u001bc\u007fd\u000be\u000cf',
      expected: 'abcdef',
    },
    {
      name: 'turns a tab or line break in a one-line value into a space',
      input: 'Kari\tOla\r\nPer\nLiv\rÅse',
      expected: 'Kari Ola Per Liv Åse',
    },
    {
      name: 'keeps tab, LF and CRLF in multi-line text',
      input: 'a\tb\nc\r\nd',
      multiline: true,
      expected: 'a\tb\nc\r\nd',
    },
    { name: 'turns a lone CR into LF in multi-line text', input: 'a\rb', multiline: true, expected: 'a\nb' },
    {
      name: 'removes NUL, DEL and the other controls from multi-line text',
      input: 'a\u0000\u0007b\u007f\u001f\r\n',
      multiline: true,
      expected: 'ab\r\n',
    },
    {
      name: 'leaves Norwegian letters, emoji and non-breaking spaces alone',
      input: 'Æøå 😀\u00a0x\u0085',
      expected: 'Æøå 😀\u00a0x\u0085',
    },
    { name: 'returns an empty string unchanged', input: '', expected: '' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(stripControlCharacters(c.input, { multiline: c.multiline })).to.equal(c.expected);
    });
  }
});
