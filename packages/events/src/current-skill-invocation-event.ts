import { optionalNullableString } from './current-wire-fields.js';
import { lazySchema } from './lazy-schema.js';
import { invocationTypeSchema } from './wire-enums.js';

export const currentSkillInvocationEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('skill_invocation'),
  skill_id: z.string(),
  skill_name: z.string(),
  event_params: z.looseObject({
    product_client_id: z.string().nullable(),
    skill_scope: z.string().nullable(),
    plugin_id: optionalNullableString,
    repo_url: z.string().nullable(),
    thread_id: z.string().nullable(),
    turn_id: optionalNullableString,
    invoke_type: invocationTypeSchema.nullable(),
    model_slug: z.string().nullable(),
  }),
}));
