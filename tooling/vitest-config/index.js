// One place for the `@iserver/source` condition, so tests run against workspace sources
// (no build needed after a change in a dependency).
import { defineProject } from 'vitest/config';

const conditions = ['@iserver/source', 'import', 'module', 'node', 'default'];

/** @param {import('vitest/config').UserWorkspaceConfig['test']} [test] */
export function defineIserverProject(test = {}) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@iserver/source'] } },
    test: {
      restoreMocks: true,
      // CI machines have two cores shared by every package's tests at once; statistics and fuzz
      // suites that take a second alone can take several under that load.
      testTimeout: 30_000,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      ...test,
    },
  });
}
