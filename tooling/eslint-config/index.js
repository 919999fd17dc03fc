// Shared flat configs. Presets: `base` for every TypeScript file, `node` for packages and apps
// that may do I/O, `core` for the pure engine, `test` relaxations for *.test.ts and test/.
import js from '@eslint/js';
import nodePlugin from 'eslint-plugin-n';
import unicorn from 'eslint-plugin-unicorn';
import tseslint from 'typescript-eslint';

/** @type {import('eslint').Linter.Config[]} */
export const base = [
  { ignores: ['**/dist/**', '**/coverage/**', '**/.turbo/**', '**/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { unicorn, n: nodePlugin },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'max-params': ['error', 5],
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'unicorn/filename-case': ['error', { case: 'kebabCase' }],
      'n/no-process-env': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@iserver/*/src/*'], message: 'Import the package entry point.' }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly' },
    },
  },
];

/** Rules for @iserver/core: no I/O, no clock, no randomness, no environment. */
export const core = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'core is pure: no Node built-ins.' },
            {
              group: ['pino', '@opentelemetry/*'],
              message: 'core has no logging or telemetry deps.',
            },
            { group: ['@iserver/*'], message: 'core depends on no workspace package.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core reads no environment.' },
        { name: 'setTimeout', message: 'core has no timers; inject a clock.' },
        { name: 'setInterval', message: 'core has no timers; inject a clock.' },
        { name: 'console', message: 'core does not log; use the Logger port.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected Clock.' },
        { object: 'Math', property: 'random', message: 'Randomness is a parameter.' },
      ],
    },
  },
];

/** Tests may use non-null assertions on values they just asserted. */
export const test = [
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'n/no-process-env': 'off',
    },
  },
];

export default [...base, ...test];
