import type { Locale } from '../../config.js';
import type { Translate } from '../../lib/i18n.js';
import { peopleCount, suppressGroup } from '../reports/small-numbers.js';
import type { TeamMember } from './projects.model.js';

/**
 * A project's team as a supervisor may see it (docs/domain.md): the members who consented to be named in reports, by
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

/**
 * The size of a project's team and of its unnamed part, as a supervisor may read them on the project list and
 * page: the named ones are listed, so when the others are fewer than 5 the team's size would give them back by
 * subtraction and is withheld (left out); the seats (a number the project set) are always shown.
 */
export function supervisorSeats(
  project: { seats: number; filled: number; namedOnTeam: number },
  t: Translate,
  locale: Locale,
): { seats: string; onTeam: string | undefined; others: string } {
  const others = project.filled - project.namedOnTeam;
  const decision = suppressGroup([{ count: project.namedOnTeam, fixed: true }, { count: others }], project.filled);
  return {
    seats: t('projects.seatsOnly', { count: project.seats }),
    onTeam: decision.total === 'withheld' ? undefined : peopleCount(project.filled, t, locale, decision.total),
    others: others ? peopleCount(others, t, locale, decision.cells[1]) : '',
  };
}
