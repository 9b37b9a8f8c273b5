import { invocationTypeSchema, skillScopeSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

/** One skill the model used in a turn (upstream `SkillInvocation`). */
export const skillInvocationSchema = lazySchema((z) => z.object({
  skillName: z.string(),
  skillScope: skillScopeSchema,
  /** The skill file's path, as the caller saw it; the reducer canonicalizes it for the skill id. */
  skillPath: z.string(),
  invocationType: invocationTypeSchema,
}));
export type SkillInvocation = z.infer<typeof skillInvocationSchema>;
