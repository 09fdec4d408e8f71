import { expect } from 'chai';
import { ManualClock } from '../../../src/lib/clock.js';
import { AppError } from '../../../src/lib/errors.js';
import { defaultOrganisationSettings } from '../../../src/features/organisations/settings.js';
import type { PersonRow } from '../../../src/features/matching/candidates.js';
import { MatchingService, type MatchingServiceDeps } from '../../../src/features/matching/matching.service.js';
import type { Project } from '../../../src/features/projects/projects.model.js';
import type { CurrentUser } from '../../../src/features/users/users.types.js';

const PROJECT = {
  id: 7,
  organisationId: 1,
  startsOn: null,
  endsOn: null,
  workingLanguages: ['nb'],
} as unknown as Project;

function actor(rosterVersion: number): CurrentUser {
  return { id: 3, organisationId: 1, timeZone: 'Europe/Oslo', rosterVersion } as unknown as CurrentUser;
}

/** A MatchingService over fakes that count how often each part of the roster is read. */
function service(clock = new ManualClock()) {
  const reads = { base: 0, skills: 0, projectState: 0 };
  const person: PersonRow = {
    id: 11,
    name: 'Kari Nordmann',
    kind: 'patient',
    status: 'active',
    paused_until: null,
    term_end: null,
    area: 'Sentrum',
    languages: 'nb',
    preferred_contact: 'email',
    email: 'kari@test.example',
    phone: null,
    postal_address: null,
    email_undeliverable: false,
    load_cap: null,
  };
  const deps: MatchingServiceDeps = {
    projects: {
      find: (_org, id) => Promise.resolve(id === PROJECT.id ? PROJECT : undefined),
      requirements: () => Promise.resolve([]),
      team: () => Promise.resolve([]),
    },
    organisations: { settings: () => Promise.resolve(defaultOrganisationSettings) },
    skills: { list: () => Promise.resolve([]) },
    matching: {
      base: () => {
        reads.base++;
        return Promise.resolve({ people: [person], emailConsent: new Set([11]), involvement: new Map() });
      },
      skills: () => {
        reads.skills++;
        return Promise.resolve(new Map());
      },
      projectState: () => {
        reads.projectState++;
        return Promise.resolve({ invitations: new Map(), load: new Map() });
      },
    },
    clock,
  };
  return { matching: new MatchingService(deps), reads, clock };
}

describe('MatchingService', () => {
  it('when the roster version is unchanged then the roster is read once and the project state every time', async () => {
    const { matching, reads } = service();
    const first = await matching.matches(actor(1), PROJECT.id);
    const second = await matching.matches(actor(1), PROJECT.id);
    expect(first.result.ranked.map((r) => r.id)).to.deep.equal([11]);
    expect(second.result).to.equal(first.result);
    expect(reads).to.deep.equal({ base: 1, skills: 1, projectState: 2 });
  });

  it('when the roster version changes then the roster is read again', async () => {
    const { matching, reads } = service();
    await matching.matches(actor(1), PROJECT.id);
    await matching.matches(actor(2), PROJECT.id);
    expect(reads.base).to.equal(2);
  });

  it('when the day turns then the roster is read again', async () => {
    const { matching, reads, clock } = service();
    await matching.matches(actor(1), PROJECT.id);
    clock.advance({ days: 1 });
    await matching.matches(actor(1), PROJECT.id);
    expect(reads.base).to.equal(2);
  });

  it('when a name is searched then it finds the person with their rank', async () => {
    const { matching } = service();
    const { found } = await matching.matches(actor(1), PROJECT.id, 'kari');
    expect(found).to.deep.equal([{ id: 11, name: 'Kari Nordmann', rank: 1, reasons: [] }]);
  });

  it('when the project is not the organisation’s then it is not found (404)', async () => {
    const { matching } = service();
    const error = await matching.matches(actor(1), 99).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).status).to.equal(404);
  });
});
