import { hookEventNameSchema, hookSourceSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

/** A hook run's status as the caller reports it; `running` is reported on the wire as `failed`. */
export const hookRunFactStatusSchema = lazySchema((z) => z.enum(['running', 'completed', 'blocked', 'failed', 'stopped']));
export type HookRunFactStatus = z.infer<typeof hookRunFactStatusSchema>;

/** A configured hook ran (upstream `HookRunFact`); `eventName` is the PascalCase hook event (`PreToolUse`, ...). */
export const hookRunFactSchema = lazySchema((z) => z.object({
  eventName: hookEventNameSchema,
  hookSource: hookSourceSchema,
  status: hookRunFactStatusSchema,
}));
export type HookRunFact = z.infer<typeof hookRunFactSchema>;
