// Lint rules that catch what the type checker does not: unawaited promises (a lost database
// write or Temporal call), `any`, and Node built-ins in deterministic workflow code.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Every Node built-in, bare and with `node:` (some, like node:sqlite, exist only with it).
// dependency-cruiser (`npm run deps`) also follows what workflow code imports indirectly.
const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])))];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', '.tools/**', '.test-data/**', 'web/vendor/**', 'web/dist/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed; it must not touch the outside world directly.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: use an activity.' })),
          { name: '@mikro-orm/core', message: 'Workflows reach the database only through activities.' },
          { name: '@mikro-orm/postgresql', message: 'Workflows reach the database only through activities.' },
        ],
      }],
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
