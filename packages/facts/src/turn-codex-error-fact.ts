import { unsignedIntegerSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

/**
 * Why a turn failed, as Codex core classifies it (upstream `TurnCodexErrorFact`: the error kind, such as
 * `invalid_prompt` or `usage_limit_exceeded`, the HTTP status behind it, and the usage-limit window that was hit).
 * The traffic carries only the app-server's coarser `codexErrorInfo`; today's turn event reports these.
 */
export const turnCodexErrorFactSchema = lazySchema((z) => z.object({
  turnId: z.string(),
  threadId: z.string(),
  error: z.object({
    kind: z.string(),
    httpStatusCode: unsignedIntegerSchema.nullable().optional(),
    usageLimitWindowMinutes: unsignedIntegerSchema.nullable().optional(),
  }),
}));
export type TurnCodexErrorFact = z.infer<typeof turnCodexErrorFactSchema>;
