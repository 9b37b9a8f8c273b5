import type { z } from 'zod';
import { hookEventNameSchema, hookRunStatusSchema, hookSourceSchema } from './wire-enums.js';
import { lazySchema } from './lazy-schema.js';

export const hookRunEventParamsSchema = lazySchema((z) => z.strictObject({
  thread_id: z.string().nullable(),
  turn_id: z.string().nullable(),
  model_slug: z.string().nullable(),
  hook_name: hookEventNameSchema.nullable(),
  hook_source: hookSourceSchema.nullable(),
  status: hookRunStatusSchema.nullable(),
}));

/** `codex_hook_run`: a configured hook ran. */
export const codexHookRunEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_hook_run'),
  event_params: hookRunEventParamsSchema,
}));
export type CodexHookRunEvent = z.infer<typeof codexHookRunEventSchema>;
