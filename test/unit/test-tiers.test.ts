import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { rootDir } from '../../src/config.js';

// The test tiers: unit tests are pure and run without a database, so `npm run test:unit` takes seconds and
// does not migrate a template database first. These checks keep it so.

const unitDir = path.join(rootDir, 'test', 'unit');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The modules a file imports (static and dynamic), as written. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g)].map((m) => m[1]!);
}

const DATABASE_MODULES = [
  /helpers\/(hooks|db|app|browser|e2e)\.js$/,
  /src\/db\.js$/,
  /^knex$/,
  /^better-sqlite3$/,
  /^pg$/,
];

describe('the unit test tier', () => {
  it('when run by .mocharc.unit.json, then the database hooks are not loaded', () => {
    const config = JSON.parse(fs.readFileSync(path.join(rootDir, '.mocharc.unit.json'), 'utf8')) as {
      require?: string[];
      spec: string[];
    };
    expect(config.require ?? []).to.not.include('test/helpers/hooks.ts');
    expect(config.spec).to.deep.equal(['test/unit/**/*.test.ts']);
  });

  it('when a unit test imports a module, then it is not the database or a helper that opens one', () => {
    // this file names the forbidden modules in a sample, so it is left out
    const files = testFiles(unitDir).filter((file) => file !== fileURLToPath(import.meta.url));
    expect(files.length).to.be.greaterThan(20);
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => DATABASE_MODULES.some((pattern) => pattern.test(specifier)))
        .map((specifier) => `${path.relative(rootDir, file)} imports ${specifier}`),
    );
    expect(offending).to.deep.equal([]);
  });

  it('when a file imports the database, then the check above sees it (the pattern matches)', () => {
    const sample =
      "import { createDb } from '../../../src/db.js';\nimport { buildTestApp } from '../../helpers/app.js';";
    const specifiers = [...sample.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g)].map((m) => m[1]!);
    expect(specifiers.filter((s) => DATABASE_MODULES.some((pattern) => pattern.test(s)))).to.have.length(2);
  });
});
