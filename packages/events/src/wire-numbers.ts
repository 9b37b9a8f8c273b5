import { z } from 'zod';

/** A Rust `u64`/`usize` on the wire: a non-negative safe integer. */
export const unsignedIntegerSchema = z.number().int().nonnegative();

/** A Rust `i64` on the wire: any safe integer. */
export const signedIntegerSchema = z.number().int();
