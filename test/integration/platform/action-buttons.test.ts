import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildImpact,
  buildInvitation,
  buildInvolvement,
  buildOrganisation,
  buildParticipationLink,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { signIn, submitForm, type Agent } from '../../helpers/forms.js';

// Issue 17, item 5: primary, secondary and destructive actions each have one look, and destructive ones confirm.

/** The opening tags of every element styled as a Designsystemet button on the page. */
function buttons(html: string): string[] {
  return html.match(/<(?:button|a|summary)\b[^>]*class="ds-button[^"]*"[^>]*>/g) ?? [];
}

describe('action buttons', () => {
  let t: TestApp;
  let org: number;
  let agent: Agent;
  let rep: number;
  let project: number;
  let facilitatorId: number;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    const admin = await buildUser(t.db, org, { role: 'admin' });
    facilitatorId = (await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' })).id;
    agent = (await signIn(t.app, admin.email, admin.password)).agent;
    rep = await buildRepresentative(t.db, org, {
      name: 'Arne Johansen',
      consents: ['roster', 'health_experience', 'email_contact'],
    });
    await t
      .db('representatives')
      .where({ id: rep })
      .update({ last_reviewed_at: t.clock.now().minus({ months: 25 }).toISO() });
    project = await buildProject(t.db, org, { title: 'Trygg utskriving' });
    await buildInvitation(t.db, org, { projectId: project, representativeId: rep, status: 'accepted' });
    await buildInvolvement(t.db, org, { projectId: project, representativeId: rep, occurredOn: '2026-01-10' });
    await buildImpact(t.db, org, project, { whatSaid: 'Brevene er vanskelige å forstå' });
  });
  afterEach(() => t.close());

  it('gives the review page’s row one look: outlined buttons, the destructive ones in the danger colour', async () => {
    const page = await agent.get('/representatives/review').expect(200);
    const row = page.text.slice(
      page.text.indexOf('Arne Johansen</a>'),
      page.text.indexOf('</tr>', page.text.indexOf('Arne Johansen</a>')),
    );
    const tags = buttons(row);
    expect(tags).to.have.length(4); // reviewed, keep · retire (opens) · retire (confirms) · erase (a page)
    expect(tags[0]).to.match(/^<button [^>]*data-variant="secondary"/);
    expect(tags[1]).to.match(/^<summary [^>]*data-variant="secondary" data-color="danger"/);
    expect(tags[2]).to.match(/^<button [^>]*data-variant="primary" data-color="danger"[^>]*type="submit"/);
    expect(tags[3]).to.match(
      /^<a [^>]*data-variant="secondary" data-color="danger"[^>]*href="\/representatives\/\d+\/erase"/,
    );
    // the real submit is inside the <details> that says what will happen
    expect(row).to.match(
      /<details class="app-confirm">[\s\S]*Arne Johansen blir avsluttet som representant[\s\S]*<button[^>]*data-color="danger"[^>]*>Avslutt[\s\S]*<\/details>/,
    );
  });

  it('asks before withdrawing, deleting, deactivating or retiring, and keeps tertiary buttons out of actions', async () => {
    const confirming: Array<[string, string]> = [
      ['/representatives/review', 'Avslutt'],
      [`/projects/${project}/invitations`, 'Trekk tilbake'],
      [`/projects/${project}/involvement`, 'Slett'],
      [`/admin/users/${facilitatorId}`, 'Deaktiver'],
      [`/representatives/${rep}`, 'Trekk tilbake'],
    ];
    const me = await buildParticipationLink(t.db, org, rep, { now: t.clock.now() });
    confirming.push([`/me/${me}`, 'Slutt å sende meg e-post'], [`/me/${me}`, 'Be oss slette opplysningene mine']);
    for (const [path, label] of confirming) {
      const page = await agent.get(path).expect(200);
      expect(page.text, path).to.match(
        new RegExp(
          `<details class="app-confirm">\\s*<summary class="ds-button" data-variant="secondary" data-color="danger"[^>]*>${label}`,
        ),
      );
    }
    for (const path of [
      '/',
      '/representatives',
      '/representatives/review',
      `/representatives/${rep}`,
      '/skills',
      '/units',
      '/contacts',
      `/admin/users/${facilitatorId}`,
      `/projects/${project}`,
      `/projects/${project}/invitations`,
      `/projects/${project}/involvement`,
      `/projects/${project}/impacts`,
    ]) {
      const page = await agent.get(path).expect(200);
      const tertiary = buttons(page.text).filter((tag) => tag.includes('data-variant="tertiary"'));
      // the language switch in the header (the two other languages) holds the only tertiary buttons (pagination
      // links are the other use)
      expect(tertiary, path).to.have.length(2);
      for (const tag of tertiary) expect(tag, path).to.contain('app-lang__button');
      // every danger-coloured control is outlined where it starts, or filled inside its confirming step
      for (const tag of buttons(page.text).filter((b) => b.includes('data-color="danger"'))) {
        expect(tag, path).to.match(/data-variant="(secondary|primary)"/);
      }
    }
  });

  it('still withdraws the health consent through its own confirmation page, without asking twice', async () => {
    const page = await agent.get(`/representatives/${rep}`).expect(200);
    const health = page.text.slice(page.text.indexOf('value="health_experience"'));
    expect(health.slice(0, health.indexOf('</form>'))).to.not.contain('app-confirm');
    const res = await submitForm(agent, `/representatives/${rep}`, `/representatives/${rep}/consents/withdraw`, {
      purpose: 'health_experience',
    });
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('data-variant="primary" data-color="danger"');
  });
});
