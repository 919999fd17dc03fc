/**
 * The files the server runs on when given none: the project's news example (`examples/news.fdl`
 * and `examples/news.config.yaml`). The build copies them into `dist/examples/`, which ships in
 * the npm package; in the repository, running from `src/`, the repository's `examples/` is used.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EmbeddedExamples {
  readonly fdl: string;
  readonly config: string;
}

const CANDIDATES = ['./examples/', '../../../examples/'];

/** Paths of the embedded news example; `undefined` when neither location has it. */
export function embeddedExamples(): EmbeddedExamples | undefined {
  for (const dir of CANDIDATES) {
    const fdl = fileURLToPath(new URL(`${dir}news.fdl`, import.meta.url));
    const config = fileURLToPath(new URL(`${dir}news.config.yaml`, import.meta.url));
    if (existsSync(fdl) && existsSync(config)) return { fdl, config };
  }
  return undefined;
}
