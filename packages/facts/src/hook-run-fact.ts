import { hookEventNameSchema, hookSourceSchema } from '@codex-analytics/events';
import { z } from 'zod';

/** A hook run's status as the caller reports it; `running` is reported on the wire as `failed`. */
export const hookRunFactStatusSchema = z.enum(['running', 'completed', 'blocked', 'failed', 'stopped']);
export type HookRunFactStatus = z.infer<typeof hookRunFactStatusSchema>;

/** A configured hook ran (upstream `HookRunFact`); `eventName` is the PascalCase hook event (`PreToolUse`, ...). */
export const hookRunFactSchema = z.object({
  eventName: hookEventNameSchema,
  hookSource: hookSourceSchema,
  status: hookRunFactStatusSchema,
});
export type HookRunFact = z.infer<typeof hookRunFactSchema>;
