import { expect } from 'chai';
import type { TestApp } from '../../helpers/app.js';
import { buildSkill, buildImportBatch } from '../../helpers/builders.js';
import { csrfFrom, signedInApp, submitForm, type Agent } from '../../helpers/forms.js';
import { csvWork } from '../../../src/lib/csv.js';
import { IMPORT_MAX_COLUMNS, IMPORT_PAGE_SIZE } from '../../../src/features/representatives/import-limits.js';
import { table, one } from '../../helpers/rows.js';

// Issue 15, finding 1: a 1 MB file of about a million columns froze the server for 11 minutes, 8,000 columns cost
// 15 s per view of the preview. The work of an upload and of a view is bounded by the limits, not by the file:
// these tests count the cells parsed and rendered rather than time anything.
describe('CSV import limits (issue 15, finding 1)', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('facilitator'));
  });
  afterEach(() => t.close());

  const nb = (n: number) => new Intl.NumberFormat('nb-NO').format(n);
  const upload = async (content: string) => {
    const page = await agent.get('/representatives/import');
    return agent
      .post(`/representatives/import?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .attach('file', Buffer.from(content, 'utf8'), 'roster.csv');
  };
  const batches = async () =>
    Number((await table(t.db, 'import_batches').where({ organisation_id: orgId }).count({ n: '*' }).first())?.n);
  /** Runs a request and returns how many CSV cells the server parsed meanwhile. */
  const cellsParsedBy = async <T>(request: () => Promise<T>): Promise<{ result: T; cells: number }> => {
    const before = csvWork.fields;
    const result = await request();
    return { result, cells: csvWork.fields - before };
  };

  it('refuses with 422 naming the limit, storing nothing, a 1 MB file of about a million columns', async () => {
    const csv = `Navn${';'.repeat(1024 * 1024 - 20)}\nOla\n`;
    const { result: res, cells } = await cellsParsedBy(() => upload(csv));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain(`Filen har flere enn ${IMPORT_MAX_COLUMNS} kolonner`);
    expect(await batches()).to.equal(0);
    // the parser stopped at the first column over the limit, not after a million
    expect(cells).to.be.at.most(IMPORT_MAX_COLUMNS + 1);
  });

  it('refuses with 422, storing nothing, a file of 8,000 named columns, in English for an English user', async () => {
    await t.db('users').where({ organisation_id: orgId }).update({ locale: 'en' });
    const header = Array.from({ length: 8000 }, (_, i) => `Kolonne ${i + 1}`).join(';');
    const row = Array.from({ length: 8000 }, (_, i) => `verdi ${i + 1}`).join(';');
    const { result: res, cells } = await cellsParsedBy(() => upload(`${header}\n${row}\n${row}\n`));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain(`The file has more than ${IMPORT_MAX_COLUMNS} columns`);
    expect(await batches()).to.equal(0);
    expect(cells).to.be.at.most(IMPORT_MAX_COLUMNS + 1);
  });

  it('refuses, naming the line, a file with a row far wider than any spreadsheet under a short header', async () => {
    const csv = `Navn;E-post\nOla;ola@example.no\nKari${';x'.repeat(200_000)}\n`;
    const { result: res, cells } = await cellsParsedBy(() => upload(csv));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('linje 3');
    expect(await batches()).to.equal(0);
    expect(cells).to.be.at.most(2 + 2 + IMPORT_MAX_COLUMNS + 1);
  });

  it('previews a 2,000-row file one page at a time, rows with errors first and only the mapped columns, then imports it', async () => {
    const lines = ['Navn;E-post;Intern kode'];
    for (let i = 1; i <= 2000; i += 1) {
      if (i === 1500) lines.push('Feil Person;ikke-en-adresse;KODE-1500');
      else if (i === 1700) lines.push('For Bred;bred@example.no;KODE-1700;ekstra;felt');
      else lines.push(`Person ${i};person${i}@example.no;KODE-${i}`);
    }
    const res = await upload(lines.join('\r\n'));
    expect(res.status).to.equal(303);
    const batchUrl = res.headers.location as string;

    const { result: first, cells } = await cellsParsedBy(() => agent.get(batchUrl).expect(200));
    // the file was parsed once, at upload: a view reads the stored cells back and parses nothing
    expect(cells).to.equal(0);
    expect(first.text).to.contain(`Klare til import: ${nb(1998)} · Med feil: 2 · Finnes fra før: 0`);
    const rowIds = [...first.text.matchAll(/<tr id="line-(\d+)"/g)].map((m) => Number(m[1]));
    expect(rowIds).to.have.length(IMPORT_PAGE_SIZE);
    // rows with errors first, for the facilitator fixing the file
    expect(rowIds.slice(0, 3)).to.deep.equal([1501, 1701, 2]);
    expect(first.text).to.contain('Raden har 5 felt, men filen har 3 kolonner');
    // the unmapped column's cells are not rendered; the mapped ones are, for this page only
    expect(first.text).not.to.contain('KODE-3<');
    expect(first.text).to.contain('person3@example.no');
    expect(first.text).not.to.contain('person1999@example.no');
    const cellsShown = (first.text.match(/<td[ >]/g) ?? []).length;
    expect(cellsShown).to.equal(IMPORT_PAGE_SIZE * (2 + 2));
    expect(first.text).to.contain(`Side 1 av ${Math.ceil(2000 / IMPORT_PAGE_SIZE)}`);

    const last = await agent.get(`${batchUrl}?page=${Math.ceil(2000 / IMPORT_PAGE_SIZE)}`).expect(200);
    expect(last.text).to.contain('person2000@example.no');
    expect(last.text).not.to.contain('person3@example.no');
    // a page past the end or nonsense shows a page, not an error
    await agent.get(`${batchUrl}?page=9999`).expect(200);
    await agent.get(`${batchUrl}?page=abc`).expect(200);

    const done = await submitForm(agent, batchUrl, `${batchUrl}/confirm`, {
      status: 'active',
      rosterConsent: 'yes',
      consentMethod: 'written',
      skipErrors: 'yes',
    });
    expect(done.status).to.equal(303);
    const imported = await table(t.db, 'representatives').where({ organisation_id: orgId }).count({ n: '*' }).first();
    expect(Number(imported?.n)).to.equal(1998);
  });

  it('reads a batch stored before the limits within them: a fair one previews, a far too wide one is refused with 422', async () => {
    const user = await one(table(t.db, 'users').where({ organisation_id: orgId }).first('id'));
    const stored = async (content: string) => {
      const id = await buildImportBatch(t.db, orgId, user.id, {
        filename: 'old.csv',
        content,
        mapping: { Navn: 'name', 'E-post': 'email' },
      });
      return `/representatives/import/${id}`;
    };
    const fair = await agent.get(await stored('Navn;E-post\nOla;ola@example.no\n')).expect(200);
    expect(fair.text).to.contain('ola@example.no');
    const { result: wide, cells } = await cellsParsedBy(() =>
      stored(`Navn${';'.repeat(8000)}\nOla\n`).then((url) => agent.get(url)),
    );
    expect(wide.status).to.equal(422);
    expect(wide.text).to.contain(`Filen har flere enn ${IMPORT_MAX_COLUMNS} kolonner`);
    expect(cells).to.be.at.most(IMPORT_MAX_COLUMNS + 1);
  });

  it('previews a skills cell of thousands of unknown names as one error on its row, answering at once', async () => {
    await buildSkill(t.db, orgId, { nameNb: 'Prosjektarbeid', nameEn: 'Project work' });
    await buildSkill(t.db, orgId, { nameNb: 'Rus, avhengighet', nameEn: 'Substance use, addiction' });
    const many = Array.from({ length: 20_000 }, (_, i) => `ukjent${i}`).join(',');
    const spaced = `a${' '.repeat(200_000)}b`;
    const csv = [
      'Navn;E-post;Kompetanse',
      `Ola;ola@example.no;"${many}"`,
      `Kari;kari@example.no;"${spaced}"`,
      'Per;per@example.no;"Prosjektarbeid (2), Rus, avhengighet"',
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).to.equal(303);
    const preview = await agent.get(res.headers.location as string).expect(200);
    expect(preview.text).to.contain('Klare til import: 1 · Med feil: 2');
    expect(preview.text).to.contain(`Cellen har ${nb(20_000)} kompetanser`);
    expect((preview.text.match(/class="app-row-error"/g) ?? []).length).to.be.below(10);
  });
});
