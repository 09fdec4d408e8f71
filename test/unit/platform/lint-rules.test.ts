import { expect } from 'chai';
import { ESLint } from 'eslint';
import { rootDir } from '../../../src/config.js';

// The import rules of eslint.config.js keep the shape of the code (issue 16, item 7): only repositories and
// the composition root touch the database, no feature reaches into another feature's repository, middleware
// and routes import no repository. These tests lint fixture sources with the real config, placed at the paths
// that matter, so that the rules cannot silently stop matching when a glob or a path changes. Only the import
// rule runs, without type information, which keeps this a unit test of a second or two.
// (The fixtures use double quotes: test/unit/test-tiers.test.ts reads single-quoted imports as this file's own.)

let eslint: ESLint;

before(() => {
  eslint = new ESLint({
    cwd: rootDir,
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  });
});

/** The import rule's messages for `code` linted as the file at `filePath` (relative to the repository). */
async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${rootDir}/${filePath}` });
  expect(result, `${filePath} is linted`).to.not.equal(undefined);
  const messages = result!.messages;
  expect(
    messages.filter((m) => m.ruleId !== 'no-restricted-imports'),
    'no parse error',
  ).to.deep.equal([]);
  return messages.map((m) => m.message);
}

const KNEX = 'import type { Knex } from "knex";\n';

describe('the import rules (eslint.config.js)', () => {
  describe('when a file that is not a repository uses the database', () => {
    const cases: Array<[string, string]> = [
      ['src/features/projects/projects.service.ts', KNEX],
      ['src/features/projects/projects.service.ts', 'import { engineOf } from "../../db.js";\n'],
      ['src/features/projects/projects.service.ts', 'import type { Db } from "../../db.js";\n'],
      ['src/features/reports/report-queries.ts', 'import knex from "knex";\n'],
      ['src/features/projects/projects.routes.ts', 'import type { Db } from "../../db.js";\n'],
      ['src/middleware/session.ts', 'import { on } from "../db.js";\n'],
      ['src/lib/forms.ts', KNEX],
      ['src/app.ts', 'import { createDb } from "./db.js";\n'],
      ['src/features/projects/projects.service.ts', 'import { x } from "../../db/sqlite-client.js";\n'],
      ['src/features/projects/projects.service.ts', 'import pg from "pg";\n'],
    ];
    for (const [file, code] of cases) {
      it(`then ${file} importing ${/"([^"]+)"/.exec(code)![1]} is an error that names the way`, async () => {
        const errors = await importErrors(file, code);
        expect(errors).to.have.length(1);
        expect(errors[0]).to.contain('Only repositories').and.contain('transact');
      });
    }
  });

  describe("when a feature imports another feature's repository", () => {
    const cases: Array<[string, string]> = [
      ['src/features/invitations/invitations.service.ts', 'import type { ProjectsRepository } from'],
      ['src/features/invitations/mail-context.ts', 'import type { Project } from'],
      ['src/features/invitations/invitations.repository.ts', 'import { LEVELS } from'],
    ];
    for (const [file, imported] of cases) {
      it(`then ${file} (${imported.replace(' from', '')}) is an error`, async () => {
        const errors = await importErrors(file, `${imported} "../projects/projects.repository.js";\n`);
        expect(errors).to.have.length(1);
        expect(errors[0]).to.contain("another feature's repository");
      });
    }

    it('then the long way round through ../../features is an error too', async () => {
      const errors = await importErrors(
        'src/features/invitations/invitations.service.ts',
        'import type { Project } from "../../features/projects/projects.repository.js";\n',
      );
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain("another feature's repository");
    });
  });

  describe('when a route imports a repository module', () => {
    const cases = [
      'import type { Impact } from "./impacts.repository.js";\n',
      'import { IMPACT_STATUSES } from "./impacts.repository.js";\n',
      'import type { ProjectsRepository } from "../projects/projects.repository.js";\n',
    ];
    for (const code of cases) {
      it(`then ${code.trim().replace(/;$/, '')} is an error, even for a type or a constant`, async () => {
        const errors = await importErrors('src/features/impacts/impacts.routes.ts', code);
        expect(errors).to.have.length(1);
        expect(errors[0]).to.contain('Routes import no repository');
      });
    }
  });

  describe('when middleware imports a feature repository', () => {
    it('then it is an error', async () => {
      const errors = await importErrors(
        'src/middleware/csrf.ts',
        'import type { SessionsRepository } from "../features/auth/sessions.repository.js";\n',
      );
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain('Middleware imports no feature repository');
    });
  });

  describe('when the import is allowed', () => {
    const cases: Array<[string, string]> = [
      [
        'src/features/projects/projects.repository.ts',
        `${KNEX}import { on } from "../../db.js";\nimport type { Tx } from "../../lib/transact.js";\n`,
      ],
      [
        'src/features/projects/projects.service.ts',
        'import type { ProjectsRepository } from "./projects.repository.js";\n',
      ],
      ['src/features/projects/projects.service.ts', 'import type { Transact } from "../../lib/transact.js";\n'],
      ['src/features/projects/projects.service.ts', 'import type { UsersService } from "../users/users.service.js";\n'],
      ['src/features/projects/projects.routes.ts', 'import { LEVELS } from "./projects.model.js";\n'],
      [
        'src/services.ts',
        `${KNEX}import { transactor } from "./db.js";\nimport { X } from "./features/x/x.repository.js";\n`,
      ],
      ['src/db.ts', `${KNEX}import pg from "pg";\nimport { CachingClient } from "./db/sqlite-client.js";\n`],
      ['src/db/sqlite-client.ts', 'import type { Knex } from "knex";\nimport type Database from "better-sqlite3";\n'],
      ['src/server.ts', 'import { createDb } from "./db.js";\n'],
      ['src/worker.ts', 'import { createDb } from "./db.js";\n'],
      ['src/cli/db.ts', 'import { createDb } from "../db.js";\n'],
      [
        'test/integration/projects/projects.test.ts',
        `${KNEX}import { P } from "../../../src/features/projects/projects.repository.js";\n`,
      ],
    ];
    for (const [file, code] of cases) {
      it(`then ${file} may ${code.trim().replace(/;\n/g, ', ').replace(/;$/, '')}`, async () => {
        expect(await importErrors(file, code)).to.deep.equal([]);
      });
    }
  });
});
