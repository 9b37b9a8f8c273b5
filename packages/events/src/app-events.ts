import type { z } from 'zod';
import { invocationTypeSchema } from './wire-enums.js';
import { lazySchema } from './lazy-schema.js';

/** `CodexAppMetadata`: the parameters shared by the app-mentioned and app-used events. */
export const codexAppMetadataSchema = lazySchema((z) => z.strictObject({
  connector_id: z.string().nullable(),
  thread_id: z.string().nullable(),
  turn_id: z.string().nullable(),
  app_name: z.string().nullable(),
  product_client_id: z.string().nullable(),
  invoke_type: invocationTypeSchema.nullable(),
  model_slug: z.string().nullable(),
}));
export type CodexAppMetadata = z.infer<typeof codexAppMetadataSchema>;

/** `codex_app_mentioned`: one per app the user mentioned in a turn. */
export const codexAppMentionedEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_app_mentioned'),
  event_params: codexAppMetadataSchema,
}));
export type CodexAppMentionedEvent = z.infer<typeof codexAppMentionedEventSchema>;

/** `codex_app_used`: an app (connector) was used in a turn; deduplicated per turn and connector by the client. */
export const codexAppUsedEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_app_used'),
  event_params: codexAppMetadataSchema,
}));
export type CodexAppUsedEvent = z.infer<typeof codexAppUsedEventSchema>;
