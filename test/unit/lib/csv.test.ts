import { expect } from 'chai';
import { decodeCsv, detectDelimiter, isFormula, looksBinary, parseCsv, toCsv } from '../../../src/lib/csv.js';

const LIMITS = { maxColumns: 100, maxRows: 2000 };

describe('CSV', () => {
  it('reads UTF-8 with and without a BOM, and Windows-1252 from Norwegian Excel', () => {
    expect(decodeCsv(Buffer.from('\uFEFFnavn\nÅse', 'utf8'))).to.deep.equal({ text: 'navn\nÅse', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from('navn\nØystein', 'utf8')).text).to.equal('navn\nØystein');
    const cp1252 = Buffer.from([
      0x6e, 0x61, 0x76, 0x6e, 0x0a, 0xc6, 0x72, 0x6c, 0x69, 0x67, 0x20, 0xd8, 0x79, 0x20, 0xc5, 0x73,
    ]);
    expect(decodeCsv(cp1252)).to.deep.equal({ text: 'navn\nÆrlig Øy Ås', encoding: 'windows-1252' });
  });

  it('detects the separator from the header line', () => {
    expect(detectDelimiter('navn;e-post;telefon\na;b;c')).to.equal(';');
    expect(detectDelimiter('name,email\na,b')).to.equal(',');
  });

  it('parses quoted cells and keeps the file line of each row', () => {
    const parsed = parseCsv('navn;notat\n"Berg; Anne";"sa ""hei"""\nOla;x', ';', LIMITS);
    expect(parsed.header).to.deep.equal(['navn', 'notat']);
    expect(parsed.rows).to.deep.equal([
      { line: 2, cells: ['Berg; Anne', 'sa "hei"'] },
      { line: 3, cells: ['Ola', 'x'] },
    ]);
  });

  it('throws on a quote that is never closed', () => {
    expect(() => parseCsv('navn\n"Ola', ',', LIMITS)).to.throw();
  });

  it('recognises spreadsheet formulas and neutralises them on export', () => {
    expect(['=1+1', '+47', '-x', '@SUM(A1)'].every(isFormula)).to.equal(true);
    expect(isFormula('Ola')).to.equal(false);
    const csv = toCsv(
      [
        ['navn', 'x'],
        ['Åse', '=HYPERLINK("http://evil")'],
      ],
      ';',
    );
    expect(csv.startsWith('\uFEFF')).to.equal(true);
    expect(csv).to.contain(`'=HYPERLINK`);
    expect(csv).to.contain('Åse');
  });

  it('tells a binary file from text', () => {
    expect(looksBinary('PK\u0003\u0004\u0000\u0000binary')).to.equal(true);
    expect(looksBinary('navn;e-post\nOla;ola@x.no')).to.equal(false);
  });
});
