import type { Knex } from 'knex';
import { insertInChunks, insertReturningIds } from '../src/db.js';
import { searchKey, sortKey } from '../src/lib/text.js';
import { AGE_BANDS, AREAS, PEOPLE, SKILLS, type PersonSpec, type SkillKey } from './demo-catalog.js';
import type { DemoAudit, DemoDays } from './demo-kit.js';

// The network: sixty representatives with their skills, consents and status history, written as the
// representatives feature writes them (RepresentativesRepository.create, addStatusChange, consents, skills) and
// audited as its service audits them.

export interface Person {
  id: number;
  index: number;
  first: string;
  name: string;
  spec: PersonSpec;
  email: string | null;
  locale: 'nb' | 'en';
  contact: 'email' | 'phone' | 'letter';
  status: 'prospective' | 'active' | 'paused' | 'retired';
  /** Whether an e-mail may go to the person now (an address, the consent, not refused). */
  canEmail: boolean;
  createdAt: string;
  /** When the person became active (null while prospective). */
  activeFrom: string | null;
}

const FOLD: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', á: 'a', é: 'e' };
const mailbox = (name: string) =>
  name
    .toLowerCase()
    .replace(/[æøåáé]/g, (c) => FOLD[c]!)
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');

const STREETS = ['Storgata', 'Kirkegata', 'Skolebakken', 'Fjellveien', 'Elvegata', 'Parkveien'];

/** The first name a person is referred to by in demo-projects.ts. */
export const firstNameOf = (name: string) => (name.startsWith('Elle Márjá') ? 'Elle Márjá' : name.split(' ')[0]!);

/** How long ago each person was recorded: their own figure, or one from their place in the list. */
function createdDaysAgo(spec: PersonSpec, i: number): number {
  if (spec.createdDaysAgo !== undefined) return spec.createdDaysAgo;
  return i < 36 ? 700 - i * 5 : 360 - (i - 36) * 12;
}

export async function seedNetwork(
  trx: Knex.Transaction,
  ctx: {
    organisationId: number;
    facilitatorId: number;
    skillIds: Record<SkillKey, number>;
    days: DemoDays;
    audit: DemoAudit;
    /** Each person's first invitation (an instant), so that nobody is invited before they joined. */
    firstInvited: Map<string, string>;
  },
): Promise<Map<string, Person>> {
  const { organisationId, facilitatorId, skillIds, days, audit, firstInvited } = ctx;
  const rows: Array<Record<string, unknown>> = [];
  const people: Array<Omit<Person, 'id'>> = [];
  const history: Array<{ status: Array<Record<string, unknown>>; updatedAt: string }> = [];

  PEOPLE.forEach((spec, i) => {
    const first = firstNameOf(spec.name);
    let ago = createdDaysAgo(spec, i);
    const invited = firstInvited.get(first);
    if (invited) {
      // joined at least three weeks before the first invitation: two to become active, one to be matched
      const invitedAgo = days.daysAgo(invited);
      ago = Math.max(ago, invitedAgo + 21);
    }
    const createdAt = days.at({ d: -ago }, 10, 0);
    const contact = spec.contact ?? 'email';
    const email =
      contact === 'letter' || (contact === 'phone' && first === 'Æsa') ? null : `${mailbox(spec.name)}@example.org`;
    const status =
      spec.status === 'prospective'
        ? 'prospective'
        : typeof spec.status === 'object'
          ? 'paused' in spec.status
            ? 'paused'
            : 'retired'
          : 'active';
    const activeFrom = status === 'prospective' ? null : days.at({ d: -ago + 14 }, 11, 0);
    const changes: Array<Record<string, unknown>> = [];
    const change = (
      from: string | null,
      to: string,
      at: string,
      extra: { pausedUntil?: string | null; reason?: string; bySelf?: boolean } = {},
    ) =>
      changes.push({
        organisation_id: organisationId,
        from_status: from,
        to_status: to,
        paused_until: extra.pausedUntil ?? null,
        reason: extra.reason ?? '',
        changed_by_user_id: extra.bySelf ? null : facilitatorId,
        changed_by: extra.bySelf ? 'representative' : 'user',
        changed_at: at,
      });
    change(null, 'prospective', createdAt);
    if (activeFrom) change('prospective', 'active', activeFrom);
    let pausedUntil: string | null = null;
    let updatedAt = activeFrom ?? createdAt;
    if (typeof spec.status === 'object' && 'paused' in spec.status) {
      const { since, until, bySelf } = spec.status.paused;
      pausedUntil = days.day(until);
      updatedAt = days.at({ d: since }, bySelf ? 20 : 12, bySelf ? 15 : 30);
      change('active', 'paused', updatedAt, {
        pausedUntil,
        bySelf,
        reason: bySelf ? '' : 'Ba om en pause.',
      });
    } else if (typeof spec.status === 'object' && 'retired' in spec.status) {
      updatedAt = days.at({ d: spec.status.retired }, 12, 0);
      change('active', 'retired', updatedAt, { reason: 'Ønsket å avslutte som representant.' });
    }
    const reviewedAgo = spec.reviewedDaysAgo ?? Math.min(ago - 1, 20 + ((i * 53) % 500));
    const lastReviewedAt = reviewedAgo >= ago ? createdAt : days.at({ d: -reviewedAgo }, 13, 0);
    if (lastReviewedAt > updatedAt) updatedAt = lastReviewedAt;
    const emailConsent = email !== null && spec.emailConsentWithdrawn === undefined;
    rows.push({
      organisation_id: organisationId,
      name: spec.name,
      search_key: searchKey(spec.name),
      sort_key: sortKey(spec.name),
      email,
      phone:
        contact === 'letter' && i % 2 === 0 ? null : `+47 4${String(1_000_000 + ((i * 7919) % 8_999_999)).slice(0, 7)}`,
      locale: spec.locale ?? 'nb',
      kind: spec.kind,
      status,
      paused_until: pausedUntil,
      area: AREAS[i % AREAS.length],
      nominating_organisation: spec.nominatedBy ?? '',
      term_start: activeFrom ? days.localDate(activeFrom) : null,
      term_end: activeFrom ? days.day(spec.termEnd ?? 150 + ((i * 37) % 500)) : null,
      languages: ['nb', ...(spec.languages ?? [])].join(','),
      accessibility_needs: spec.accessibility ?? '',
      preferred_contact: contact,
      postal_address: status === 'prospective' ? '' : `${STREETS[i % STREETS.length]} ${(i % 40) + 1}, 1234 Eksempelby`,
      load_cap: spec.loadCap ?? null,
      age_band: AGE_BANDS[(i * 3) % AGE_BANDS.length],
      gender: null,
      notes: spec.undeliverable ? 'E-post kommer i retur: ring heller, og be om ny adresse.' : '',
      email_undeliverable: spec.undeliverable ?? false,
      last_reviewed_at: lastReviewedAt,
      erased_at: null,
      created_at: createdAt,
      updated_at: updatedAt,
    });
    people.push({
      index: i,
      first,
      name: spec.name,
      spec,
      email,
      locale: spec.locale ?? 'nb',
      contact,
      status,
      canEmail: emailConsent && !spec.undeliverable,
      createdAt,
      activeFrom,
    });
    history.push({ status: changes, updatedAt });
  });

  const ids = await insertReturningIds(trx, 'representatives', rows);
  const skills: Array<Record<string, unknown>> = [];
  const consents: Array<Record<string, unknown>> = [];
  const statusChanges: Array<Record<string, unknown>> = [];
  const byFirst = new Map<string, Person>();

  people.forEach((p, i) => {
    const id = ids[i]!;
    const person: Person = { ...p, id };
    byFirst.set(p.first, person);
    const row = rows[i]!;
    const since = days.localDate(p.createdAt);
    let lived = false;
    for (const [key, level] of Object.entries(p.spec.skills) as Array<[SkillKey, number]>) {
      const category = SKILLS[key][2];
      if (category === 'lived_experience') lived = true;
      const own = p.spec.expires?.[key as 'course' | 'privacy'];
      skills.push({
        representative_id: id,
        skill_id: skillIds[key],
        level,
        since,
        expires_on: category === 'training' ? days.day(own ?? 200 + ((i * 29) % 600)) : null,
      });
    }
    const purposes = ['roster', ...(lived ? ['health_experience'] : []), ...(p.email ? ['email_contact'] : [])];
    if (i % 3 !== 0) purposes.push('named_in_reports');
    const method = p.contact === 'phone' ? 'verbal' : i % 4 === 1 ? 'web_form' : 'written';
    for (const purpose of purposes) {
      const withdrawn = purpose === 'email_contact' && p.spec.emailConsentWithdrawn !== undefined;
      consents.push({
        organisation_id: organisationId,
        representative_id: id,
        purpose,
        given_at: p.createdAt,
        withdrawn_at: withdrawn ? days.at({ d: -p.spec.emailConsentWithdrawn! }, 14, 0) : null,
        method,
        recorded_by_user_id: facilitatorId,
      });
    }
    for (const c of history[i]!.status) statusChanges.push({ ...c, representative_id: id });

    audit.byUser(
      facilitatorId,
      'representative.created',
      ['representative', id],
      { status: 'prospective', consents: purposes.join(',') },
      p.createdAt,
    );
    for (const c of history[i]!.status.slice(1)) {
      if (c.changed_by === 'representative') {
        audit.byRepresentative(id, 'representative.self_paused', ['representative', id], String(c.changed_at));
      } else {
        audit.byUser(
          facilitatorId,
          'representative.status_changed',
          ['representative', id],
          { from: c.from_status as string, to: c.to_status as string },
          String(c.changed_at),
        );
      }
    }
    if (p.spec.emailConsentWithdrawn !== undefined) {
      audit.byUser(
        facilitatorId,
        'representative.consent_withdrawn',
        ['representative', id],
        { purpose: 'email_contact', skillsRemoved: 0 },
        days.at({ d: -p.spec.emailConsentWithdrawn }, 14, 0),
      );
    }
    if (row.last_reviewed_at !== p.createdAt) {
      audit.byUser(facilitatorId, 'representative.reviewed', ['representative', id], {}, String(row.last_reviewed_at));
    }
  });

  await insertInChunks(trx, 'representative_skills', skills);
  await insertInChunks(trx, 'consents', consents);
  await insertInChunks(trx, 'representative_status_changes', statusChanges);
  return byFirst;
}
