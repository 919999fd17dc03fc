/** Reading option text (a flag or an `ISERVER_*` variable) into a typed value. */
import type { LogLevel, OptionKind } from './server-options.js';
import { LOG_LEVELS } from './server-options.js';

export type OptionValue = string | number | boolean | readonly string[];

const SIZE = /^(\d+)\s*(b|k|kb|kib|m|mb|mib)?$/i;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `512`, `64kb`, `1mb` (k = 1024). */
export function parseSize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (!match?.[1]) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  return Number(match[1]) * factor;
}

/** `30m`, `1h30m`, `90s`, `500ms`; a bare number is seconds. */
export function parseDurationMs(text: string): number | undefined {
  const source = text.trim();
  if (/^\d+$/.test(source)) return Number(source) * 1000;
  DURATION_PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = DURATION_PART.exec(source); match; match = DURATION_PART.exec(source)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
    consumed = DURATION_PART.lastIndex;
  }
  return consumed === source.length && consumed > 0 ? Math.round(total) : undefined;
}

function parseBoolean(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(value)) return false;
  return undefined;
}

function isLogLevel(text: string): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text);
}

/**
 * Reads one value of `kind`. `raw` is flag text (yargs or `util.parseArgs`), a boolean flag, a
 * list of repeated flags, or an environment string (lists split on `:`).
 * Returns a message instead of a value when the text does not fit.
 */
export function readOptionValue(
  kind: OptionKind,
  raw: string | boolean | readonly string[],
  fromEnv: boolean,
): { readonly value: OptionValue } | { readonly problem: string } {
  if (kind === 'list') {
    const items = typeof raw === 'string' ? (fromEnv ? raw.split(':') : [raw]) : raw;
    if (typeof items === 'boolean') return { problem: 'expects a value' };
    return { value: items.map((s) => s.trim()).filter((s) => s !== '') };
  }
  if (kind === 'boolean') {
    if (typeof raw === 'boolean') return { value: raw };
    const value = typeof raw === 'string' ? parseBoolean(raw) : undefined;
    return value === undefined ? { problem: 'expects true or false' } : { value };
  }
  const text = typeof raw === 'string' ? raw : typeof raw === 'boolean' ? undefined : raw.at(-1);
  if (text === undefined) return { problem: 'expects a value' };
  switch (kind) {
    case 'string':
      return { value: text };
    case 'port': {
      const port = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
      return port >= 0 && port <= 65535
        ? { value: port }
        : { problem: `expects a port number 0-65535, got '${text}'` };
    }
    case 'count': {
      const count = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
      return count >= 1
        ? { value: count }
        : { problem: `expects a whole number of at least 1, got '${text}'` };
    }
    case 'size': {
      const size = parseSize(text);
      return size !== undefined && size > 0
        ? { value: size }
        : { problem: `expects a size such as 1048576, 512kb or 1mb, got '${text}'` };
    }
    case 'duration': {
      const ms = parseDurationMs(text);
      return ms !== undefined && ms > 0
        ? { value: ms }
        : { problem: `expects a duration such as 30m, 90s or 1h30m, got '${text}'` };
    }
    case 'level':
      return isLogLevel(text)
        ? { value: text }
        : { problem: `expects one of ${LOG_LEVELS.join(', ')}, got '${text}'` };
  }
}
