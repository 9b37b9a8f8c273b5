import {
  compactionImplementationSchema,
  compactionPhaseSchema,
  compactionReasonSchema,
  compactionStatusSchema,
  compactionStrategySchema,
  compactionTriggerSchema,
  signedIntegerSchema,
  unsignedIntegerSchema,
} from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

/**
 * A context compaction (upstream `CodexCompactionEvent`); enum values are the wire strings. Named
 * `codexCompactionEventFactSchema` because `@codex-analytics/events` exports the wire event as `codexCompactionEventSchema`.
 */
export const codexCompactionEventFactSchema = lazySchema((z) => z.object({
  threadId: z.string(),
  turnId: z.string(),
  trigger: compactionTriggerSchema,
  reason: compactionReasonSchema,
  implementation: compactionImplementationSchema,
  phase: compactionPhaseSchema,
  strategy: compactionStrategySchema,
  status: compactionStatusSchema,
  error: z.string().nullable(),
  activeContextTokensBefore: signedIntegerSchema,
  activeContextTokensAfter: signedIntegerSchema,
  /** Unix seconds. */
  startedAt: unsignedIntegerSchema,
  /** Unix seconds. */
  completedAt: unsignedIntegerSchema,
  durationMs: unsignedIntegerSchema.nullable(),
}));
export type CodexCompactionEvent = z.infer<typeof codexCompactionEventFactSchema>;
