import { expect } from 'chai';
import type { TestApp } from '../../helpers/app.js';
import { buildProject, buildRepresentative, buildSkill } from '../../helpers/builders.js';
import { buildImpact } from '../../helpers/record-builders.js';
import { signedInApp, submitForm, type Agent } from '../../helpers/forms.js';

// Issue 17, item 4: the project page, the profile and the roster keep their secondary forms (and the roster its
// filters) in collapsible sections (views/partials/collapsible.ejs). A section is closed until asked for, and comes
// back open when its form was refused, with the messages and what was typed in sight.

/** The opening tag of the <details> with this id, or of the one holding the form with this action. */
function detailsTag(html: string, idOrAction: string): string {
  const byId = new RegExp(`<details[^>]*\\sid="${idOrAction}"[^>]*>`).exec(html);
  if (byId) return byId[0];
  const at = html.indexOf(`action="${idOrAction}"`);
  expect(at, `a form posting to ${idOrAction}`).to.be.greaterThan(-1);
  const start = html.lastIndexOf('<details', at);
  expect(start, `a <details> around ${idOrAction}`).to.be.greaterThan(-1);
  expect(html.lastIndexOf('</details>', at), `the form to ${idOrAction} inside its <details>`).to.be.lessThan(start);
  return html.slice(start, html.indexOf('>', start) + 1);
}
const isOpen = (tag: string) => /\sopen(\s|>|=)/.test(tag);

describe('secondary forms open on demand (issue 17)', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('facilitator'));
    t.clock.set('2026-11-23T09:00:00Z');
  });
  afterEach(() => t.close());

  it('keeps the project page’s requirement, meeting and phase forms closed, names the phase once, and opens one when asked', async () => {
    const id = await buildProject(t.db, orgId);
    const page = (await agent.get(`/projects/${id}`).expect(200)).text;
    for (const action of ['requirements', 'meetings', 'phase']) {
      expect(isOpen(detailsTag(page, `/projects/${id}/${action}`)), action).to.equal(false);
    }
    expect(page).to.contain('<summary>Nytt krav</summary>');
    expect(page).to.contain('<summary>Nytt møte</summary>');
    expect(page).to.contain('Prosjektet er nå i fasen «Idé».');
    expect(page).to.contain('<legend class="ds-label">Ny fase</legend>');
    expect(page).to.not.contain('<legend class="ds-label">Fase</legend>');
    const asked = (await agent.get(`/projects/${id}?open=new-meeting`).expect(200)).text;
    expect(isOpen(detailsTag(asked, 'new-meeting'))).to.equal(true);
    expect(isOpen(detailsTag(asked, 'new-requirement'))).to.equal(false);
  });

  it('opens only the refused form on the project page, with what was typed', async () => {
    const id = await buildProject(t.db, orgId);
    const refused = await submitForm(agent, `/projects/${id}`, `/projects/${id}/meetings`, {
      date: '2027-02-01',
      startTime: '12:00',
      endTime: '10:00',
      place: 'Rådhuset',
    });
    expect(refused.status).to.equal(422);
    expect(isOpen(detailsTag(refused.text, `/projects/${id}/meetings`))).to.equal(true);
    expect(isOpen(detailsTag(refused.text, `/projects/${id}/requirements`))).to.equal(false);
    expect(isOpen(detailsTag(refused.text, `/projects/${id}/phase`))).to.equal(false);
    expect(refused.text).to.contain('value="Rådhuset"');
  });

  it('keeps the profile’s main facts first and its forms and histories closed, opening a refused one', async () => {
    const skill = await buildSkill(t.db, orgId, { nameNb: 'Prosjektarbeid' });
    const rep = await buildRepresentative(t.db, orgId, { name: 'Kari Nordmann', area: 'Nordbyen' });
    const page = (await agent.get(`/representatives/${rep}`).expect(200)).text;
    for (const action of ['skills', 'consents', 'status']) {
      expect(isOpen(detailsTag(page, `/representatives/${rep}/${action}`)), action).to.equal(false);
    }
    // the facts come before the first form
    expect(page.indexOf('Nordbyen')).to.be.lessThan(page.indexOf(`action="/representatives/${rep}/skills"`));
    expect(page).to.contain('<summary>Statushistorikk</summary>');
    const refused = await submitForm(agent, `/representatives/${rep}`, `/representatives/${rep}/skills`, {
      skillId: String(skill),
      level: '2',
      expiresOn: '2030-01-01',
    });
    expect(refused.status).to.equal(422);
    expect(isOpen(detailsTag(refused.text, `/representatives/${rep}/skills`))).to.equal(true);
    expect(isOpen(detailsTag(refused.text, `/representatives/${rep}/status`))).to.equal(false);
    expect(refused.text).to.contain('value="2030-01-01"');
  });

  it('keeps the form for a new input open while nothing is recorded, and closed beside the list after', async () => {
    const id = await buildProject(t.db, orgId);
    const empty = (await agent.get(`/projects/${id}/impacts`).expect(200)).text;
    expect(isOpen(detailsTag(empty, `/projects/${id}/impacts`))).to.equal(true);
    await buildImpact(t.db, orgId, id);
    const listed = (await agent.get(`/projects/${id}/impacts`).expect(200)).text;
    expect(isOpen(detailsTag(listed, `/projects/${id}/impacts`))).to.equal(false);
    expect(listed).to.contain('<summary>Registrer et innspill</summary>');
    const refused = await submitForm(agent, `/projects/${id}/impacts`, `/projects/${id}/impacts`, { whatSaid: '' });
    expect(refused.status).to.equal(422);
    expect(isOpen(detailsTag(refused.text, `/projects/${id}/impacts`))).to.equal(true);
  });

  it('collapses the roster’s filters into one section whose summary counts the filters in use', async () => {
    await buildRepresentative(t.db, orgId, { area: 'Nordbyen' });
    const plain = (await agent.get('/representatives').expect(200)).text;
    expect(plain).to.contain('<summary>Filtre</summary>');
    expect(isOpen(detailsTag(plain, 'filters'))).to.equal(false);
    // the filters sit inside the section; the name search stays outside it
    const body = plain.slice(plain.indexOf('id="filters"'));
    expect(body).to.contain('name="kind"');
    expect(body).to.contain('name="freeFrom"');
    expect(body).to.not.contain('name="q"');
    const filtered = (await agent.get('/representatives?status=active&area=Nordbyen&freeFrom=2027-01-01').expect(200))
      .text;
    expect(filtered).to.contain('<summary>Filtre (3 i bruk)</summary>');
    const oneFilter = (await agent.get('/representatives?q=kari&kind=patient').expect(200)).text;
    expect(oneFilter).to.contain('<summary>Filtre (1 i bruk)</summary>');
  });
});
