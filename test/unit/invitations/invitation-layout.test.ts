import { expect } from 'chai';
import { LOCALES, type Locale } from '../../../src/config.js';
import { invitationEmail, type InvitationContext } from '../../../src/features/invitations/invitation-emails.js';
import type { Project } from '../../../src/features/projects/projects.model.js';
import { translator } from '../../../src/lib/i18n.js';

// Issue 25, item 5: a reader who may be elderly, tired or ill learns what taking part means (when, where, the
// honorarium in kroner, whom to call, the deadline) before the answer link, which is a button-like link near the
// top with the plain address beside it; the project's background and the personal note come after it.

const ANSWER_URL = 'https://medvirk.test/i/abc123';

const project = {
  id: 7,
  organisationId: 1,
  title: 'Hverdagsrehabilitering',
  purpose: 'PURPOSE-TEXT',
  whatMatters: 'WHAT-MATTERS-TEXT',
  startsOn: '2027-01-01',
  endsOn: '2027-06-30',
  honorariumApplies: true,
} as Project;

function context(locale: Locale): InvitationContext {
  return {
    locale,
    name: 'Kari Nordmann',
    project,
    meetings: [
      {
        id: 1,
        projectId: 7,
        startsAt: '2027-02-03T09:00:00.000Z',
        endsAt: '2027-02-03T11:00:00.000Z',
        place: 'Storgata 1',
        onlineLink: '',
        agenda: '',
        sequence: 0,
        cancelledAt: null,
      } as InvitationContext['meetings'][number],
    ],
    organisationName: 'Eksempel kommune',
    timeZone: 'Europe/Oslo',
    facilitator: { name: 'Ola Hansen', email: 'ola@medvirk.test' },
    contactPerson: { name: 'Siri Berg', phone: '+47 900 11 222' },
    personalNote: { text: 'NOTE-TEXT', by: 'Ola Hansen' },
    hourlyHonorariumOre: 30_000,
    baseUrl: 'https://medvirk.test',
    meUrl: 'https://medvirk.test/me/xyz',
    answerUrl: ANSWER_URL,
    expiresAt: '2027-01-20T12:00:00.000Z',
  };
}

const at = (haystack: string, needle: string): number => {
  const i = haystack.indexOf(needle);
  expect(i, `${needle} is in the e-mail`).to.be.greaterThan(-1);
  return i;
};

describe('the invitation e-mail, for a reader in a hurry (issue 25, item 5)', () => {
  for (const locale of LOCALES) {
    it(`says what taking part means before the answer link, and the background after it (${locale})`, () => {
      const t = translator(locale);
      const mail = invitationEmail('invitation', context(locale));
      for (const body of [mail.text, mail.html]) {
        const link = at(body, ANSWER_URL);
        expect(at(body, 'Storgata 1')).to.be.lessThan(link);
        expect(at(body, '300')).to.be.lessThan(link); // kroner an hour
        expect(at(body, 'Siri Berg')).to.be.lessThan(link);
        expect(at(body, '+47 900 11 222')).to.be.lessThan(link);
        expect(at(body, 'PURPOSE-TEXT')).to.be.greaterThan(link);
        expect(at(body, 'WHAT-MATTERS-TEXT')).to.be.greaterThan(link);
        expect(at(body, 'NOTE-TEXT')).to.be.greaterThan(link);
        // the contact person is named once, above the link, not again in the footer
        expect(body.split('Siri Berg').length - 1).to.equal(1);
      }
      expect(mail.text).to.contain(`${t('email.invitation.action')}:\n${ANSWER_URL}`);
    });

    it(`makes the answer link a button that holds in mail clients, with the plain address beside it (${locale})`, () => {
      const t = translator(locale);
      const { html } = invitationEmail('invitation', context(locale));
      const anchors = [...html.matchAll(/<a href="([^"]+)"([^>]*)>([^<]*)<\/a>/g)].filter((m) => m[1] === ANSWER_URL);
      expect(anchors.map((m) => m[3])).to.deep.equal([t('email.invitation.action'), ANSWER_URL]);
      const [button] = anchors;
      expect(button![2]).to.match(/display:inline-block/);
      expect(button![2]).to.match(/color:#ffffff/);
      // the coloured cell carries the background for clients that ignore a link's padding and background
      expect(html).to.match(/<td bgcolor="#[0-9a-f]{6}"[^>]*>\s*<a href="https:\/\/medvirk\.test\/i\/abc123"/);
      expect(html).to.contain(t('email.linkFallback'));
    });
  }

  it('keeps the contact person in the footer of e-mails that ask nothing (a confirmation)', () => {
    const mail = invitationEmail('accepted', context('nb'));
    expect(mail.text).to.contain('Siri Berg');
    expect(mail.text).to.contain('+47 900 11 222');
  });
});
