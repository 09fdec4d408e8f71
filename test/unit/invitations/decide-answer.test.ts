import { expect } from 'chai';
import { decideAnswer, needsSeatCount, type Answer } from '../../../src/features/invitations/decide-answer.js';
import type { DeclineReason, InvitationStatus } from '../../../src/features/invitations/invitations.model.js';

type Current = { status: InvitationStatus; note: string; declineReason: DeclineReason | null; declineText: string };

const current = (status: InvitationStatus, over: Partial<Current> = {}): Current => ({
  status,
  note: '',
  declineReason: null,
  declineText: '',
  ...over,
});
const accept = (note = ''): Answer => ({ accept: true, declineReason: null, declineText: '', note });
const decline = (declineReason: DeclineReason | null = null, declineText = '', note = ''): Answer => ({
  accept: false,
  declineReason,
  declineText,
  note,
});

describe('deciding an answer to an invitation (issue 16, item 4)', () => {
  const cases: Array<{
    name: string;
    current: Current;
    answer: Answer;
    taken: number;
    seats: number;
    expected: ReturnType<typeof decideAnswer>;
  }> = [
    {
      name: 'when a seat is free, accepting takes it',
      current: current('sent'),
      answer: accept(),
      taken: 1,
      seats: 2,
      expected: { status: 'accepted', unchanged: false, freesSeat: false },
    },
    {
      name: 'when every seat is taken, accepting puts the person on the waitlist',
      current: current('sent'),
      answer: accept(),
      taken: 2,
      seats: 2,
      expected: { status: 'waitlisted', unchanged: false, freesSeat: false },
    },
    {
      name: 'when more seats are taken than there are (seats reduced), accepting waitlists',
      current: current('sent'),
      answer: accept(),
      taken: 3,
      seats: 2,
      expected: { status: 'waitlisted', unchanged: false, freesSeat: false },
    },
    {
      name: 'when the person declined before, accepting with a free seat takes it',
      current: current('declined', { declineReason: 'timing' }),
      answer: accept(),
      taken: 0,
      seats: 1,
      expected: { status: 'accepted', unchanged: false, freesSeat: false },
    },
    {
      name: 'when an expired invitation is answered by the facilitator, accepting takes a free seat',
      current: current('expired'),
      answer: accept(),
      taken: 0,
      seats: 1,
      expected: { status: 'accepted', unchanged: false, freesSeat: false },
    },
    {
      name: 'when already on the team, accepting again with the same note changes nothing',
      current: current('accepted', { note: 'Rullestol' }),
      answer: accept('Rullestol'),
      taken: 5,
      seats: 2,
      expected: { status: 'accepted', unchanged: true, freesSeat: false },
    },
    {
      name: 'when already on the team, accepting again with another note keeps the seat and records the note',
      current: current('accepted', { note: '' }),
      answer: accept('Kommer litt sent'),
      taken: 5,
      seats: 2,
      expected: { status: 'accepted', unchanged: false, freesSeat: false },
    },
    {
      name: 'when on the waitlist, accepting again keeps the place even if a seat is free',
      current: current('waitlisted'),
      answer: accept(),
      taken: 0,
      seats: 2,
      expected: { status: 'waitlisted', unchanged: true, freesSeat: false },
    },
    {
      name: 'when on the team, declining frees the seat',
      current: current('accepted'),
      answer: decline(),
      taken: 2,
      seats: 2,
      expected: { status: 'declined', unchanged: false, freesSeat: true },
    },
    {
      name: 'when on the waitlist, declining frees no seat',
      current: current('waitlisted'),
      answer: decline(),
      taken: 2,
      seats: 2,
      expected: { status: 'declined', unchanged: false, freesSeat: false },
    },
    {
      name: 'when not yet answered, declining frees no seat',
      current: current('sent'),
      answer: decline(),
      taken: 0,
      seats: 2,
      expected: { status: 'declined', unchanged: false, freesSeat: false },
    },
    {
      name: 'when declined with the same reason, text and note, declining again changes nothing',
      current: current('declined', { declineReason: 'timing', declineText: 'Travelt', note: 'x' }),
      answer: decline('timing', 'Travelt', 'x'),
      taken: 0,
      seats: 2,
      expected: { status: 'declined', unchanged: true, freesSeat: false },
    },
    {
      name: 'when declined before, declining with another text is a change',
      current: current('declined', { declineReason: 'timing', declineText: 'Travelt' }),
      answer: decline('timing', 'Syk'),
      taken: 0,
      seats: 2,
      expected: { status: 'declined', unchanged: false, freesSeat: false },
    },
    {
      name: 'when declined before, declining with another note is a change',
      current: current('declined'),
      answer: decline(null, '', 'Spør meg neste gang'),
      taken: 0,
      seats: 2,
      expected: { status: 'declined', unchanged: false, freesSeat: false },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(decideAnswer(c.current, c.answer, c.taken, c.seats)).to.deep.equal(c.expected);
    });
  }

  it('needs the count of seats taken only to accept when not on the team or the waitlist', () => {
    expect(needsSeatCount(current('sent'), accept())).to.equal(true);
    expect(needsSeatCount(current('declined'), accept())).to.equal(true);
    expect(needsSeatCount(current('expired'), accept())).to.equal(true);
    expect(needsSeatCount(current('accepted'), accept())).to.equal(false);
    expect(needsSeatCount(current('waitlisted'), accept())).to.equal(false);
    expect(needsSeatCount(current('sent'), decline())).to.equal(false);
  });
});
