// Copies the embedded default example (the repository's examples/news.*) into dist/examples/,
// so the published package runs with no flags at all (see src/embedded-examples.ts).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const from = new URL('../../../examples/', import.meta.url);
const to = new URL('../dist/examples/', import.meta.url);
mkdirSync(to, { recursive: true });
for (const name of ['news.fdl', 'news.config.yaml']) {
  const source = new URL(name, from);
  if (!existsSync(source)) {
    console.error(`copy-examples: ${source.pathname} is missing`);
    process.exit(1);
  }
  copyFileSync(source, new URL(name, to));
}
