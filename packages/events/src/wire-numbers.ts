import { lazySchema } from './lazy-schema.js';

/** A Rust `u64`/`usize` on the wire: a non-negative safe integer. */
export const unsignedIntegerSchema = lazySchema((z) => z.number().int().nonnegative());

/** A Rust `i64` on the wire: any safe integer. */
export const signedIntegerSchema = lazySchema((z) => z.number().int());
