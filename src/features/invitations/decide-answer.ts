import type { DeclineReason, Invitation } from './invitations.model.js';

export interface Answer {
  accept: boolean;
  declineReason: DeclineReason | null;
  declineText: string;
  note: string;
}

/** What an answer does to an invitation. */
export interface AnswerDecision {
  /** The status after the answer. */
  status: 'accepted' | 'waitlisted' | 'declined';
  /** The same answer as before (status, note and reason): nothing is written, nobody is told. */
  unchanged: boolean;
  /** The person leaves the team: the first on the waitlist may take the seat. */
  freesSeat: boolean;
}

/** Whether deciding this answer needs the number of seats taken (accepting, and not on the team or waitlist yet). */
export function needsSeatCount(current: Pick<Invitation, 'status'>, answer: Pick<Answer, 'accept'>): boolean {
  return answer.accept && current.status !== 'accepted' && current.status !== 'waitlisted';
}

/**
 * Decides an answer. Accepting takes a seat if one of `seats` is free (`seatsTaken` are taken), else a place on the
 * waitlist; accepting again keeps the seat or the place. Declining after accepting frees the seat. Answering the
 * same twice (status, note, and for a decline its reason and text) changes nothing.
 */
export function decideAnswer(
  current: Pick<Invitation, 'status' | 'note' | 'declineReason' | 'declineText'>,
  answer: Answer,
  seatsTaken: number,
  seats: number,
): AnswerDecision {
  let status: AnswerDecision['status'];
  if (!answer.accept) status = 'declined';
  else if (current.status === 'accepted' || current.status === 'waitlisted') status = current.status;
  else status = seatsTaken < seats ? 'accepted' : 'waitlisted';
  const unchanged =
    status === current.status &&
    current.note === answer.note &&
    (answer.accept || (current.declineReason === answer.declineReason && current.declineText === answer.declineText));
  return { status, unchanged, freesSeat: current.status === 'accepted' && status === 'declined' };
}
