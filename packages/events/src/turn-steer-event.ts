import type { z } from 'zod';
import { codexAppServerClientMetadataSchema } from './app-server-client-metadata.js';
import { codexRuntimeMetadataSchema } from './runtime-metadata.js';
import { threadSourceSchema, turnSteerRejectionReasonSchema, turnSteerResultSchema } from './wire-enums.js';
import { unsignedIntegerSchema } from './wire-numbers.js';
import { lazySchema } from './lazy-schema.js';

export const turnSteerEventParamsSchema = lazySchema((z) => z.strictObject({
  thread_id: z.string(),
  expected_turn_id: z.string().nullable(),
  accepted_turn_id: z.string().nullable(),
  app_server_client: codexAppServerClientMetadataSchema,
  runtime: codexRuntimeMetadataSchema,
  thread_source: threadSourceSchema.nullable(),
  subagent_source: z.string().nullable(),
  parent_thread_id: z.string().nullable(),
  num_input_images: unsignedIntegerSchema,
  result: turnSteerResultSchema,
  rejection_reason: turnSteerRejectionReasonSchema.nullable(),
  created_at: unsignedIntegerSchema,
}));

/** `codex_turn_steer_event`: a `turn/steer` request was accepted or rejected. */
export const codexTurnSteerEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_turn_steer_event'),
  event_params: turnSteerEventParamsSchema,
}));
export type CodexTurnSteerEvent = z.infer<typeof codexTurnSteerEventSchema>;
