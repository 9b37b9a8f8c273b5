import {
  guardianApprovalRequestSourceSchema,
  guardianReviewDecisionSchema,
  guardianReviewFailureReasonSchema,
  guardianReviewOutcomeSchema,
  guardianReviewRiskLevelSchema,
  guardianReviewSessionKindSchema,
  guardianReviewTerminalStatusSchema,
  guardianReviewUserAuthorizationSchema,
  signedIntegerSchema,
  unsignedIntegerSchema,
} from '@codex-analytics/events';
import type { z } from 'zod';
import { guardianReviewedActionFactSchema } from './guardian-reviewed-action.js';
import { lazySchema } from '@codex-analytics/events';

/**
 * A finished guardian review (upstream `GuardianReviewEventParams`, codex-rs/analytics/src/events.rs). camelCase
 * fields like every other custom fact; enum values are the wire strings. The reducer flattens it into
 * `codex_guardian_review` under the wire's snake_case names, in the wire's order. Named
 * `guardianReviewEventParamsFactSchema` because `@codex-analytics/events` exports the wire `event_params` as
 * `guardianReviewEventParamsSchema`. Unknown fields are dropped.
 */
export const guardianReviewEventParamsFactSchema = lazySchema((z) => z.object({
  threadId: z.string(),
  turnId: z.string(),
  reviewId: z.string(),
  targetItemId: z.string(),
  retryReason: z.string().nullable(),
  approvalRequestSource: guardianApprovalRequestSourceSchema,
  reviewedAction: guardianReviewedActionFactSchema,
  reviewedActionTruncated: z.boolean(),
  decision: guardianReviewDecisionSchema,
  terminalStatus: guardianReviewTerminalStatusSchema,
  failureReason: guardianReviewFailureReasonSchema.nullable(),
  riskLevel: guardianReviewRiskLevelSchema.nullable(),
  userAuthorization: guardianReviewUserAuthorizationSchema.nullable(),
  outcome: guardianReviewOutcomeSchema.nullable(),
  rationale: z.string().nullable(),
  guardianThreadId: z.string().nullable(),
  guardianSessionKind: guardianReviewSessionKindSchema.nullable(),
  guardianModel: z.string().nullable(),
  guardianReasoningEffort: z.string().nullable(),
  hadPriorReviewContext: z.boolean().nullable(),
  reviewTimeoutMs: unsignedIntegerSchema,
  toolCallCount: unsignedIntegerSchema,
  timeToFirstTokenMs: unsignedIntegerSchema.nullable(),
  completionLatencyMs: unsignedIntegerSchema.nullable(),
  /** Unix seconds. */
  startedAt: unsignedIntegerSchema,
  /** Unix seconds. */
  completedAt: unsignedIntegerSchema.nullable(),
  inputTokens: signedIntegerSchema.nullable(),
  cachedInputTokens: signedIntegerSchema.nullable(),
  outputTokens: signedIntegerSchema.nullable(),
  reasoningOutputTokens: signedIntegerSchema.nullable(),
  totalTokens: signedIntegerSchema.nullable(),
}));
export type GuardianReviewEventParams = z.infer<typeof guardianReviewEventParamsFactSchema>;
