import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema, resolveSchema } from './lazy-schema.js';

describe('lazySchema', () => {
  it('runs its builder on first use only, and once', () => {
    let builds = 0;
    const schema = lazySchema((zod) => {
      builds += 1;
      return zod.strictObject({ id: zod.string() });
    });
    expect(builds).toBe(0);
    expect(schema.safeParse({ id: 'a' }).success).toBe(true);
    expect(schema.safeParse({ id: 1 }).success).toBe(false);
    expect(() => schema.parse({ id: 'a', extra: true })).toThrow(z.ZodError);
    expect(builds).toBe(1);
  });

  it('behaves as the schema: instanceof, nested in another schema, methods, keys, shape', () => {
    const inner = lazySchema((zod) => zod.enum(['a', 'b']));
    const outer = lazySchema((zod) => zod.object({ kind: inner, maybe: inner.nullable() }));
    expect(inner).toBeInstanceOf(z.ZodEnum);
    expect(outer).toBeInstanceOf(z.ZodObject);
    expect(z.object({ nested: outer }).safeParse({ nested: { kind: 'a', maybe: null } }).success).toBe(true);
    expect(z.object({ nested: outer }).safeParse({ nested: { kind: 'c', maybe: null } }).success).toBe(false);
    expect(Object.keys(outer.shape)).toEqual(['kind', 'maybe']);
    expect(inner.options).toEqual(['a', 'b']);
    expect('_zod' in outer).toBe(true);
    expect(z.discriminatedUnion('t', [lazySchema((zod) => zod.object({ t: zod.literal('x') }))]).safeParse({ t: 'x' }).success).toBe(true);
  });

  it('resolveSchema returns the built schema behind a lazy one, and any other value itself', () => {
    const schema = lazySchema((zod) => zod.string());
    const built = resolveSchema(schema);
    expect(built).not.toBe(schema);
    expect(built).toBeInstanceOf(z.ZodString);
    expect(resolveSchema(schema)).toBe(built);
    const plain = z.number();
    expect(resolveSchema(plain)).toBe(plain);
  });

  it('reports the same errors as the schema it stands for', () => {
    const build = (zod: typeof z) => zod.strictObject({ a: zod.number().int(), b: zod.array(zod.string()) });
    const lazy = lazySchema(build);
    const eager = build(z);
    for (const input of [{ a: 1.5, b: ['x'] }, { a: 1, b: [2] }, { a: 1, b: [], c: 0 }, null, 'x']) {
      expect(lazy.safeParse(input).error?.issues).toEqual(eager.safeParse(input).error?.issues);
    }
  });
});
