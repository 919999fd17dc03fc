import { base, test } from '@iserver/eslint-config';

export default [
  ...base,
  ...test,
  // The process entry is the one place that reads the environment (style.md §2.13).
  { files: ['src/main.ts'], rules: { 'n/no-process-env': 'off' } },
];
