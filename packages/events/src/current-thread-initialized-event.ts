import { currentAppServerClientMetadataSchema, currentRuntimeMetadataSchema } from './current-client-metadata.js';
import { optionalNullableString, threadLineage } from './current-wire-fields.js';
import { lazySchema } from './lazy-schema.js';
import { threadInitializationModeSchema } from './wire-enums.js';
import { unsignedIntegerSchema } from './wire-numbers.js';

export const currentThreadInitializedEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_thread_initialized'),
  event_params: z.looseObject({
    thread_id: z.string(),
    session_id: z.string().optional(),
    app_server_client: currentAppServerClientMetadataSchema,
    runtime: currentRuntimeMetadataSchema,
    model: z.string(),
    ephemeral: z.boolean(),
    is_worktree: z.boolean().nullable().optional(),
    ...threadLineage,
    initialization_mode: threadInitializationModeSchema,
    forked_from_thread_id: optionalNullableString,
    created_at: unsignedIntegerSchema,
  }),
}));
