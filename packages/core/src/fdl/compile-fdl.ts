import type { DocumentNode, EventNode, FeatureNode, Pos } from './ast.js';
import { CompileContext } from './compile-context.js';
import { compileEvent } from './compile-event.js';
import { compileFeature } from './compile-feature.js';
import { compileSession, implicitSession } from './compile-session.js';
import { compileEnum, compileObjectType } from './compile-types.js';
import type { Diagnostic } from './diagnostic.js';
import { FdlCode } from './diagnostic.js';
import { parseFdl } from './parser.js';
import { DEFAULT_NAMESPACE, JAVA_KEYWORDS, SCALAR_NAMES, SYSTEM_TABLES } from './reserved-names.js';
import type { FdlSchema, SessionDef } from './schema-model.js';

export interface FdlSourceFile {
  readonly path: string;
  readonly text: string;
}

export interface CompileFdlResult {
  /** Present iff there are no error diagnostics. */
  readonly schema?: FdlSchema;
  readonly diagnostics: readonly Diagnostic[];
}

const NAMESPACE_SEGMENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const NOT_IDENTIFIERS = new Set([...JAVA_KEYWORDS, 'true', 'false', 'null']);

/**
 * Compiles one or more FDL files, in order, as one program (spec fdl.md). Reports every
 * independent error; never throws. Syntax errors in any file stop before the semantic passes,
 * since a half-parsed declaration would only produce misleading follow-up errors.
 *
 * @example
 * const { schema, diagnostics } = compileFdl([{ path: 'shop.fdl', text }]);
 */
export function compileFdl(files: readonly FdlSourceFile[]): CompileFdlResult {
  const parsed = files.map((file) => parseFdl(file.path, file.text));
  const syntax = parsed.flatMap((p) => p.diagnostics);
  if (syntax.some((d) => d.severity === 'error')) return { diagnostics: syntax };
  const ctx = new CompileContext();
  ctx.diagnostics.push(...syntax);
  const documents = parsed.map((p) => p.document);
  const namespace = checkNamespaces(ctx, documents);
  reserveGlobals(ctx);

  // Types and enums share one pass, in textual order (spec §1 step 3).
  for (const doc of documents) {
    for (const decl of doc.declarations) {
      if (decl.kind === 'enum') compileEnum(ctx, doc.path, decl);
      else if (decl.kind === 'type') compileObjectType(ctx, doc.path, decl);
    }
  }
  for (const doc of documents) {
    for (const decl of doc.declarations)
      if (decl.kind === 'event') compileTopLevelEvent(ctx, doc.path, decl);
  }
  // Features and the session interleave exactly as written (spec §1 step 6).
  let session: SessionDef | undefined;
  for (const doc of documents) {
    for (const decl of doc.declarations) {
      if (decl.kind === 'session') session = compileSessionOnce(ctx, doc.path, decl, session);
      else if (decl.kind === 'feature') compileFeatureDecl(ctx, doc.path, decl);
    }
  }
  const finalSession = session ?? implicitSession();
  checkDeferred(ctx, finalSession);

  const diagnostics = ctx.diagnostics;
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const features = [...ctx.features.values()];
  const events = [...ctx.events.values()];
  return {
    diagnostics,
    schema: {
      schemaVersion: 1,
      namespace,
      enums: [...ctx.enums.values()],
      types: [...ctx.types.values()],
      features,
      session: finalSession,
      events,
      offlineEvents: [...ctx.offlineEvents.values()],
      plugins: [
        ...(finalSession.plugin ? [finalSession.plugin] : []),
        ...features.flatMap((f) => (f.plugin && !f.abstract ? [f.plugin] : [])),
        ...[...finalSession.events, ...features.flatMap((f) => f.events), ...events]
          .flatMap((e) => (e.plugin ? [e.plugin] : []))
          .filter((p, i, all) => all.indexOf(p) === i),
      ],
      files: files.map((f) => f.path),
    },
  };
}

function checkNamespaces(ctx: CompileContext, documents: readonly DocumentNode[]): string {
  documents.slice(1).forEach((doc) => {
    if (doc.namespace) {
      ctx.error(
        FdlCode.NAMESPACE_NOT_FIRST_FILE,
        { path: doc.path, pos: doc.namespace.pos },
        `A namespace may only be declared in the first FDL file; remove it from ${doc.path}.`,
      );
    }
  });
  const first = documents[0]?.namespace;
  if (!first) return DEFAULT_NAMESPACE;
  const segments = first.value.split('.');
  const bad = segments.find((s) => !NAMESPACE_SEGMENT.test(s) || NOT_IDENTIFIERS.has(s));
  if (bad !== undefined) {
    ctx.error(
      FdlCode.NAMESPACE_INVALID,
      { path: documents[0]?.path ?? '', pos: first.pos },
      `Namespace ${JSON.stringify(first.value)} is not a dotted Java package name (${bad === '' ? 'empty segment' : `'${bad}' is not an identifier`}); write e.g. "com.example.flags".`,
    );
  }
  return first.value;
}

function reserveGlobals(ctx: CompileContext): void {
  const { global } = ctx;
  for (const name of SCALAR_NAMES) global.reserve(name, 'a built-in type', true);
  global.reserve('object', 'a built-in type', true);
  for (const name of SYSTEM_TABLES) global.reserve(name, `the system warehouse table '${name}'`);
  global.reserve('sessionKeys', 'a name used by the generated clients');
  global.reserve('ImpressionTime', 'the system type ImpressionTime');
  global.reserve('ImpressionTime_in', 'the system type ImpressionTime');
  // The generated clients have a Session class whatever the session block says (spec §12).
  global.reserve('Session', 'the generated Session class');
}

function compileTopLevelEvent(ctx: CompileContext, path: string, node: EventNode): void {
  const name = node.name.text;
  ctx.declare(ctx.global, name, node.offline ? 'offline event' : 'event', { path, pos: node.pos });
  const def = compileEvent(ctx, path, node, {
    kind: node.offline ? 'offline' : 'top-level',
    qualifier: undefined,
  });
  const registry = node.offline ? ctx.offlineEvents : ctx.events;
  if (!ctx.events.has(name) && !ctx.offlineEvents.has(name)) registry.set(name, def);
}

function compileSessionOnce(
  ctx: CompileContext,
  path: string,
  node: FeatureNode,
  previous: SessionDef | undefined,
): SessionDef {
  if (previous) {
    ctx.error(
      FdlCode.SESSION_DUPLICATE,
      { path, pos: node.pos },
      `The session may be declared only once; merge this block into the one at ${previous.location ? `${previous.location.path}:${previous.location.line}` : 'the first'}.`,
    );
    return previous;
  }
  return compileSession(ctx, path, node);
}

function compileFeatureDecl(ctx: CompileContext, path: string, node: FeatureNode): void {
  const name = node.name.text;
  const at = { path, pos: node.pos };
  if (ctx.declare(ctx.global, name, node.abstract ? 'abstract feature' : 'feature', at)) {
    for (const suffix of ['Impl', 'Base']) {
      const clash = ctx.global.reserve(
        `${name}${suffix}`,
        `the generated class of feature ${name}`,
        true,
      );
      if (clash) ctx.reportClash(name, clash, at);
    }
  }
  const def = compileFeature(ctx, path, node);
  if (!ctx.features.has(name)) ctx.features.set(name, def);
}

/** Checks that need the whole program: `@per` on event fields, and the warnings of §13. */
function checkDeferred(ctx: CompileContext, session: SessionDef): void {
  const sessionFields = [...session.args, ...(session.plugin?.fields ?? [])];
  for (const event of [...ctx.events.values(), ...ctx.offlineEvents.values()]) {
    for (const field of event.fields) {
      if (!field.flags.per || field.importedFrom) continue;
      const at = { path: field.location.path, pos: field.location as Pos };
      const match = sessionFields.find((f) => f.name === field.name);
      if (!match) {
        ctx.error(
          FdlCode.PER_FIELD_MISSING,
          at,
          `@per on '${event.name}.${field.name}' needs a session arg or session plugin field named '${field.name}'; there is none.`,
        );
      } else if (match.typeText !== field.typeText) {
        ctx.error(
          FdlCode.PER_FIELD_TYPE,
          at,
          `@per field '${field.name}' must have the session's type ${match.typeText}, not ${field.typeText}.`,
        );
      }
    }
    if (event.kind === 'offline' && !event.splitKey) {
      ctx.warn(
        FdlCode.WARN_OFFLINE_EVENT_NO_SPLIT_KEY,
        { path: event.location.path, pos: event.location },
        `Offline event '${event.name}' has no @split_key field; mark the field that identifies the unit it belongs to.`,
      );
    }
    if (event.kind === 'top-level' && !ctx.usedEvents.has(event.name)) {
      ctx.warn(
        FdlCode.WARN_UNUSED_EVENT,
        { path: event.location.path, pos: event.location },
        `Event '${event.name}' is never imported, so nothing can signal it; import it into a feature, the session or another event, or remove it.`,
      );
    }
  }
  const systemColumns = new Set(['sessionId', session.persistentKey]);
  for (const feature of ctx.features.values()) {
    if (feature.abstract) continue;
    for (const arg of feature.args) {
      if (systemColumns.has(arg.name) && !arg.importedFrom) {
        ctx.warn(
          FdlCode.WARN_SYSTEM_COLUMN,
          { path: arg.location.path, pos: arg.location },
          `Arg '${feature.name}.${arg.name}' has the same column name as the table's own '${arg.column}' column; rename it.`,
        );
      }
    }
  }
}
