/** A protocol `i64` time reported as a `u64`: negative values are not representable and become `fallback`. */
export function toUnsigned<T extends number | null>(value: number | null | undefined, fallback: T): number | T {
  return value === null || value === undefined || value < 0 ? fallback : value;
}
