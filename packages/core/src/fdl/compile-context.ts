import type { Pos } from './ast.js';
import type { Diagnostic, FdlCode, SourceLocation } from './diagnostic.js';
import type { NameClash } from './name-scope.js';
import { NameScope } from './name-scope.js';
import { FdlCode as Code } from './diagnostic.js';
import type { EnumDef, EventDef, FeatureDef, ObjectTypeDef } from './schema-model.js';

/** Where a diagnostic points: a file and a position in it. */
export interface At {
  readonly path: string;
  readonly pos: Pos;
}

export function locationOf(at: At): SourceLocation {
  return { path: at.path, line: at.pos.line, column: at.pos.column };
}

export function formatLocation(location: SourceLocation): string {
  return `${location.path}:${location.line}:${location.column}`;
}

/** State shared by the compiler passes: the diagnostics and the global registries. */
export class CompileContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly global = new NameScope();
  readonly enums = new Map<string, EnumDef>();
  readonly types = new Map<string, ObjectTypeDef>();
  readonly events = new Map<string, EventDef>();
  readonly offlineEvents = new Map<string, EventDef>();
  readonly features = new Map<string, FeatureDef>();
  /** Top-level events that something imports (for the unused-event warning). */
  readonly usedEvents = new Set<string>();

  error(code: FdlCode, at: At, message: string): void {
    this.diagnostics.push({ severity: 'error', code, message, ...locationOf(at) });
  }

  warn(code: FdlCode, at: At, message: string): void {
    this.diagnostics.push({ severity: 'warning', code, message, ...locationOf(at) });
  }

  /**
   * Registers a declaration in `scope`, reporting a clash as NAME_RESERVED (system names) or
   * NAME_CONFLICT (another declaration). Returns false on a clash.
   */
  declare(scope: NameScope, name: string, what: string, at: At): boolean {
    const clash = scope.register(name, `${what} '${name}'`, locationOf(at));
    if (!clash) return true;
    this.reportClash(name, clash, at);
    return false;
  }

  reportClash(name: string, clash: NameClash, at: At): void {
    const { owner, snake } = clash;
    const holder =
      owner.kind === 'user' ? `${owner.what} at ${formatLocation(owner.location)}` : owner.what;
    const how =
      snake === undefined
        ? `it is already taken by ${holder}`
        : `its SQL identifier '${snake}' is already taken by ${holder}`;
    const code = owner.kind === 'user' ? Code.NAME_CONFLICT : Code.NAME_RESERVED;
    this.error(code, at, `Cannot use the name '${name}': ${how}. Choose another name.`);
  }
}
