import type { z } from 'zod';
import { codexAppServerClientMetadataSchema } from './app-server-client-metadata.js';
import {
  guardianApprovalRequestSourceSchema,
  guardianReviewDecisionSchema,
  guardianReviewFailureReasonSchema,
  guardianReviewOutcomeSchema,
  guardianReviewRiskLevelSchema,
  guardianReviewSessionKindSchema,
  guardianReviewTerminalStatusSchema,
  guardianReviewUserAuthorizationSchema,
} from './guardian-enums.js';
import { guardianReviewedActionSchema } from './guardian-reviewed-action.js';
import { codexRuntimeMetadataSchema } from './runtime-metadata.js';
import { signedIntegerSchema, unsignedIntegerSchema } from './wire-numbers.js';
import { lazySchema } from './lazy-schema.js';

/** The guardian review fields, as the caller reports them and as they are flattened into the event. */
export const guardianReviewEventFieldsSchema = lazySchema((z) => z.strictObject({
  thread_id: z.string(),
  turn_id: z.string(),
  review_id: z.string(),
  target_item_id: z.string(),
  retry_reason: z.string().nullable(),
  approval_request_source: guardianApprovalRequestSourceSchema,
  reviewed_action: guardianReviewedActionSchema,
  reviewed_action_truncated: z.boolean(),
  decision: guardianReviewDecisionSchema,
  terminal_status: guardianReviewTerminalStatusSchema,
  failure_reason: guardianReviewFailureReasonSchema.nullable(),
  risk_level: guardianReviewRiskLevelSchema.nullable(),
  user_authorization: guardianReviewUserAuthorizationSchema.nullable(),
  outcome: guardianReviewOutcomeSchema.nullable(),
  rationale: z.string().nullable(),
  guardian_thread_id: z.string().nullable(),
  guardian_session_kind: guardianReviewSessionKindSchema.nullable(),
  guardian_model: z.string().nullable(),
  guardian_reasoning_effort: z.string().nullable(),
  had_prior_review_context: z.boolean().nullable(),
  review_timeout_ms: unsignedIntegerSchema,
  tool_call_count: unsignedIntegerSchema,
  time_to_first_token_ms: unsignedIntegerSchema.nullable(),
  completion_latency_ms: unsignedIntegerSchema.nullable(),
  started_at: unsignedIntegerSchema,
  completed_at: unsignedIntegerSchema.nullable(),
  input_tokens: signedIntegerSchema.nullable(),
  cached_input_tokens: signedIntegerSchema.nullable(),
  output_tokens: signedIntegerSchema.nullable(),
  reasoning_output_tokens: signedIntegerSchema.nullable(),
  total_tokens: signedIntegerSchema.nullable(),
}));
export type GuardianReviewEventFields = z.infer<typeof guardianReviewEventFieldsSchema>;

export const guardianReviewEventParamsSchema = lazySchema((z) => z.strictObject({
  app_server_client: codexAppServerClientMetadataSchema,
  runtime: codexRuntimeMetadataSchema,
  ...guardianReviewEventFieldsSchema.shape,
}));

/** `codex_guardian_review`: a guardian finished reviewing an action. */
export const codexGuardianReviewEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_guardian_review'),
  event_params: guardianReviewEventParamsSchema,
}));
export type CodexGuardianReviewEvent = z.infer<typeof codexGuardianReviewEventSchema>;
