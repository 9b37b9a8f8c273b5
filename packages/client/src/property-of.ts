/** `value[key]` when `value` is an object, else `undefined`; never throws on a primitive. */
export function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
