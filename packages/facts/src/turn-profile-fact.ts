import { unsignedIntegerSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

const optionalNullableMs = lazySchema(() => unsignedIntegerSchema.nullable().optional());

/**
 * Where a turn's time went, as only Codex core measures it (upstream `TurnProfile`: the sampling timings, with today's
 * compaction and tool-change counts, and the critical path when core measures it). Reported on today's turn event.
 */
export const turnProfileSchema = lazySchema((z) => z.object({
  beforeFirstSamplingMs: unsignedIntegerSchema,
  samplingMs: unsignedIntegerSchema,
  compactionMs: unsignedIntegerSchema.optional(),
  betweenSamplingOverheadMs: unsignedIntegerSchema,
  toolBlockingMs: unsignedIntegerSchema,
  afterLastSamplingMs: unsignedIntegerSchema,
  samplingRequestCount: unsignedIntegerSchema,
  samplingRetryCount: unsignedIntegerSchema,
  toolsChangeCount: unsignedIntegerSchema.optional(),
  /** The turn's critical path (`status` such as `disabled` or `measured`, and each phase's milliseconds). */
  criticalPath: z
    .object({
      status: z.string(),
      durationMs: optionalNullableMs,
      inferenceMs: optionalNullableMs,
      samplingMs: optionalNullableMs,
      compactionMs: optionalNullableMs,
      autoReviewMs: optionalNullableMs,
      autoReviewOverheadMs: optionalNullableMs,
      userWaitMs: optionalNullableMs,
      toolsMs: optionalNullableMs,
      overheadMs: optionalNullableMs,
      unknownMs: optionalNullableMs,
    })
    .optional(),
}));
export type TurnProfile = z.infer<typeof turnProfileSchema>;

/** A turn's profile (upstream `TurnProfileFact`). */
export const turnProfileFactSchema = lazySchema((z) => z.object({
  turnId: z.string(),
  profile: turnProfileSchema,
}));
export type TurnProfileFact = z.infer<typeof turnProfileFactSchema>;
