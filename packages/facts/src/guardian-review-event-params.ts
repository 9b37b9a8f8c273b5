import {
  guardianApplyPatchActionSchema,
  guardianExecveActionSchema,
  guardianMcpToolCallActionSchema,
  guardianNetworkAccessActionSchema,
  guardianReviewEventFieldsSchema,
  guardianShellActionSchema,
  guardianUnifiedExecActionSchema,
} from '@codex-analytics/events';
import { z } from 'zod';

// The events package's guardian schemas are strict (the collector rejects drift). A fact must not be lost to a
// field it does not know, so the same shapes are rebuilt here as plain objects: unknown fields are dropped, and the
// parsed params stay valid for the strict wire event they are flattened into.
const reviewedActionSchema = z.discriminatedUnion('type', [
  z.object(guardianShellActionSchema.shape),
  z.object(guardianUnifiedExecActionSchema.shape),
  z.object(guardianExecveActionSchema.shape),
  z.object(guardianApplyPatchActionSchema.shape),
  z.object(guardianNetworkAccessActionSchema.shape),
  z.object(guardianMcpToolCallActionSchema.shape),
]);

/**
 * A finished guardian review (upstream `GuardianReviewEventParams`). The one fact payload with snake_case fields:
 * upstream flattens it verbatim into the `codex_guardian_review` event, so it keeps the wire's names. Named
 * `guardianReviewEventParamsFactSchema` because `@codex-analytics/events` exports the wire `event_params` as
 * `guardianReviewEventParamsSchema`.
 */
export const guardianReviewEventParamsFactSchema = z.object({
  ...guardianReviewEventFieldsSchema.shape,
  reviewed_action: reviewedActionSchema,
});
export type GuardianReviewEventParams = z.infer<typeof guardianReviewEventParamsFactSchema>;
