import { invocationTypeSchema, skillScopeSchema } from '@codex-analytics/events';
import { z } from 'zod';

/** One skill the model used in a turn (upstream `SkillInvocation`). */
export const skillInvocationSchema = z.object({
  skillName: z.string(),
  skillScope: skillScopeSchema,
  /** The skill file's path, as the caller saw it; the reducer canonicalizes it for the skill id. */
  skillPath: z.string(),
  invocationType: invocationTypeSchema,
});
export type SkillInvocation = z.infer<typeof skillInvocationSchema>;
