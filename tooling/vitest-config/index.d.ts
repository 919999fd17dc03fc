import type { UserWorkspaceConfig } from 'vitest/config';

/** The per-package vitest project with the `@iserver/source` condition set. */
export function defineIserverProject(test?: UserWorkspaceConfig['test']): UserWorkspaceConfig;
