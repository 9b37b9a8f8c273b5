import { lazySchema } from './lazy-schema.js';

export const currentHookRunEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_hook_run'),
  event_params: z.looseObject({
    thread_id: z.string().nullable(),
    turn_id: z.string().nullable(),
    model_slug: z.string().nullable(),
    hook_name: z.string().nullable(),
    hook_source: z.string().nullable(),
    status: z.string().nullable(),
  }),
}));
