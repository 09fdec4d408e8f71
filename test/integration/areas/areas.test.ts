import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildInvolvement,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';
import { ManualClock } from '../../../src/lib/clock.js';

// Issue 22, item 2: the organisation's areas (free-text values mapped in a review step, none lost; an archived area
// stays with its people but cannot be chosen), the population's shares (that add up to 100 %), and the report's
// comparison of the network with them, with the small-number rule and the largest gaps named.

const NOW = '2026-12-01T09:00:00.000Z';

describe('areas, population shares and representativeness (issue 22, item 2)', () => {
  let t: TestApp;
  let org: number;
  let admin: Agent;
  let facilitator: Agent;
  let supervisor: Agent;

  const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const text = (html: string) =>
    main(html)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
  const areaId = async (name: string) => (await table(t.db, 'areas').where({ organisation_id: org, name }).first())!.id;

  before(async () => {
    t = await buildTestApp({}, { clock: new ManualClock(NOW) });
    org = await buildOrganisation(t.db);
    admin = (await signIn(t.app, ...creds(await buildUser(t.db, org, { role: 'admin' })))).agent;
    facilitator = (await signIn(t.app, ...creds(await buildUser(t.db, org, { role: 'facilitator' })))).agent;
    supervisor = (await signIn(t.app, ...creds(await buildUser(t.db, org, { role: 'supervisor' })))).agent;
    // free-text areas from before the list: 12 in "Sentrum", 6 in "sentrum øst", 3 in "Nord"
    for (let i = 0; i < 12; i += 1) await buildRepresentative(t.db, org, { area: 'Sentrum' });
    for (let i = 0; i < 6; i += 1) await buildRepresentative(t.db, org, { area: 'sentrum øst' });
    for (let i = 0; i < 3; i += 1) await buildRepresentative(t.db, org, { area: 'Nord' });
  });
  after(() => t.close());

  const creds = (u: { email: string; password: string }) => [u.email, u.password] as const;

  it('only admins reach the areas and the population', async () => {
    await facilitator.get('/admin/areas').expect(403);
    await supervisor.get('/admin/population').expect(403);
  });

  it('an admin adds areas; an empty or taken name is refused with 422 and what was typed is kept', async () => {
    for (const name of ['Sentrum', 'Øst', 'Nord']) {
      expect((await submitForm(admin, '/admin/areas', '/admin/areas', { name })).status).to.equal(303);
    }
    const empty = await submitForm(admin, '/admin/areas', '/admin/areas', { name: '  ' });
    expect(empty.status).to.equal(422);
    expect(empty.text).to.contain('Skriv navnet på området.');
    const taken = await submitForm(admin, '/admin/areas', '/admin/areas', { name: 'SENTRUM' });
    expect(taken.status).to.equal(422);
    expect(taken.text).to.contain('Det finnes allerede et område med det navnet.');
    expect(taken.text).to.contain('value="SENTRUM"');
  });

  it('free-text areas are listed for mapping with their counts, and mapping keeps everyone’s area', async () => {
    const page = text((await admin.get('/admin/areas').expect(200)).text);
    expect(page).to.contain('Sentrum 12 personer');
    expect(page).to.contain('sentrum øst 6 personer');
    // the same text as an area is mapped by name
    expect(
      (
        await submitForm(admin, '/admin/areas', '/admin/areas/map', {
          text: 'Sentrum',
          area: String(await areaId('Sentrum')),
        })
      ).status,
    ).to.equal(303);
    expect(
      (
        await submitForm(admin, '/admin/areas', '/admin/areas/map', {
          text: 'sentrum øst',
          area: String(await areaId('Øst')),
        })
      ).status,
    ).to.equal(303);
    const refused = await submitForm(admin, '/admin/areas', '/admin/areas/map', { text: 'Nord', area: '999999' });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Velg et område fra listen.');
    expect(
      (await submitForm(admin, '/admin/areas', '/admin/areas/map', { text: 'Nord', area: 'new' })).status,
    ).to.equal(303);
    const reps = await table(t.db, 'representatives').where({ organisation_id: org });
    expect(reps).to.have.length(21);
    expect(reps.filter((r) => r.area_id === null)).to.deep.equal([]);
    expect(reps.filter((r) => r.area === 'Øst')).to.have.length(6);
    expect(text((await admin.get('/admin/areas').expect(200)).text)).not.to.contain('Områder som skal kobles');
    const audit = await table(t.db, 'audit_events').where({ action: 'area.mapped' });
    expect(audit).to.have.length(3);
  });

  it('a representative’s area is chosen from the list; an archived area stays with its people, and new choices cannot pick it', async () => {
    const form = (await facilitator.get('/representatives/new').expect(200)).text;
    expect(form).to.match(/<select[^>]*name="area"/);
    const base = {
      name: 'Ny Person',
      kind: 'patient',
      status: 'active',
      email: 'ny@test.example',
      locale: 'nb',
      preferredContact: 'email',
      languages: 'nb',
      consentRoster: 'on',
      consentMethod: 'written',
    };
    const bogus = await submitForm(facilitator, '/representatives/new', '/representatives/new', {
      ...base,
      area: 'Atlantis',
    });
    expect(bogus.status).to.equal(422);
    expect(bogus.text).to.contain('Velg et område fra listen.');
    expect(bogus.text).to.contain('value="Ny Person"');
    const made = await submitForm(facilitator, '/representatives/new', '/representatives/new', {
      ...base,
      area: 'nord',
    });
    expect(made.status).to.equal(303);
    const id = Number(/\/representatives\/(\d+)$/.exec(made.headers.location as string)![1]);
    expect(await table(t.db, 'representatives').where({ id }).first()).to.include({
      area: 'Nord',
      area_id: await areaId('Nord'),
    });
    // archived: the person keeps it, saving the form unchanged works, and it reads "(archived)"
    const archive = await admin.get('/admin/areas');
    await admin
      .post(`/admin/areas/${await areaId('Nord')}/archive`)
      .type('form')
      .send({ _csrf: csrfFrom(archive.text) })
      .expect(303);
    const edit = (await facilitator.get(`/representatives/${id}/edit`).expect(200)).text;
    expect(edit).to.contain('Nord (arkivert)');
    const saved = await submitForm(facilitator, `/representatives/${id}/edit`, `/representatives/${id}/edit`, {
      ...base,
      email: 'ny@test.example',
      area: 'Nord',
    });
    expect(saved.status).to.equal(303);
    expect(await table(t.db, 'representatives').where({ id }).first()).to.include({ area_id: await areaId('Nord') });
    const another = await submitForm(facilitator, '/representatives/new', '/representatives/new', {
      ...base,
      name: 'En Til',
      email: 'en.til@test.example',
      area: 'Nord',
    });
    expect(another.status).to.equal(422);
    expect(another.text).to.contain('Det området er arkivert');
    expect((await facilitator.get('/representatives/new')).text).not.to.contain('>Nord<');
    // renaming writes the new name on everyone who has the area
    await admin
      .post(`/admin/areas/${await areaId('Nord')}/restore`)
      .type('form')
      .send({ _csrf: csrfFrom(archive.text) })
      .expect(303);
    await admin
      .post(`/admin/areas/${await areaId('Nord')}/rename`)
      .type('form')
      .send({ _csrf: csrfFrom(archive.text), name: 'Nordbyen' })
      .expect(303);
    expect(await table(t.db, 'representatives').where({ id }).first()).to.include({ area: 'Nordbyen' });
  });

  it('population shares that do not add up to 100 % are refused with 422 saying by how much, nothing typed lost; saved ones round-trip', async () => {
    const short = await submitForm(admin, '/admin/population', '/admin/population', {
      dimension: 'age',
      'share_18-29': '20',
      'share_30-49': '30',
      'share_50-66': '25,5',
      'share_67-79': '15',
      'share_80+': '7',
      source: 'SSB, tabell 07459',
      year: '2025',
    });
    expect(short.status).to.equal(422);
    expect(text(short.text)).to.contain('Andelene blir 97,5 % til sammen: 2,5 prosentpoeng under 100 %.');
    expect(short.text).to.contain('value="25,5"');
    expect(short.text).to.contain('value="SSB, tabell 07459"');
    const over = await submitForm(admin, '/admin/population', '/admin/population', {
      dimension: 'gender',
      share_woman: '51',
      share_man: '50',
      source: 'SSB',
      year: '2025',
    });
    expect(over.status).to.equal(422);
    expect(text(over.text)).to.contain('1 prosentpoeng over 100 %');
    const bad = await submitForm(admin, '/admin/population', '/admin/population', {
      dimension: 'gender',
      share_woman: 'mye',
      source: '',
      year: '25',
    });
    expect(bad.status).to.equal(422);
    expect(text(bad.text)).to.contain('Skriv hvor tallene kommer fra.');
    const ok = async (fields: Record<string, string>) =>
      expect((await submitForm(admin, '/admin/population', '/admin/population', fields)).status).to.equal(303);
    await ok({
      dimension: 'age',
      'share_18-29': '20',
      'share_30-49': '32,5',
      'share_50-66': '25,5',
      'share_67-79': '15',
      'share_80+': '7',
      source: 'SSB, tabell 07459',
      year: '2025',
    });
    await ok({
      dimension: 'gender',
      share_woman: '50,5',
      share_man: '49,5',
      share_other: '',
      source: 'SSB',
      year: '2025',
    });
    const areas = { Sentrum: '40', Øst: '35', Nordbyen: '25' };
    await ok({
      dimension: 'area',
      ...Object.fromEntries(
        await Promise.all(
          Object.entries(areas).map(async ([name, v]): Promise<[string, string]> => [`share_${await areaId(name)}`, v]),
        ),
      ),
      source: 'Kommunens statistikk',
      year: '2026',
    });
    // the stored values come back in the form, and saving them unchanged works
    const page = (await admin.get('/admin/population').expect(200)).text;
    expect(page).to.contain('value="32,5"');
    const values: Record<string, string> = Object.fromEntries(
      [...page.matchAll(/id="age-([^"]+)" name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[2]!, m[3]!]),
    );
    expect(values['share_30-49']).to.equal('32,5');
    await ok({ dimension: 'age', ...values });
    expect(await table(t.db, 'population_shares').where({ organisation_id: org, dimension: 'age' })).to.have.length(5);
  });

  it('the report compares the network with the population, names the largest gaps, and shows no count from 1 to 4 to a supervisor', async () => {
    await t.db('representatives').where({ organisation_id: org }).update({ age_band: '67-79', gender: 'woman' });
    const project = await buildProject(t.db, org, { title: 'Eldreomsorg' });
    const first = (await table(t.db, 'representatives').where({ organisation_id: org, area: 'Øst' }).first())!;
    await buildInvolvement(t.db, org, { projectId: project, representativeId: first.id, occurredOn: '2026-11-20' });
    for (const agent of [supervisor, facilitator]) {
      const html = (await agent.get('/reports?period=12m&at=2026-12-01').expect(200)).text;
      const page = text(html);
      expect(page).to.contain('Ligner nettverket på befolkningen?');
      expect(page).to.contain('Hvem nettverket mangler');
      // nobody is 30-49 (32.5 % of the population) or a man (49.5 %)
      expect(page).to.contain('30-49 år: 32,5 % av befolkningen; aktive representanter: 0');
      expect(page).to.contain('Mann: 49,5 % av befolkningen');
      expect(page).to.contain('Kilde: SSB, tabell 07459, 2025.');
      // four of Nordbyen's people: "fewer than 5" (and the one who took part), never 1 to 4
      const cells = [...html.matchAll(/data-people="[^"]*"[^>]*>([^<]*)</g)].map((m) => m[1]!.trim());
      for (const cell of cells) expect(cell, cell).not.to.match(/^[1-4]( \(|$)/);
      expect(page).to.contain('Nordbyen 25 % færre enn 5');
      // the one who took part (in Øst) reads "fewer than 5" too
      expect(page).to.match(/Øst 35 % \S+( \S+)* færre enn 5/);
    }
    const csv = (await supervisor.get('/reports/export.csv?period=12m&at=2026-12-01').expect(200)).text;
    expect(csv).to.contain('Hvem nettverket mangler');
    expect(csv).not.to.match(/Aktive representanter: [1-4][; (]/);
  });

  it('an erasure takes the person’s area with the rest', async () => {
    const person = (await table(t.db, 'representatives').where({ organisation_id: org, area: 'Sentrum' }).first())!;
    expect(person.area_id).to.equal(await areaId('Sentrum'));
    const page = await facilitator.get(`/representatives/${person.id}/erase`).expect(200);
    await facilitator
      .post(`/representatives/${person.id}/erase`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), confirmation: 'SLETT' })
      .expect(303);
    expect(await table(t.db, 'representatives').where({ id: person.id }).first()).to.include({
      area: '',
      area_id: null,
    });
  });
});
