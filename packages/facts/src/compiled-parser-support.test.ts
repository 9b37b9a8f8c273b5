import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { util } from 'zod/v4/core';
import { INVALID, isPlainRecord } from './compiled-parser-support.js';

// The generated parsers use `isPlainRecord` where zod's compiler used zod's own plain-object test, only to reject
// (`if (!isPlainRecord(x)) return INVALID`, and a rejection goes to zod). That is safe as long as it never accepts
// what zod's test refuses.

class Point {
  constructor(readonly x: number) {}
}

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withBoxedValues: true }),
  fc.constantFrom<unknown>(new Point(1), Object.create(Point.prototype) as object, { constructor: 1 }, { constructor: Point }, { constructor: undefined }, Object.create({ inherited: 1 }) as object, [], new Error('x'), /x/, () => 1),
);

describe('isPlainRecord', () => {
  it('accepts only what zod\'s plain-object test accepts', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        if (isPlainRecord(value)) expect(util.isPlainObject(value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts the records a fact carries: object literals and JSON.parse output', () => {
    expect(isPlainRecord({ a: 1 })).toBe(true);
    expect(isPlainRecord(JSON.parse('{"a":{"b":[]}}'))).toBe(true);
    expect(isPlainRecord(Object.create(null))).toBe(true);
    expect(isPlainRecord([])).toBe(false);
    expect(isPlainRecord(new Point(1))).toBe(false);
  });

  it('is zod\'s own INVALID symbol', () => {
    expect(INVALID).toBe(Symbol.for('zod.compile.invalid'));
  });
});
