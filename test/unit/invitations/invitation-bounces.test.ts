import { expect } from 'chai';
import { invitationOfMessage } from '../../../src/features/invitations/invitation-bounces.js';

describe('which refused e-mail is an invitation nobody received', () => {
  const cases: Array<[string, string, number | undefined]> = [
    ['invitation', 'invitation:12:sent', 12],
    ['invitation', 'invitation:7:sent', 7],
    ['invitation_reminder', 'invitation:12:reminder', undefined],
    ['invitation_accepted', 'invitation:12:accepted:1700000000000', undefined],
    ['invitation', 'invitation:x:sent', undefined],
    ['password_reset', 'invitation:12:sent', undefined],
    ['invitation', 'meeting:3:1:12', undefined],
  ];
  for (const [kind, dedupeKey, expected] of cases) {
    it(`reads ${kind} ${dedupeKey} as ${String(expected)}`, () => {
      expect(invitationOfMessage({ kind, dedupeKey })).to.equal(expected);
    });
  }
});
