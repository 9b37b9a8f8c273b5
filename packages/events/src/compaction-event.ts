import type { z } from 'zod';
import { codexAppServerClientMetadataSchema } from './app-server-client-metadata.js';
import { codexRuntimeMetadataSchema } from './runtime-metadata.js';
import {
  compactionImplementationSchema,
  compactionPhaseSchema,
  compactionReasonSchema,
  compactionStatusSchema,
  compactionStrategySchema,
  compactionTriggerSchema,
  threadSourceSchema,
} from './wire-enums.js';
import { signedIntegerSchema, unsignedIntegerSchema } from './wire-numbers.js';
import { lazySchema } from './lazy-schema.js';

export const compactionEventParamsSchema = lazySchema((z) => z.strictObject({
  thread_id: z.string(),
  turn_id: z.string(),
  app_server_client: codexAppServerClientMetadataSchema,
  runtime: codexRuntimeMetadataSchema,
  thread_source: threadSourceSchema.nullable(),
  subagent_source: z.string().nullable(),
  parent_thread_id: z.string().nullable(),
  trigger: compactionTriggerSchema,
  reason: compactionReasonSchema,
  implementation: compactionImplementationSchema,
  phase: compactionPhaseSchema,
  strategy: compactionStrategySchema,
  status: compactionStatusSchema,
  error: z.string().nullable(),
  active_context_tokens_before: signedIntegerSchema,
  active_context_tokens_after: signedIntegerSchema,
  started_at: unsignedIntegerSchema,
  completed_at: unsignedIntegerSchema,
  duration_ms: unsignedIntegerSchema.nullable(),
}));

/** `codex_compaction_event`: the conversation context was compacted. */
export const codexCompactionEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_compaction_event'),
  event_params: compactionEventParamsSchema,
}));
export type CodexCompactionEventRequest = z.infer<typeof codexCompactionEventSchema>;
