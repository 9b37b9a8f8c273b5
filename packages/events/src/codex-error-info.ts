import type { z } from 'zod';
import { lazySchema } from './lazy-schema.js';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/CodexErrorInfo.ts: unit variants are camelCase
// strings, struct variants are objects with exactly one camelCase key. The protocol adds variants over time,
// so any such string or single-key object is accepted and passed through verbatim.
export const codexErrorInfoSchema = lazySchema((z) => z.union([
  z.string().min(1),
  z
    .record(z.string().min(1), z.unknown())
    .refine((value) => Object.keys(value).length === 1, { message: 'expected an object with exactly one key' }),
]));
export type CodexErrorInfo = z.infer<typeof codexErrorInfoSchema>;
