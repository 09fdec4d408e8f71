import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildInvitation,
  buildOrganisation,
  buildParticipationLink,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { signIn } from '../../helpers/forms.js';
import { newToken } from '../../../src/lib/tokens.js';

// Issue 17, item 3: the header groups the navigation, keeps the account in one place, and shows a representative's
// link pages without staff navigation or a sign-in link.
describe('the header and its navigation', () => {
  let t: TestApp;
  let org: number;
  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
  });
  afterEach(() => t.close());

  const navs = (html: string) => html.match(/<nav class="app-nav app-nav--(bar|menu)"/g) ?? [];

  it('groups an administrator’s navigation, folds Administration on the bar, and marks the current page', async () => {
    const admin = await buildUser(t.db, org, { role: 'admin', name: 'Astrid Administrator' });
    const { agent } = await signIn(t.app, admin.email, admin.password);
    const page = await agent.get('/admin/users').expect(200);
    expect(navs(page.text)).to.have.length(2);
    const bar = page.text.slice(page.text.indexOf('app-nav--bar'));
    expect(bar).to.match(/<span class="app-nav__group-name" id="nav-bar-people">Personer<\/span>/);
    expect(bar).to.match(/<span class="app-nav__group-name" id="nav-bar-projects">Prosjektarbeid<\/span>/);
    expect(bar).to.match(/<summary class="app-nav__fold-name" data-current="true">Administrasjon<\/summary>/);
    expect(bar).to.match(/href="\/admin\/users" aria-current="page">Brukere<\/a>/);
    const menu = page.text.slice(page.text.indexOf('app-nav--menu'), page.text.indexOf('app-nav--bar'));
    expect(menu).to.match(/id="nav-menu-admin">Administrasjon<\/span>/);
    expect(menu).to.not.contain('<summary class="app-nav__fold-name"');
    // the name (a link to /account), the language and sign-out in the header; the menu repeats the name and sign-out
    expect(page.text.match(/href="\/account">Astrid Administrator<\/a> · Eksempel kommune/g)).to.have.length(2);
    expect(page.text.match(/action="\/logout"/g)).to.have.length(2);
    expect(page.text.match(/action="\/language"/g)).to.have.length(1);
  });

  it('shows a supervisor three single links, without group names or the administration', async () => {
    const supervisor = await buildUser(t.db, org, { role: 'supervisor' });
    const { agent } = await signIn(t.app, supervisor.email, supervisor.password);
    const page = await agent.get('/').expect(200);
    expect(page.text).to.not.contain('app-nav__group-name');
    expect(page.text).to.not.contain('app-nav__fold');
    expect(page.text).to.not.contain('href="/admin/');
    expect(page.text).to.match(/<a class="ds-link app-nav__link" href="\/reports">Rapporter<\/a>/);
  });

  it('offers staff a sign-in link on public pages but not on a representative’s link pages', async () => {
    const privacy = await request(t.app).get('/privacy').expect(200);
    expect(privacy.text).to.contain('href="/login"');
    expect(navs(privacy.text)).to.have.length(0);

    const rep = await buildRepresentative(t.db, org, { name: 'Kari Nordmann' });
    const me = await buildParticipationLink(t.db, org, rep, { now: t.clock.now() });
    const project = await buildProject(t.db, org, { title: 'Trygg utskriving' });
    const invited = newToken();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: rep, status: 'sent' },
      {
        tokenHash: invited.hash,
        sentAt: t.clock.now().toISO()!,
        expiresAt: t.clock.now().plus({ days: 14 }).toISO()!,
      },
    );
    for (const [path, status] of [
      [`/me/${me}`, 200],
      [`/i/${invited.token}`, 200],
      ['/me/not-a-link', 404],
      ['/email/confirm/not-a-link', 404],
    ] as const) {
      const page = await request(t.app).get(path).expect(status);
      expect(page.text, path).to.not.contain('href="/login"');
      expect(page.text, path).to.not.contain('href="/"');
      expect(navs(page.text), path).to.have.length(0);
      expect(page.text, path).to.contain('action="/language"');
    }
  });

  it('shows a signed-in facilitator who opens a representative’s link neither navigation nor account', async () => {
    const facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    const { agent } = await signIn(t.app, facilitator.email, facilitator.password);
    const rep = await buildRepresentative(t.db, org, { name: 'Ola Nordmann' });
    const me = await buildParticipationLink(t.db, org, rep, { now: t.clock.now() });
    const page = await agent.get(`/me/${me}`).expect(200);
    expect(navs(page.text)).to.have.length(0);
    expect(page.text).to.not.contain('Kari Tilrettelegger');
    expect(page.text).to.not.contain('action="/logout"');
  });
});
