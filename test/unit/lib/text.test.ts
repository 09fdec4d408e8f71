import { expect } from 'chai';
import { escapeLike, searchKey, sortKey } from '../../../src/lib/text.js';

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
