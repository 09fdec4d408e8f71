import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildInvitation,
  buildInvolvement,
  buildMeeting,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';

/** Every <button> or <a> whose visible text starts with one of the labels, as its opening tag. */
function tagsLabelled(html: string, labels: string[]): string[] {
  const found: string[] = [];
  const re = /<(button|a)\b([^>]*)>\s*([^<]*)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (labels.some((l) => m[3]!.trim().startsWith(l))) found.push(`<${m[1]}${m[2]}> ${m[3]!.trim()}`);
  }
  return found;
}

describe('one-click consequences and lost places (issue 14, item 12)', () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;
  let kari: number;
  let odd: number;
  let future: number;
  let past: number;

  beforeEach(async () => {
    t = await buildTestApp();
    t.clock.set('2027-03-01T09:00:00.000Z');
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 3 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    kari = await buildRepresentative(t.db, org, { name: 'Kari Nordmann', email: 'kari@test.example' });
    odd = await buildRepresentative(t.db, org, { name: 'Odd Telefon', email: null });
    await t.db('representatives').where({ id: odd }).update({ phone: '+47 900 12 345', preferred_contact: 'phone' });
    const now = t.clock.now().toISO()!;
    for (const [rep, channel] of [
      [kari, 'email'],
      [odd, 'phone'],
    ] as const) {
      await buildInvitation(
        t.db,
        org,
        { projectId: project, representativeId: rep, status: 'accepted' },
        { channel, sentAt: now, respondedAt: now, createdAt: now },
      );
    }
    const meeting = (startsAt: string, endsAt: string, agenda: string) =>
      buildMeeting(t.db, org, project, { startsAt, endsAt, agenda });
    past = await meeting('2027-02-10T09:00:00.000Z', '2027-02-10T11:00:00.000Z', 'Oppstart');
    future = await meeting('2027-04-07T09:00:00.000Z', '2027-04-07T11:00:00.000Z', 'Arbeidsmøte');
  });
  afterEach(() => t.close());

  it('asks before cancelling a meeting, on a page that says what is sent to whom, and only then sends', async () => {
    const projectPage = await agent.get(`/projects/${project}`).expect(200);
    expect(projectPage.text).not.to.contain(`action="/projects/${project}/meetings/${future}/remove"`);
    expect(projectPage.text).to.contain(`href="/projects/${project}/meetings/${future}/cancel"`);

    const confirm = await agent.get(`/projects/${project}/meetings/${future}/cancel`).expect(200);
    const emailed = confirm.text.slice(confirm.text.indexOf('id="cancel-emailed"'));
    expect(emailed.slice(0, emailed.indexOf('</ul>'))).to.contain('Kari Nordmann');
    const tell = confirm.text.slice(confirm.text.indexOf('id="cancel-tell"'));
    expect(tell.slice(0, tell.indexOf('</ul>'))).to.contain('Odd Telefon');
    expect(tell.slice(0, tell.indexOf('</ul>'))).to.contain('+47 900 12 345');
    expect(confirm.text).to.contain('7. apr. 2027, 11:00');
    expect(confirm.text).to.match(/data-color="danger"[^>]*>\s*Avlys møtet og send 1 avlysning/);
    // nothing has happened yet
    expect(await table(t.db, 'outbox_messages')).to.have.length(0);
    expect((await table(t.db, 'meetings').where({ id: future }).first())!.cancelled_at).to.equal(null);

    await agent
      .post(`/projects/${project}/meetings/${future}/remove`)
      .type('form')
      .send({ _csrf: csrfFrom(confirm.text) })
      .expect(303);
    const sent = await table(t.db, 'outbox_messages').where({ kind: 'meeting_cancelled' });
    expect(sent.map((m) => m.to_address)).to.deep.equal(['kari@test.example']);
  });

  it('answers 404 for the confirmation page of another project’s meeting', async () => {
    const other = await buildProject(t.db, org);
    await agent.get(`/projects/${other}/meetings/${future}/cancel`).expect(404);
  });

  it('offers attendance only from the meeting’s start', async () => {
    const page = await agent.get(`/projects/${project}`).expect(200);
    expect(page.text).to.contain(`/projects/${project}/meetings/${past}/attendance`);
    expect(page.text).not.to.contain(`/projects/${project}/meetings/${future}/attendance`);
  });

  it('returns to the same candidate after shortlisting, with a link on to sending the invitations', async () => {
    const candidate = await buildRepresentative(t.db, org, { name: 'Siri Kandidat', email: 'siri@test.example' });
    const matches = await agent.get(`/projects/${project}/matches`).expect(200);
    expect(matches.text).to.match(new RegExp(`<li class="app-candidate" id="candidate-${candidate}" tabindex="-1"`));
    const res = await agent
      .post(`/projects/${project}/shortlist`)
      .type('form')
      .send({ _csrf: csrfFrom(matches.text), representativeId: String(candidate) })
      .expect(303);
    expect(res.headers.location).to.equal(`/projects/${project}/matches#candidate-${candidate}`);
    const after = await agent.get(`/projects/${project}/matches`).expect(200);
    const item = after.text.slice(after.text.indexOf(`id="candidate-${candidate}"`));
    expect(item.slice(0, item.indexOf('</li>'))).to.contain(`href="/projects/${project}/invitations"`);
    const back = await agent
      .post(`/projects/${project}/unshortlist`)
      .type('form')
      .send({ _csrf: csrfFrom(after.text), representativeId: String(candidate) })
      .expect(303);
    expect(back.headers.location).to.equal(`/projects/${project}/matches#candidate-${candidate}`);
  });

  it('says what was sent after sending, instead of "0 people get an e-mail"', async () => {
    const siri = await buildRepresentative(t.db, org, { name: 'Siri Kandidat', email: 'siri@test.example' });
    const per = await buildRepresentative(t.db, org, { name: 'Per Telefon', email: null });
    await t.db('representatives').where({ id: per }).update({ phone: '+47 911 11 111', preferred_contact: 'phone' });
    for (const rep of [siri, per]) {
      await buildInvitation(
        t.db,
        org,
        { projectId: project, representativeId: rep, status: 'draft' },
        { createdAt: t.clock.now().toISO()! },
      );
    }
    t.clock.advance({ minutes: 5 });
    const before = await agent.get(`/projects/${project}/invitations`).expect(200);
    await agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(before.text) })
      .expect(303);
    const after = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(after.text).not.to.contain('0 personer får invitasjon på e-post');
    expect(after.text).to.contain('1 invitasjon er sendt på e-post');
    expect(after.text).to.contain('1 person vil heller bli ringt');
  });

  it('styles every destructive action with the danger colour', async () => {
    const now = t.clock.now().toISO()!;
    await t.db('invitations').where({ representative_id: kari }).update({ status: 'sent', responded_at: null });
    await buildInvolvement(
      t.db,
      org,
      { projectId: project, representativeId: kari, occurredOn: '2027-02-10' },
      { meetingId: past, preparationMinutes: 0, attended: true, createdAt: now, updatedAt: now },
    );
    const pages: Array<[string, string[]]> = [
      [`/projects/${project}/invitations`, ['Trekk tilbake']],
      [`/projects/${project}`, ['Avlys']],
      [`/representatives/${kari}`, ['Trekk tilbake', 'Slett']],
      [`/projects/${project}/involvement`, ['Slett']],
    ];
    for (const [path, labels] of pages) {
      const page = await agent.get(path).expect(200);
      const tags = tagsLabelled(page.text, labels);
      expect(tags, `${path}: ${labels.join(', ')}`).to.not.be.empty;
      for (const tag of tags) expect(tag, path).to.contain('data-color="danger"');
    }
  });
});
