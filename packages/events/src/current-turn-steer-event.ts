import { currentAppServerClientMetadataSchema, currentRuntimeMetadataSchema } from './current-client-metadata.js';
import { threadLineage } from './current-wire-fields.js';
import { lazySchema } from './lazy-schema.js';
import { turnSteerRejectionReasonSchema, turnSteerResultSchema } from './wire-enums.js';
import { unsignedIntegerSchema } from './wire-numbers.js';

export const currentTurnSteerEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_turn_steer_event'),
  event_params: z.looseObject({
    thread_id: z.string(),
    session_id: z.string().optional(),
    expected_turn_id: z.string().nullable(),
    accepted_turn_id: z.string().nullable(),
    app_server_client: currentAppServerClientMetadataSchema,
    runtime: currentRuntimeMetadataSchema,
    ...threadLineage,
    num_input_images: unsignedIntegerSchema,
    result: turnSteerResultSchema,
    rejection_reason: turnSteerRejectionReasonSchema.nullable(),
    created_at: unsignedIntegerSchema,
  }),
}));
