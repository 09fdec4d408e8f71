import type { Invitation } from './invitations.model.js';

/** The latest sending of the shortlist by e-mail: the invitations that went out at that same instant. */
export function lastSending(
  invitations: Array<Pick<Invitation, 'channel' | 'sentAt' | 'status'>>,
): { count: number; at: string } | null {
  const sent = invitations.filter((i) => i.channel === 'email' && i.sentAt && i.status !== 'draft');
  if (!sent.length) return null;
  const at = sent.map((i) => i.sentAt!).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  return { count: sent.filter((i) => Date.parse(i.sentAt!) === Date.parse(at)).length, at };
}
