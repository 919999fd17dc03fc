/**
 * Rows → Arrow columns in one pass: each builder appends a value (checking it against the column
 * type) into flat typed buffers, then hands them to Arrow as `Data` without copying. Apache Arrow's
 * own row builders are an order of magnitude slower for nested types, and this is the hot path of
 * the warehouse writer.
 */
import {
  Bool,
  Field,
  Float64,
  Int64,
  List,
  makeData,
  Struct,
  TimestampMillisecond,
  Utf8,
  type Data,
  type DataType,
} from 'apache-arrow';

import type { Column, ColumnType } from '../tables/warehouse-table.js';
import { BitBuffer, growBytes, growFloat64, growInt32, Validity } from './growable.js';

/** A value that does not fit its column; `path` is `column.field[index]…`. */
export class ColumnValueError extends Error {
  override name = 'ColumnValueError';
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}

/** The Arrow type of a column type. Lists name their element `element` (Parquet's LIST layout). */
export function arrowType(type: ColumnType): DataType {
  switch (type.kind) {
    case 'string':
      return new Utf8();
    case 'int64':
      return new Int64();
    case 'double':
      return new Float64();
    case 'boolean':
      return new Bool();
    case 'timestamp':
      return new TimestampMillisecond('UTC');
    case 'list':
      return new List(new Field('element', arrowType(type.element), type.elementNullable));
    case 'struct':
      return new Struct(type.fields.map(arrowField));
  }
}

export function arrowField(column: Column): Field {
  return new Field(column.name, arrowType(column.type), column.nullable);
}

export interface ColumnBuilder {
  /** Appends a value; `null`/`undefined` is a null, refused when the column is REQUIRED. */
  add(value: unknown): void;
  /** Appends a placeholder under a null parent (masked by the parent; never checked). */
  addMasked(): void;
  finish(): Data;
}

const TWO_32 = 4294967296;
const INT64_LIMIT = 9223372036854775808;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const utf8 = new TextEncoder();

/**
 * Writes a string as UTF-8 at `start` (room for 3 bytes per UTF-16 unit is guaranteed); returns
 * the end. Ids, enum names and URLs are ASCII: a JIT-compiled loop beats calling into the encoder
 * (measured: Buffer#write's argument handling alone costs more than this whole loop).
 */
function writeUtf8(bytes: Uint8Array, start: number, value: string): number {
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) return start + utf8.encodeInto(value, bytes.subarray(start)).written;
    bytes[start + i] = c;
  }
  return start + n;
}

const typeName = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;

/** Builds the column for `type`. */
export function createBuilder(path: string, type: DataType, nullable: boolean): ColumnBuilder {
  if (type instanceof Utf8) return new StringBuilder(path, type, nullable);
  if (type instanceof Int64 || type instanceof TimestampMillisecond)
    return new Int64Builder(path, type, nullable);
  if (type instanceof Float64) return new DoubleBuilder(path, type, nullable);
  if (type instanceof Bool) return new BooleanBuilder(path, type, nullable);
  if (type instanceof List) return new ListBuilder(path, type, nullable);
  if (type instanceof Struct) return new StructBuilder(path, type, nullable);
  throw new Error(`${path}: no builder for Arrow type #${String(type.typeId)}`);
}

/** The builder of an Arrow field (Arrow types a field's type loosely). */
export function fieldBuilder(path: string, field: Field): ColumnBuilder {
  return createBuilder(path, field.type as DataType, field.nullable);
}

abstract class Base {
  readonly path: string;
  readonly nullable: boolean;
  readonly validity = new Validity();

  constructor(path: string, nullable: boolean) {
    this.path = path;
    this.nullable = nullable;
  }

  /** Records a null, refused for a REQUIRED column. */
  protected addNull(): void {
    if (!this.nullable) throw new ColumnValueError(this.path, 'a value is required, got null');
    this.validity.null();
  }

  protected fail(expected: string, value: unknown): never {
    throw new ColumnValueError(this.path, `expected ${expected}, got ${typeName(value)}`);
  }

  protected nulls(): { nullCount: number; nullBitmap: Uint8Array | undefined } {
    return { nullCount: this.validity.nulls, nullBitmap: this.validity.bits() };
  }
}

class StringBuilder extends Base implements ColumnBuilder {
  readonly #type: Utf8;
  #offsets: Int32Array<ArrayBuffer>;
  #bytes: Uint8Array<ArrayBuffer>;
  #length = 0;
  #position = 0;

  constructor(path: string, type: Utf8, nullable: boolean) {
    super(path, nullable);
    this.#type = type;
    this.#offsets = new Int32Array(64);
    this.#bytes = new Uint8Array(1024);
  }

  add(value: unknown): void {
    if (value === null || value === undefined) this.addNull();
    else {
      if (typeof value !== 'string') this.fail('a string', value);
      const needed = this.#position + value.length * 3;
      if (needed > this.#bytes.length) this.#bytes = growBytes(this.#bytes, needed);
      this.#position = writeUtf8(this.#bytes, this.#position, value);
      this.validity.valid();
    }
    this.#end();
  }

  addMasked(): void {
    this.validity.null();
    this.#end();
  }

  #end(): void {
    const i = ++this.#length;
    if (i >= this.#offsets.length) this.#offsets = growInt32(this.#offsets, i + 1);
    this.#offsets[i] = this.#position;
  }

  finish(): Data {
    return makeData({
      type: this.#type,
      length: this.#length,
      ...this.nulls(),
      valueOffsets: this.#offsets.subarray(0, this.#length + 1),
      data: this.#bytes.subarray(0, this.#position),
    });
  }
}

/** INT64 and TIMESTAMP(MILLIS): safe integers written as two 32-bit halves (no BigInt per value). */
class Int64Builder extends Base implements ColumnBuilder {
  readonly #type: Int64 | TimestampMillisecond;
  #words: Int32Array<ArrayBuffer>;
  #length = 0;

  constructor(path: string, type: Int64 | TimestampMillisecond, nullable: boolean) {
    super(path, nullable);
    this.#type = type;
    this.#words = new Int32Array(128);
  }

  add(value: unknown): void {
    const i = this.#length++;
    if (2 * i + 2 > this.#words.length) this.#words = growInt32(this.#words, 2 * i + 2);
    if (value === null || value === undefined) {
      this.addNull();
      return;
    }
    if (typeof value !== 'number' || !Number.isInteger(value))
      this.fail(this.#type instanceof Int64 ? 'an integer' : 'epoch milliseconds', value);
    if (value >= INT64_LIMIT || value < -INT64_LIMIT)
      throw new ColumnValueError(this.path, `${value} is outside the 64-bit range`);
    this.#words[2 * i] = value % TWO_32;
    this.#words[2 * i + 1] = Math.floor(value / TWO_32);
    this.validity.valid();
  }

  addMasked(): void {
    const i = this.#length++;
    if (2 * i + 2 > this.#words.length) this.#words = growInt32(this.#words, 2 * i + 2);
    this.validity.null();
  }

  finish(): Data {
    const words = this.#words;
    const data = LITTLE_ENDIAN
      ? new BigInt64Array(words.buffer, 0, this.#length)
      : // Big-endian hosts: the halves are in the wrong order; combine them value by value.
        BigInt64Array.from({ length: this.#length }, (_, i) =>
          BigInt.asIntN(
            64,
            (BigInt(words[2 * i + 1] ?? 0) << 32n) | BigInt((words[2 * i] ?? 0) >>> 0),
          ),
        );
    const type = this.#type;
    const props = { length: this.#length, ...this.nulls(), data };
    return type instanceof Int64 ? makeData({ type, ...props }) : makeData({ type, ...props });
  }
}

class DoubleBuilder extends Base implements ColumnBuilder {
  readonly #type: Float64;
  #values: Float64Array<ArrayBuffer>;
  #length = 0;

  constructor(path: string, type: Float64, nullable: boolean) {
    super(path, nullable);
    this.#type = type;
    this.#values = new Float64Array(64);
  }

  add(value: unknown): void {
    const i = this.#length++;
    if (i >= this.#values.length) this.#values = growFloat64(this.#values, i + 1);
    if (value === null || value === undefined) {
      this.addNull();
      return;
    }
    if (typeof value !== 'number') this.fail('a number', value);
    this.#values[i] = value;
    this.validity.valid();
  }

  addMasked(): void {
    const i = this.#length++;
    if (i >= this.#values.length) this.#values = growFloat64(this.#values, i + 1);
    this.validity.null();
  }

  finish(): Data {
    const data = this.#values.subarray(0, this.#length);
    return makeData({ type: this.#type, length: this.#length, ...this.nulls(), data });
  }
}

class BooleanBuilder extends Base implements ColumnBuilder {
  readonly #type: Bool;
  readonly #values = new BitBuffer();

  constructor(path: string, type: Bool, nullable: boolean) {
    super(path, nullable);
    this.#type = type;
  }

  add(value: unknown): void {
    if (value === null || value === undefined) {
      this.addNull();
      this.#values.push(false);
      return;
    }
    if (typeof value !== 'boolean') this.fail('a boolean', value);
    this.#values.push(value);
    this.validity.valid();
  }

  addMasked(): void {
    this.validity.null();
    this.#values.push(false);
  }

  finish(): Data {
    const data = this.#values.bits();
    return makeData({ type: this.#type, length: this.#values.length, ...this.nulls(), data });
  }
}

class ListBuilder extends Base implements ColumnBuilder {
  readonly #type: List;
  readonly #child: ColumnBuilder;
  #offsets: Int32Array<ArrayBuffer>;
  #length = 0;
  #count = 0;

  constructor(path: string, type: List, nullable: boolean) {
    super(path, nullable);
    this.#type = type;
    this.#offsets = new Int32Array(64);
    this.#child = fieldBuilder(`${path}[]`, type.valueField);
  }

  add(value: unknown): void {
    if (value === null || value === undefined) this.addNull();
    else {
      if (!Array.isArray(value)) this.fail('a list', value);
      const items = value as readonly unknown[];
      const child = this.#child;
      for (const item of items) child.add(item);
      this.#count += items.length;
      this.validity.valid();
    }
    this.#end();
  }

  addMasked(): void {
    this.validity.null();
    this.#end();
  }

  #end(): void {
    const i = ++this.#length;
    if (i >= this.#offsets.length) this.#offsets = growInt32(this.#offsets, i + 1);
    this.#offsets[i] = this.#count;
  }

  finish(): Data {
    return makeData({
      type: this.#type,
      length: this.#length,
      ...this.nulls(),
      valueOffsets: this.#offsets.subarray(0, this.#length + 1),
      child: this.#child.finish(),
    });
  }
}

class StructBuilder extends Base implements ColumnBuilder {
  readonly #type: Struct;
  readonly #names: readonly string[];
  readonly #children: readonly ColumnBuilder[];
  #length = 0;

  constructor(path: string, type: Struct, nullable: boolean) {
    super(path, nullable);
    this.#type = type;
    this.#names = type.children.map((f) => f.name);
    this.#children = type.children.map((f) => fieldBuilder(`${path}.${f.name}`, f));
  }

  add(value: unknown): void {
    this.#length++;
    const children = this.#children;
    if (value === null || value === undefined) {
      this.addNull();
      for (const child of children) child.addMasked();
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) this.fail('an object', value);
    const record = value as Readonly<Record<string, unknown>>;
    const names = this.#names;
    for (let i = 0; i < children.length; i++) children[i]?.add(record[names[i] ?? '']);
    this.validity.valid();
  }

  addMasked(): void {
    this.#length++;
    this.validity.null();
    for (const child of this.#children) child.addMasked();
  }

  finish(): Data {
    return makeData({
      type: this.#type,
      length: this.#length,
      ...this.nulls(),
      children: this.#children.map((c) => c.finish()),
    });
  }
}
