import { describe, expect, it } from 'vitest';

import { formatServerHelp, parseServerArgs } from './parse-server-args.js';
import { parseDurationMs, parseSize } from './read-option-value.js';
import { OptionsError, resolveServerOptions } from './resolve-server-options.js';
import { DEFAULT_SERVER_OPTIONS, SERVER_OPTION_SPECS } from './server-options.js';

describe('resolveServerOptions', () => {
  it('applies the defaults with no flags and no variables', () => {
    expect(resolveServerOptions({}, {})).toEqual(DEFAULT_SERVER_OPTIONS);
  });

  it('layers defaults < ISERVER_* variables < flags', () => {
    const options = resolveServerOptions(
      { port: '8080', 'trust-proxy': true },
      {
        ISERVER_PORT: '9000',
        ISERVER_HOST: '127.0.0.1',
        ISERVER_PLUGINS: './a.js:pkg-b',
        ISERVER_TRUST_PROXY: 'false',
      },
    );
    expect(options).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      plugins: ['./a.js', 'pkg-b'],
      trustProxy: true,
    });
  });

  it('reads every kind of value', () => {
    const options = resolveServerOptions({
      fdl: ['a.fdl', 'b.fdl'],
      prefix: '/causal/',
      'max-body': '64kb',
      'session-timeout': '1h30m',
      'max-features': '10',
      'log-level': 'debug',
      'enable-cmd': 'yes',
    });
    expect(options).toMatchObject({
      fdl: ['a.fdl', 'b.fdl'],
      prefix: 'causal',
      maxBodyBytes: 65536,
      sessionTimeoutMs: 5_400_000,
      maxFeatures: 10,
      logLevel: 'debug',
      enableCmd: true,
    });
  });

  it('names every bad value and where it came from', () => {
    let error: unknown;
    try {
      resolveServerOptions({ port: '70000', 'log-level': 'loud' }, { ISERVER_MAX_BODY: 'lots' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).problems).toEqual([
      "--port expects a port number 0-65535, got '70000'",
      "ISERVER_MAX_BODY expects a size such as 1048576, 512kb or 1mb, got 'lots'",
      "--log-level expects one of fatal, error, warn, info, debug, trace, silent, got 'loud'",
    ]);
  });
});

describe('parsing values', () => {
  it.each([
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['500ms', 500],
    ['1h30m', 5_400_000],
    ['45', 45_000],
    ['3x', undefined],
    ['m', undefined],
  ])('duration %s → %s', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each([
    ['1048576', 1_048_576],
    ['512kb', 524_288],
    ['1mb', 1_048_576],
    ['2 MiB', 2_097_152],
    ['1gb', undefined],
  ])('size %s → %s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });
});

describe('parseServerArgs', () => {
  it('reads the SSE stream limits (defaults 4 and 1000)', () => {
    expect(parseServerArgs([], {})).toMatchObject({
      options: { sseMaxPerDevice: 4, sseMaxStreams: 1000 },
    });
    expect(parseServerArgs(['--sse-per-device', '2'], { ISERVER_SSE_STREAMS: '10' })).toMatchObject(
      { options: { sseMaxPerDevice: 2, sseMaxStreams: 10 } },
    );
  });

  it('parses repeated flags and booleans', () => {
    const parsed = parseServerArgs(
      ['--fdl', 'a.fdl', '--fdl', 'b.fdl', '--trust-proxy', '--port=0'],
      {},
    );
    expect(parsed).toMatchObject({
      help: false,
      options: { fdl: ['a.fdl', 'b.fdl'], trustProxy: true, port: 0 },
    });
  });

  it('rejects unknown flags and positionals', () => {
    expect(() => parseServerArgs(['--nope'], {})).toThrow(OptionsError);
    expect(() => parseServerArgs(['serve'], {})).toThrow(OptionsError);
  });

  it('documents every option with its default and variable', () => {
    const help = formatServerHelp();
    for (const spec of SERVER_OPTION_SPECS) {
      expect(help).toContain(`--${spec.flag}`);
      expect(help).toContain(`env: ${spec.env}`);
    }
    expect(parseServerArgs(['--help'], {})).toEqual({ help: true });
  });
});
