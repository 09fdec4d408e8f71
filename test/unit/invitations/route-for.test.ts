import { expect } from 'chai';
import { routeFor, type Route } from '../../../src/features/invitations/route-for.js';

type Reach = Parameters<typeof routeFor>[0];

const person = (over: Partial<Reach> = {}): Reach => ({
  preferredContact: 'email',
  phone: null,
  postalAddress: '',
  email: 'kari@test.example',
  emailUndeliverable: false,
  emailConsent: true,
  ...over,
});

describe('how a shortlisted person is invited (issue 16, item 4)', () => {
  const cases: Array<{ name: string; person: Reach; route: Route }> = [
    {
      name: 'when e-mail is preferred, consented to and works, then by e-mail',
      person: person(),
      route: { kind: 'email' },
    },
    {
      name: 'when the phone is preferred and there is a number, then by phone',
      person: person({ preferredContact: 'phone', phone: '+47 900 00 000' }),
      route: { kind: 'contact', channel: 'phone' },
    },
    {
      name: 'when the phone is preferred and there is no number, then not at all (no phone)',
      person: person({ preferredContact: 'phone' }),
      route: { kind: 'skip', reason: 'noPhone' },
    },
    {
      name: 'when a letter is preferred and there is an address, then by letter',
      person: person({ preferredContact: 'letter', postalAddress: 'Storgata 1, 0155 Oslo' }),
      route: { kind: 'contact', channel: 'letter' },
    },
    {
      name: 'when a letter is preferred and there is no address, then not at all (no address)',
      person: person({ preferredContact: 'letter' }),
      route: { kind: 'skip', reason: 'noAddress' },
    },
    {
      name: 'when there is no e-mail address but a number, then by phone',
      person: person({ email: null, phone: '+47 900 00 000' }),
      route: { kind: 'contact', channel: 'phone' },
    },
    {
      name: 'when there is neither e-mail address nor number, then not at all (no e-mail)',
      person: person({ email: null }),
      route: { kind: 'skip', reason: 'noEmail' },
    },
    {
      name: 'when the address was refused by the mail server, then not at all, even with a number',
      person: person({ emailUndeliverable: true, phone: '+47 900 00 000' }),
      route: { kind: 'skip', reason: 'undeliverable' },
    },
    {
      name: 'when e-mail is not consented to and there is a number, then by phone',
      person: person({ emailConsent: false, phone: '+47 900 00 000' }),
      route: { kind: 'contact', channel: 'phone' },
    },
    {
      name: 'when e-mail is not consented to and there is no number, then not at all (no e-mail consent)',
      person: person({ emailConsent: false }),
      route: { kind: 'skip', reason: 'noEmailConsent' },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(routeFor(c.person)).to.deep.equal(c.route);
    });
  }
});
