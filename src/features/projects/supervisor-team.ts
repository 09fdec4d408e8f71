import type { TeamMember } from './projects.repository.js';

/**
 * A project's team as a supervisor may see it (DESIGN.md): the members who consented to be named in reports, by
 * name only, and how many others there are, without their kinds (a kind beside a name reads as that person's role,
 * and kinds of a few people can pick them out). Only those on the team (accepted) count.
 */
export function teamForSupervisor(team: TeamMember[]): { named: Array<{ name: string }>; others: number } {
  const onTeam = team.filter((m) => m.status === 'accepted');
  return {
    named: onTeam.filter((m) => m.namedInReports).map((m) => ({ name: m.name })),
    others: onTeam.filter((m) => !m.namedInReports).length,
  };
}
