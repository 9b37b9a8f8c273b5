/**
 * What the generated fact parsers (`compiled-fact-parsers.generated.ts`) share. Not public API.
 *
 * A generated parser returns the parsed fact, or `INVALID` when it cannot vouch for the input; the caller then
 * parses with the zod schema, which accepts or explains the rejection. `INVALID` is the very symbol zod's own
 * compiler returns (`Symbol.for`), so a parser could also be installed with `withParser`.
 */
export const INVALID: unique symbol = Symbol.for('zod.compile.invalid') as never;

/** The result of a generated parser: the parsed value, or `INVALID`. */
export type CompiledParser = (input: unknown) => unknown;

/**
 * Whether a value is certainly a plain record: an object (not an array) whose prototype is `Object.prototype` or
 * `null`, with no own `constructor`. Stricter than zod's plain-object test on purpose: the generated code only
 * rejects with it (`if (!isPlainRecord(x)) return INVALID`), and a rejection hands the input to zod, so an object
 * this refuses but zod accepts is still parsed right, only slower.
 */
export function isPlainRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return !Object.hasOwn(value, 'constructor');
}
