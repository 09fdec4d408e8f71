import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { TestApp } from '../../helpers/app.js';
import { buildRepresentative, buildSkill, buildUser } from '../../helpers/builders.js';
import { csrfFrom, signedInApp, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

function cp1252(text: string): Buffer {
  return Buffer.from(
    new TextEncoder().encode(text).length === text.length
      ? text
      : [...text].map((c) => ({ æ: 0xe6, ø: 0xf8, å: 0xe5, Æ: 0xc6, Ø: 0xd8, Å: 0xc5 })[c] ?? c.charCodeAt(0)),
  );
}

describe('CSV import', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('facilitator'));
  });
  afterEach(() => t.close());

  const upload = async (content: Buffer | string, filename = 'roster.csv') => {
    const page = await agent.get('/representatives/import');
    const token = csrfFrom(page.text);
    return agent
      .post(`/representatives/import?_csrf=${encodeURIComponent(token)}`)
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), filename);
  };
  const count = async () =>
    Number((await table(t.db, 'representatives').where({ organisation_id: orgId }).count({ n: '*' }).first())?.n);

  it('previews every row with its errors and duplicates, writes nothing until confirmed, then imports the good rows in one go', async () => {
    const existing = await buildRepresentative(t.db, orgId, { email: 'kjent@example.no' });
    const csv = [
      'Navn;E-post;Telefon;Type;Område;Språk;Oppnevnt til',
      'Ærlige Åse;aase@example.no;+47 900 00 001;pårørende;Nordbyen;norsk, engelsk;31.12.2027',
      'Bad Mail;not-an-email;;bruker;Sentrum;nb;',
      '=HYPERLINK("http://x");x@example.no;;bruker;;nb;',
      'Kjent Person;KJENT@example.no;;bruker;;nb;',
      'Åse Igjen;aase@example.no;;bruker;;nb;',
      'Too;few',
      'Ola Nordmann;ola@example.no;;brukerorganisasjon;Sentrum;;',
    ].join('\r\n');
    const res = await upload(`\uFEFF${csv}`);
    expect(res.status).to.equal(303);
    const batchUrl = res.headers.location as string;
    const preview = await agent.get(batchUrl).expect(200);
    expect(preview.text).to.contain('Klare til import: 2 · Med feil: 3 · Finnes fra før: 2');
    expect(preview.text).to.contain('E-post: Skriv inn en gyldig e-postadresse');
    expect(preview.text).to.contain('regnearkformel');
    expect(preview.text).to.contain(`href="/representatives/${existing}"`);
    expect(preview.text).to.contain('Samme person som på linje 2');
    expect(preview.text).to.contain('Raden har 2 felt, men filen har 7 kolonner');
    expect(await count()).to.equal(1);

    const refused = await submitForm(agent, batchUrl, `${batchUrl}/confirm`, { status: 'active' });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Bekreft at personene har samtykket');
    expect(await count()).to.equal(1);

    // rows with errors are skipped only when the facilitator chooses so (issue 14, bad input: otherwise 422)
    const done = await submitForm(agent, batchUrl, `${batchUrl}/confirm`, {
      status: 'active',
      rosterConsent: 'yes',
      consentMethod: 'written',
      skipErrors: 'yes',
    });
    expect(done.status).to.equal(303);
    expect(await count()).to.equal(3);
    const aase = await one(table(t.db, 'representatives').where({ email: 'aase@example.no' }).first());
    expect(aase).to.include({
      name: 'Ærlige Åse',
      kind: 'next_of_kin',
      status: 'active',
      area: 'Nordbyen',
      languages: 'nb,en',
    });
    expect(String(aase.term_end).slice(0, 10)).to.equal('2027-12-31');
    const consent = await table(t.db, 'consents').where({ representative_id: aase.id }).first();
    // recorded as the facilitator confirmed (issue 14 item 9), no longer as a method named "import"
    expect(consent).to.include({ purpose: 'roster', method: 'written' });
    // the file's content is gone; the batch keeps only who was imported, for the list of who cannot be invited yet
    const batch = (await table(t.db, 'import_batches'))[0]!;
    expect(batch.content).to.equal('');
    expect(JSON.parse(batch.imported_ids!)).to.have.length(2);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'representatives.imported' }).first());
    expect(JSON.parse(audit.details)).to.deep.equal({ imported: 2, skipped: 5 });
  });

  it('reads Windows-1252 files from Norwegian Excel with æ, ø and å intact', async () => {
    const res = await upload(cp1252('Navn;E-post\r\nØystein Ås;oystein@example.no\r\n'));
    const preview = await agent.get(res.headers.location as string).expect(200);
    expect(preview.text).to.contain('Windows-1252');
    expect(preview.text).to.contain('Øystein Ås');
  });

  it('lets the facilitator map columns whose headers it does not know', async () => {
    const res = await upload('Fornavn og etternavn,Epost-adr\nKari Nordmann,kari@example.no\n');
    const batchUrl = res.headers.location as string;
    const before = await agent.get(batchUrl).expect(200);
    expect(before.text).to.contain('Ingen kolonne er valgt som navn');
    expect(before.text).to.contain('Klare til import: 0');
    await submitForm(agent, batchUrl, `${batchUrl}/mapping`, { column_0: 'name', column_1: 'email' });
    const after = await agent.get(batchUrl).expect(200);
    expect(after.text).to.contain('Klare til import: 1');
    await submitForm(agent, batchUrl, `${batchUrl}/confirm`, {
      status: 'prospective',
      rosterConsent: 'yes',
      consentMethod: 'verbal',
    });
    expect((await table(t.db, 'representatives').where({ email: 'kari@example.no' }).first())!.status).to.equal(
      'prospective',
    );
  });

  it('refuses, with 422 and a clear message, a missing file, a binary file, an empty one, a broken quote and a file over the limit', async () => {
    const cases: Array<[Buffer | string, string]> = [
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00]), 'ser ikke ut som en CSV-fil'],
      ['Navn;E-post\n', 'ingen rader under kolonnenavnene'],
      ['Navn;E-post\n"Ola;ola@example.no\n', 'kunne ikke leses som CSV'],
      [Buffer.alloc(1024 * 1024 + 10, 'a'), 'for stor'],
    ];
    for (const [content, message] of cases) {
      const res = await upload(content);
      expect(res.status, message).to.equal(422);
      expect(res.text).to.contain(message);
    }
    const page = await agent.get('/representatives/import');
    const none = await agent
      .post(`/representatives/import?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .field('x', 'y');
    expect(none.status).to.equal(422);
    expect(none.text).to.contain('Velg en CSV-fil');
    expect(await count()).to.equal(0);
  });

  it('answers 403 to an upload without its CSRF token', async () => {
    const res = await agent.post('/representatives/import').attach('file', Buffer.from('Navn\nOla\n'), 'x.csv');
    expect(res.status).to.equal(403);
  });

  it('keeps each upload to the user who made it', async () => {
    const res = await upload('Navn\nOla\n');
    const other = await buildUser(t.db, orgId, { role: 'facilitator' });
    const { agent: otherAgent } = await signIn(t.app, other.email, other.password);
    await otherAgent.get(res.headers.location as string).expect(404);
  });
});

describe('CSV export', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('facilitator'));
  });
  afterEach(() => t.close());

  it('exports the filtered roster as UTF-8 with a BOM, semicolon-separated, formulas neutralised', async () => {
    const skill = await buildSkill(t.db, orgId, { nameNb: 'Prosjektarbeid' });
    await buildRepresentative(t.db, orgId, {
      name: 'Ærlige Åse Øren',
      kind: 'next_of_kin',
      skills: [{ skillId: skill, level: 3 }],
    });
    await buildRepresentative(t.db, orgId, { name: '=cmd|/C calc', kind: 'next_of_kin' });
    await buildRepresentative(t.db, orgId, { name: 'Not Exported', kind: 'patient' });
    const res = await agent
      .get('/representatives/export.csv?kind=next_of_kin')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.contain('text/csv');
    expect(res.headers['content-disposition']).to.match(/attachment; filename="representanter-\d{4}-\d{2}-\d{2}\.csv"/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = parse(body.toString('utf8'), { delimiter: ';', bom: true });
    expect(rows[0]!.slice(0, 3)).to.deep.equal(['Id', 'Navn', 'Type']);
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).to.deep.equal(["'=cmd|/C calc", 'Ærlige Åse Øren']);
    expect(rows.find((r) => r[1] === 'Ærlige Åse Øren')!.at(-1)).to.equal('Prosjektarbeid (3)');
    expect(await table(t.db, 'audit_events').where({ action: 'representatives.exported' }).first()).to.not.equal(
      undefined,
    );
  });
});
