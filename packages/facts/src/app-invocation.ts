import { invocationTypeSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

/**
 * An app (connector) mentioned or used in a turn (upstream `AppInvocation`). Every field is required and may be
 * `null`, as on the wire: a missing field is an error rather than a silent `null`, so a recorded fact and its
 * replay are the same JSON.
 */
export const appInvocationSchema = lazySchema((z) => z.object({
  connectorId: z.string().nullable(),
  appName: z.string().nullable(),
  invocationType: invocationTypeSchema.nullable(),
}));
export type AppInvocation = z.infer<typeof appInvocationSchema>;
