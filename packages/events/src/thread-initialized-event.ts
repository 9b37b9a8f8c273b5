import type { z } from 'zod';
import { codexAppServerClientMetadataSchema } from './app-server-client-metadata.js';
import { codexRuntimeMetadataSchema } from './runtime-metadata.js';
import { threadInitializationModeSchema, threadSourceSchema } from './wire-enums.js';
import { unsignedIntegerSchema } from './wire-numbers.js';
import { lazySchema } from './lazy-schema.js';

export const threadInitializedEventParamsSchema = lazySchema((z) => z.strictObject({
  thread_id: z.string(),
  app_server_client: codexAppServerClientMetadataSchema,
  runtime: codexRuntimeMetadataSchema,
  model: z.string(),
  ephemeral: z.boolean(),
  thread_source: threadSourceSchema.nullable(),
  initialization_mode: threadInitializationModeSchema,
  subagent_source: z.string().nullable(),
  parent_thread_id: z.string().nullable(),
  created_at: unsignedIntegerSchema,
}));

/** `codex_thread_initialized`: a thread was started, resumed or forked, or a sub-agent thread began. */
export const codexThreadInitializedEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_thread_initialized'),
  event_params: threadInitializedEventParamsSchema,
}));
export type CodexThreadInitializedEvent = z.infer<typeof codexThreadInitializedEventSchema>;
