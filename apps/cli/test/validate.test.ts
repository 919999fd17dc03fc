import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { runCli } from '../src/run-cli.js';

const shop = fileURLToPath(new URL('../../../../shared/examples/shop/shop.fdl', import.meta.url));
const news = fileURLToPath(new URL('../../../examples/news.fdl', import.meta.url));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iserver-cli-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('iserver validate', () => {
  it('accepts the shared shop example and the project example', async () => {
    for (const file of [shop, news]) {
      const result = await run(['validate', file]);
      expect(result.code, result.err).toBe(0);
      expect(result.out).toContain('valid (0 errors');
    }
  });

  it('prints file:line:col: error CODE: message and exits 1', async () => {
    const file = await tempFile('bad.fdl', 'feature A {\n  output { x: Bool! = true }\n}\n');
    const result = await run(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:15: error FDL_UNKNOWN_TYPE: `,
        'm',
      ),
    );
  });

  it('reports warnings but exits 0', async () => {
    const file = await tempFile('warn.fdl', 'event Unused { a: Int }\nfeature A {}\n');
    const result = await run(['validate', file]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('warning FDL_WARN_UNUSED_EVENT');
  });

  it('prints JSON with --json', async () => {
    const file = await tempFile('bad.fdl', 'feature A { args { a: Nope } }\n');
    const result = await run(['validate', file, '--json']);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.out) as {
      ok: boolean;
      diagnostics: { code: string; line: number }[];
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ code: 'FDL_UNKNOWN_TYPE', line: 1 }),
    ]);
  });

  it('compiles several files as one program, in order', async () => {
    const a = await tempFile('a.fdl', 'abstract feature Base { output { t: String } }\n');
    const b = await tempFile('b.fdl', 'feature Child { import Base }\n');
    expect((await run(['validate', a, b])).code).toBe(0);
    expect((await run(['validate', b, a])).code).toBe(1);
  });

  it('exits 2 on an unreadable file or a usage error', async () => {
    const missing = await run(['validate', '/nonexistent/x.fdl']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read /nonexistent/x.fdl');
    const usage = await run(['frobnicate']);
    expect(usage.code).toBe(2);
    // No command at all runs `serve`, the default command (tested in serve.test.ts).
    expect((await run(['--no-such-flag'])).code).toBe(2);
  });

  it('prints help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('validate <files..>');
  });
});
