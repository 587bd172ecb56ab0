// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/** Modules that do I/O or read ambient state: forbidden in the pure core (DESIGN.md §2). */
const ioModules = [
  'node:*', 'fs', 'fs/*', 'net', 'http', 'https', 'http2', 'child_process', 'os', 'path', 'dgram', 'dns', 'tls',
  'worker_threads', 'process', 'pg', 'pg-*', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', 'fastify',
  'fastify-*', '@fastify/*', 'nodemailer', 'pg-boss', 'pino', 'pino-*', 'undici', 'axios',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'dist/', 'coverage/', 'bench/out/', 'src/adapters/db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money and amounts are parsed to integer cents: use domain/money.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false }],
    },
  },
  {
    // The pure core: no I/O, no clock, no environment (DESIGN.md §2). Layer direction is checked by
    // dependency-cruiser (.dependency-cruiser.cjs); this rule catches what an import graph cannot see.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ioModules, message: 'src/domain is pure: no I/O modules. Put I/O in src/adapters behind a port.' },
          { group: ['**/application/**', '**/adapters/**', '**/server/**', '**/cli/**'], message: 'src/domain may not import an outer layer.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'No environment in the domain: pass values in.' },
        { name: 'fetch', message: 'No HTTP in the domain.' },
        { name: 'setTimeout', message: 'No timers in the domain.' },
        { name: 'setInterval', message: 'No timers in the domain.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No clock in the domain: time is an argument.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No clock in the domain: time is an argument.' },
        { selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']", message: 'No clock in the domain.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'No hidden randomness in the domain: pass a random source in.' },
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money and amounts are parsed to integer cents: use domain/money.' },
      ],
    },
  },
  {
    files: ['src/application/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use cases read time from the Clock port.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use cases read time from the Clock port.' },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Browser code: hooks rules (including the React Compiler checks), and no Node globals, which the
    // web tsconfig cannot exclude because web/vite.config.ts (run by Node) needs Node's types.
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'no-restricted-globals': ['error',
        { name: 'process', message: 'Browser code: no Node globals (use import.meta.env).' },
        { name: 'Buffer', message: 'Browser code: no Node globals.' },
        { name: '__dirname', message: 'Browser code: no Node globals.' },
        { name: 'require', message: 'Browser code: use ESM imports.' },
      ],
    },
  },
);
