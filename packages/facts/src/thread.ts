import { signedIntegerSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { sessionSourceSchema } from './session-source.js';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/Thread.ts (only `id`, `source`, `ephemeral` and
// `createdAt` are read; the other fields are kept as given).
export const threadSchema = lazySchema((z) => z.looseObject({
  id: z.string(),
  ephemeral: z.boolean(),
  /** Unix seconds (an `i64`; the reducer reports a negative value as 0). */
  createdAt: signedIntegerSchema,
  source: sessionSourceSchema,
}));
export type Thread = z.infer<typeof threadSchema>;
