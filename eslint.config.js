import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The shape of the code, as import rules (issue 16): routes reach services, services reach their own feature's
// repositories and `transact`, and only repositories (and the composition root) touch the database. The groups
// are gitignore-style globs matched against the import specifier as written; test/unit/platform/lint-rules.test.ts
// lints a fixture for each forbidden import, so the globs cannot silently stop matching.

const DATABASE = {
  group: ['knex', 'knex/**', 'pg', 'better-sqlite3', '**/db.js', '**/db/**'],
  message:
    'Only repositories (*.repository.ts), src/db.ts, the composition root (src/services.ts, src/repositories.ts), ' +
    'server.ts, worker.ts ' +
    'and src/cli may use knex or the database module: put the query in a repository method that takes `tx?: Tx`, ' +
    'and let the service call it inside `transact` (src/lib/transact.ts).',
};
const OTHER_FEATURES_REPOSITORY = {
  group: ['../*/*.repository.js', '**/features/*/*.repository.js'],
  message:
    "A feature does not reach into another feature's repository: depend on that feature's service (or an " +
    'interface it implements, such as PersonalDataHolder), passed in by src/services.ts; move shared types ' +
    'and constants to its *.types.ts or *.model.ts.',
};
const ANY_REPOSITORY_FROM_ROUTES = {
  group: ['*.repository.js'],
  message:
    'Routes import no repository module, not even a type or a constant: call the service, and import ' +
    'constants and types from the feature’s *.model.ts, *.types.ts or schema file.',
};
const ANY_REPOSITORY_FROM_MIDDLEWARE = {
  group: ['*.repository.js'],
  message:
    'Middleware imports no feature repository: take the service (or a function) it needs as a parameter, ' +
    'built in src/services.ts and passed in by src/app.ts.',
};

const FEATURES = 'src/features/**/*.ts';
const REPOSITORIES = 'src/**/*.repository.ts';
const ROUTES = 'src/features/**/*.routes.ts';
const MIDDLEWARE = 'src/middleware/**/*.ts';
/** May use knex and the database module: the database module itself, the composition root and the entry points. */
const DATABASE_SIDE = [
  'src/db.ts',
  'src/db/**/*.ts',
  'src/services.ts',
  'src/composition/**/*.ts',
  'src/repositories.ts',
  'src/server.ts',
  'src/worker.ts',
  'src/cli/**/*.ts',
];

const restrict = (name, files, ignores, patterns) => ({
  name: `medvirk/imports/${name}`,
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

/**
 * One block per kind of file, with disjoint `files` (a later block's rule options replace an earlier one's, so
 * each block names every group that applies to its files). test/** is exempt.
 */
export const restrictedImports = [
  restrict('repositories', [REPOSITORIES], [], [OTHER_FEATURES_REPOSITORY]),
  restrict('routes', [ROUTES], [REPOSITORIES], [DATABASE, ANY_REPOSITORY_FROM_ROUTES]),
  restrict('features', [FEATURES], [REPOSITORIES, ROUTES], [DATABASE, OTHER_FEATURES_REPOSITORY]),
  restrict('middleware', [MIDDLEWARE], [REPOSITORIES], [DATABASE, ANY_REPOSITORY_FROM_MIDDLEWARE]),
  restrict('elsewhere', ['src/**/*.ts'], [FEATURES, MIDDLEWARE, REPOSITORIES, ...DATABASE_SIDE], [DATABASE]),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test/.tmp/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  // JavaScript files (this config) are not in tsconfig.json: no type information for them
  { ...tseslint.configs.disableTypeChecked, files: ['**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...restrictedImports,
);
