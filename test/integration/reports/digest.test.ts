import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildInvolvement,
  buildImpact,
} from '../../helpers/builders.js';
import { csrfFrom, signIn } from '../../helpers/forms.js';
import { TestSmtpServer } from '../../helpers/smtp.js';

describe('the weekly digest', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
    t = await buildTestApp({ SMTP_URL: smtp.url });
  });
  afterEach(async () => {
    await t.close();
    await smtp.close();
  });

  it('goes on Monday morning, once, to those who asked for it, with last week’s figures', async () => {
    const org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    await t
      .db('organisations')
      .where({ id: org })
      .update({ settings: JSON.stringify({ emailsPerMinute: 0 }) });
    const supervisor = await buildUser(t.db, org, { role: 'supervisor', name: 'Sara Leder' });
    await buildUser(t.db, org, { role: 'supervisor', email: 'no-digest@test.example' });
    const project = await buildProject(t.db, org, { title: 'Trygg utskriving', startsOn: '2026-01-01' });
    const rep = await buildRepresentative(t.db, org);
    await buildInvolvement(
      t.db,
      org,
      { projectId: project, representativeId: rep, occurredOn: '2026-11-25' },
      { minutes: 90 },
    );
    await buildImpact(t.db, org, project, {
      whatSaid: 'Brevet er vanskelig',
      whatChanged: 'Brevet er skrevet i klarspråk',
      status: 'adopted',
      decidedOn: '2026-11-26',
    });

    // the supervisor asks for it (the choice is on /account; the dashboard links there)
    const { agent } = await signIn(t.app, supervisor.email, supervisor.password);
    const dashboard = await agent.get('/').expect(200);
    expect(dashboard.text).to.contain('href="/account"');
    await agent
      .post('/account/digest')
      .type('form')
      .send({ _csrf: csrfFrom(dashboard.text), digest: 'on' })
      .expect(303);

    t.clock.set('2026-11-27T12:00:00Z'); // a Friday: not yet
    await t.services.runtime.background.runOnce();
    expect(await t.db('outbox_messages').where({ kind: 'weekly_digest' })).to.have.length(0);

    t.clock.set('2026-11-30T06:05:00Z'); // Monday 07:05 in Oslo
    await t.services.runtime.background.runOnce();
    await t.services.runtime.background.runOnce();
    const digests = await t.db('outbox_messages').where({ kind: 'weekly_digest' });
    expect(digests).to.have.length(1);
    expect(smtp.received).to.have.length(1);
    const mail = smtp.received[0]!;
    expect(mail.to).to.deep.equal([supervisor.email]);
    expect(mail.subject).to.equal('Ukens medvirkning: 23. november 2026 – 29. november 2026');
    expect(mail.text).to.contain('Timer: 1,5');
    expect(mail.text).to.contain('Representanter som deltok: færre enn 5');
    expect(mail.text).to.contain('Brevet er skrevet i klarspråk');
    expect(mail.text).to.contain('/reports?period=custom&from=2026-11-23&to=2026-11-29');

    // a second instance at the same moment, or the same job an hour later, sends nothing more
    t.clock.set('2026-11-30T07:05:00Z');
    await t.services.runtime.background.runOnce();
    expect(await t.db('outbox_messages').where({ kind: 'weekly_digest' })).to.have.length(1);
  });
});
