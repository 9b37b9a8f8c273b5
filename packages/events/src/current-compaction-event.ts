import { currentAppServerClientMetadataSchema, currentRuntimeMetadataSchema } from './current-client-metadata.js';
import { optionalNullableSigned, optionalNullableString, optionalNullableUnsigned, threadLineage } from './current-wire-fields.js';
import { lazySchema } from './lazy-schema.js';
import {
  compactionImplementationSchema,
  compactionPhaseSchema,
  compactionReasonSchema,
  compactionStatusSchema,
  compactionStrategySchema,
  compactionTriggerSchema,
} from './wire-enums.js';
import { signedIntegerSchema, unsignedIntegerSchema } from './wire-numbers.js';

export const currentCompactionEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_compaction_event'),
  event_params: z.looseObject({
    thread_id: z.string(),
    session_id: z.string().optional(),
    turn_id: z.string(),
    app_server_client: currentAppServerClientMetadataSchema,
    runtime: currentRuntimeMetadataSchema,
    ...threadLineage,
    trigger: compactionTriggerSchema,
    reason: compactionReasonSchema,
    implementation: compactionImplementationSchema,
    phase: compactionPhaseSchema,
    strategy: compactionStrategySchema,
    status: compactionStatusSchema,
    error: optionalNullableString,
    codex_error_kind: optionalNullableString,
    codex_error_http_status_code: optionalNullableUnsigned,
    active_context_tokens_before: signedIntegerSchema,
    active_context_tokens_after: signedIntegerSchema,
    retained_image_count: optionalNullableUnsigned,
    compaction_summary_tokens: optionalNullableSigned,
    cached_input_tokens: optionalNullableSigned,
    cache_write_input_tokens: optionalNullableSigned,
    started_at: unsignedIntegerSchema,
    completed_at: unsignedIntegerSchema,
    duration_ms: unsignedIntegerSchema.nullable(),
    voice_session_id: optionalNullableString,
    usage_limit_window_minutes: optionalNullableUnsigned,
  }),
}));
