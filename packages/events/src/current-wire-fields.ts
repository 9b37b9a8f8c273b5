import { lazySchema } from './lazy-schema.js';
import { signedIntegerSchema, unsignedIntegerSchema } from './wire-numbers.js';

// Field schemas several of today's events share.

export const optionalNullableString = lazySchema((z) => z.string().nullable().optional());
export const optionalNullableUnsigned = lazySchema(() => unsignedIntegerSchema.nullable().optional());
export const optionalNullableSigned = lazySchema(() => signedIntegerSchema.nullable().optional());

/** Where a thread came from, as today's `ThreadSource` serializes (the seed knew only `user` and `subagent`). */
export const threadSourceNameSchema = lazySchema((z) => z.string().nullable());

export const threadLineage = lazySchema((z) => ({
  thread_source: threadSourceNameSchema,
  subagent_source: z.string().nullable(),
  parent_thread_id: z.string().nullable(),
}));
