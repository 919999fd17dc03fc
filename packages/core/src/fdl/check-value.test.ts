import { describe, expect, it } from 'vitest';

import { checkValue } from './check-value.js';
import type { TypeRegistry } from './check-value.js';
import type { FdlType, FieldDef } from './schema-model.js';

const money: FdlType = { kind: 'object', name: 'Money', nullable: false };
const field = (name: string, type: FdlType): FieldDef => ({
  name,
  type,
  column: name,
  role: 'object',
  typeText: '',
  default: undefined,
  controlValue: null,
  description: undefined,
  flags: {},
  importedFrom: undefined,
  location: { path: 'x', line: 1, column: 1 },
});
const registry: TypeRegistry = {
  enums: [
    {
      name: 'Currency',
      values: ['USD', 'EUR'],
      description: undefined,
      deprecated: undefined,
      location: { path: 'x', line: 1, column: 1 },
    },
  ],
  types: [
    {
      name: 'Money',
      description: undefined,
      deprecated: undefined,
      location: { path: 'x', line: 1, column: 1 },
      fields: [
        field('currency', { kind: 'enum', name: 'Currency', nullable: false }),
        field('amount', { kind: 'scalar', name: 'Float', nullable: false }),
        field('note', { kind: 'scalar', name: 'String', nullable: true }),
      ],
    },
  ],
};

const scalar = (
  name: 'String' | 'ID' | 'Int' | 'Float' | 'Boolean' | 'Timestamp',
  nullable = false,
): FdlType => ({ kind: 'scalar', name, nullable });

const intList: FdlType = { kind: 'list', of: scalar('Int'), nullable: false };

describe('checkValue', () => {
  it.each([
    [scalar('String'), 'x'],
    [scalar('ID'), 'abc'],
    [scalar('Int'), 42],
    [scalar('Int'), -9007199254740991],
    [scalar('Float'), 1],
    [scalar('Float'), 0.5],
    [scalar('Boolean'), false],
    [scalar('Timestamp'), 1764547200000],
    [scalar('String', true), null],
    [intList, [1, 2, 3]],
    [money, { currency: 'USD', amount: 1.5 }],
    [money, { currency: 'EUR', amount: 2, note: null }],
  ])('accepts %j %j', (type, value) => {
    expect(checkValue(type, value, registry)).toEqual({ ok: true });
  });

  it.each([
    [scalar('String'), 1, '$', 'expected a string'],
    [scalar('Int'), 1.5, '$', 'expected an integer'],
    [scalar('Int'), '1', '$', 'expected an integer'],
    [scalar('Float'), '1.0', '$', 'expected a number'],
    [scalar('Boolean'), 'true', '$', 'expected true or false'],
    [scalar('String'), null, '$', 'a value is required'],
    [intList, [1, 'x'], '$[1]', 'expected an integer'],
    [intList, 'x', '$', 'expected a list'],
    [money, { currency: 'GBP', amount: 1.5 }, '$.currency', 'one of USD, EUR'],
    [money, { currency: 'USD' }, '$.amount', 'a value is required'],
    [money, { currency: 'USD', amount: 1, colour: 'red' }, '$.colour', "no field 'colour'"],
    [money, [1], '$', 'an object of type Money'],
  ])('rejects %j %j at %s', (type, value, path, message) => {
    const result = checkValue(type, value, registry);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.path).toBe(path);
      expect(result.message).toContain(message);
    }
  });
});
