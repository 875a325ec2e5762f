import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Lint for the whole repository. Layering rules for modules are also checked by
 * apps/server/test/architecture.test.ts, which catches what import patterns cannot.
 */
export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.tmp/**',
      '**/.tmp/**',
      'data/**',
      'test-results/**',
      'packages/contract/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Object'][callee.property.name='assign']",
          message: 'Build objects explicitly; never merge request bodies into entities.',
        },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    // better-auth keeps the authentication tables on its own connection: the one exception,
    // also listed in apps/server/test/architecture.test.ts.
    ignores: ['apps/server/src/modules/**/*.test.ts', 'apps/server/src/modules/accounts/auth/better-auth.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'pg', message: 'Modules reach data through withTenant, not the driver.' },
            { name: 'pg-boss', message: 'Use enqueue() from platform/jobs.' },
            { name: 'drizzle-orm/node-postgres', message: 'Use the transaction from withTenant.' },
          ],
          patterns: [
            {
              group: ['**/platform/db/*', '!**/platform/db/roles'],
              message: 'Modules cannot import the raw database handle.',
            },
            { group: ['**/platform/tenancy/transaction'], message: 'Use withTenant from platform/tenancy.' },
            { group: ['@electric-sql/*'], message: 'Modules cannot open the embedded database.' },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules for the server and the benchmarks: a promise nobody awaits loses its
    // error (an unhandled rejection ends the process) and its ordering. bench/ has its own
    // tsconfig.json so that the project service finds a project for it.
    files: ['apps/server/src/**/*.ts', 'apps/server/test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['apps/dashboard/src/**/*.{ts,tsx}', 'apps/widget/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The clients: React's hooks rules, and type-aware rules for promises nobody awaits or
    // handles (a failed request that vanishes) and promises passed where a callback's result
    // is ignored (an async onClick). Typed through each app's tsconfig.
    files: ['apps/dashboard/src/**/*.{ts,tsx}', 'apps/widget/src/**/*.ts'],
    plugins: reactHooks.configs.flat.recommended.plugins,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
