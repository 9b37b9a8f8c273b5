import { lazySchema } from './lazy-schema.js';
import { invocationTypeSchema } from './wire-enums.js';

const currentAppMetadataSchema = lazySchema((z) => z.looseObject({
  connector_id: z.string().nullable(),
  thread_id: z.string().nullable(),
  turn_id: z.string().nullable(),
  app_name: z.string().nullable(),
  product_client_id: z.string().nullable(),
  invoke_type: invocationTypeSchema.nullable(),
  model_slug: z.string().nullable(),
}));

export const currentAppMentionedEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_app_mentioned'), event_params: currentAppMetadataSchema }));
export const currentAppUsedEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_app_used'), event_params: currentAppMetadataSchema }));
