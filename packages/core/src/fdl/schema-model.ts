/**
 * The compiled FDL schema: plain, serialisable data (JSON round-trips it) with the derived facts
 * later phases need. Produced by `compileFdl`; consumed by configuration loading, request
 * validation, the warehouse writer and code that evaluates features in-process.
 */
import type { SourceLocation } from './diagnostic.js';

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type ScalarName = 'String' | 'ID' | 'Int' | 'Float' | 'Boolean' | 'Timestamp';

/** A resolved FDL type. `nullable` is the absence of `!`. */
export type FdlType =
  | { readonly kind: 'scalar'; readonly name: ScalarName; readonly nullable: boolean }
  | { readonly kind: 'enum'; readonly name: string; readonly nullable: boolean }
  | { readonly kind: 'object'; readonly name: string; readonly nullable: boolean }
  | { readonly kind: 'list'; readonly of: FdlType; readonly nullable: boolean };

export interface Deprecation {
  readonly reason: string | undefined;
  readonly deprecatedBy: string | undefined;
}

/** Directive-derived facts of a field. Absent keys mean "not set". */
export interface FieldFlags {
  readonly deprecated?: Deprecation;
  /** `@external`: the value comes from the client later; optional allowed values. */
  readonly external?: { readonly values: readonly string[] | undefined };
  readonly per?: true;
  readonly mutable?: true;
  readonly persistentKey?: true;
  readonly sessionKey?: true;
  readonly splitKey?: true;
  readonly elapsed?: 'session_end' | 'impression_end';
  readonly hint?: { readonly length: number };
  readonly noLog?: true;
  /** `@is_default(out:)`, `@variant_id(out:)`, `@variant_name(out:)`: the output they describe. */
  readonly isDefault?: string;
  readonly variantId?: string;
  readonly variantName?: string;
}

export type FieldRole = 'arg' | 'output' | 'plugin' | 'event' | 'object';

export interface FieldDef {
  readonly name: string;
  /** snake_case warehouse column (or struct field) name. */
  readonly column: string;
  readonly role: FieldRole;
  readonly type: FdlType;
  /** The type as FDL renders it, e.g. `[String!]!`. */
  readonly typeText: string;
  /** The declared `= value`, as JSON; `undefined` when none was written. */
  readonly default: JsonValue | undefined;
  /**
   * What the field holds when nobody sets it: the declared default, else (outputs and plugin
   * fields) `null` for nullable types, `-1` for `@elapsed`; for args and event fields the declared
   * default or `null`.
   */
  readonly controlValue: JsonValue;
  readonly description: string | undefined;
  readonly flags: FieldFlags;
  /** Where the field came from when it was copied by `import`. */
  readonly importedFrom: string | undefined;
  readonly location: SourceLocation;
}

export interface EnumDef {
  readonly name: string;
  readonly values: readonly string[];
  readonly description: string | undefined;
  readonly deprecated: Deprecation | undefined;
  readonly location: SourceLocation;
}

export interface ObjectTypeDef {
  readonly name: string;
  readonly fields: readonly FieldDef[];
  readonly description: string | undefined;
  readonly deprecated: Deprecation | undefined;
  readonly location: SourceLocation;
}

export interface PluginDef {
  /** `java` / `js` for a named plugin, `generic` for `plugin { }`. */
  readonly language: 'java' | 'js' | 'generic';
  /** The registered plugin name (`plugin java "GeoPlugin"` → `GeoPlugin`); `undefined` when generic. */
  readonly name: string | undefined;
  /** What the plugin serves: the session, a feature, or an event (`Feature.Event`, `session.Event`, `Event`). */
  readonly serves: { readonly kind: 'session' | 'feature' | 'event'; readonly name: string };
  readonly fields: readonly FieldDef[];
  readonly description: string | undefined;
  readonly location: SourceLocation;
}

export interface EventDef {
  readonly name: string;
  /** Column (feature/session events) or table (offline events) name. */
  readonly column: string;
  readonly kind: 'top-level' | 'offline' | 'feature' | 'session';
  /** Event inputs (excluding the implicit `eventTime`, `eventId`, `impressionId`). */
  readonly fields: readonly FieldDef[];
  readonly plugin: PluginDef | undefined;
  /** Name of the `@split_key` field, if any (last one wins). */
  readonly splitKey: string | undefined;
  /** Top-level events this event instantiates (itself when imported whole, plus event-level imports). */
  readonly templates: readonly string[];
  readonly description: string | undefined;
  readonly deprecated: Deprecation | undefined;
  readonly location: SourceLocation;
}

export interface FeatureDef {
  readonly name: string;
  /** Warehouse table name. */
  readonly table: string;
  readonly abstract: boolean;
  readonly noGate: boolean;
  readonly offByDefault: boolean;
  /** Own args first, then imported args (warehouse order). */
  readonly args: readonly FieldDef[];
  /** Imported outputs first, then own outputs (warehouse order). */
  readonly outputs: readonly FieldDef[];
  readonly plugin: PluginDef | undefined;
  /** Imported events first, then declared events. */
  readonly events: readonly EventDef[];
  /** Names of features imported (directly). */
  readonly imports: readonly string[];
  readonly description: string | undefined;
  readonly deprecated: Deprecation | undefined;
  readonly location: SourceLocation;
}

export interface SessionDef {
  /** True when the program has no `session` block (the session is `deviceId: ID! @persistent_key`). */
  readonly implicit: boolean;
  readonly args: readonly FieldDef[];
  readonly persistentKey: string;
  /** The persistent key first, then the `@session_key` args in declaration order. */
  readonly sessionKeys: readonly string[];
  /** The `@split_key` arg (last one wins), if any. */
  readonly splitKey: string | undefined;
  readonly mutableArgs: readonly string[];
  readonly plugin: PluginDef | undefined;
  readonly events: readonly EventDef[];
  readonly location: SourceLocation | undefined;
}

export interface FdlSchema {
  readonly schemaVersion: 1;
  readonly namespace: string;
  readonly enums: readonly EnumDef[];
  readonly types: readonly ObjectTypeDef[];
  /** Every feature in declaration order, abstract ones included (`abstract: true`). */
  readonly features: readonly FeatureDef[];
  readonly session: SessionDef;
  /** Top-level (non-offline) events. */
  readonly events: readonly EventDef[];
  readonly offlineEvents: readonly EventDef[];
  /** Every plugin declaration of features, the session and events. */
  readonly plugins: readonly PluginDef[];
  /** The input files, in order. */
  readonly files: readonly string[];
}
