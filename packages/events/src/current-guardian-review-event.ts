import { currentAppServerClientMetadataSchema, currentRuntimeMetadataSchema } from './current-client-metadata.js';
import { optionalNullableString } from './current-wire-fields.js';
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
import {
  guardianApplyPatchActionSchema,
  guardianExecveActionSchema,
  guardianMcpToolCallActionSchema,
  guardianNetworkAccessActionSchema,
  guardianShellActionSchema,
  guardianUnifiedExecActionSchema,
} from './guardian-reviewed-action.js';
import { lazySchema } from './lazy-schema.js';
import { signedIntegerSchema, unsignedIntegerSchema } from './wire-numbers.js';

/**
 * The reviewed action, tagged by `type`: the seed's variants with their keys, loose; any other tagged object passes
 * too (today's variants include `request_permissions`), its keys then reported as drift.
 */
const currentReviewedActionSchema = lazySchema((z) => z.union([
  ...[
    guardianShellActionSchema,
    guardianUnifiedExecActionSchema,
    guardianExecveActionSchema,
    guardianApplyPatchActionSchema,
    guardianNetworkAccessActionSchema,
    guardianMcpToolCallActionSchema,
  ].map((variant) => z.looseObject(variant.shape)),
  z.looseObject({ type: z.string() }),
]));

export const currentGuardianReviewEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_guardian_review'),
  event_params: z.looseObject({
    session_id: z.string().optional(),
    app_server_client: currentAppServerClientMetadataSchema,
    runtime: currentRuntimeMetadataSchema,
    thread_id: z.string(),
    turn_id: z.string(),
    review_id: z.string(),
    target_item_id: z.string().nullable(),
    retry_reason: optionalNullableString,
    approval_request_source: guardianApprovalRequestSourceSchema,
    reviewed_action: currentReviewedActionSchema,
    reviewed_action_truncated: z.boolean(),
    decision: guardianReviewDecisionSchema,
    terminal_status: guardianReviewTerminalStatusSchema,
    failure_reason: guardianReviewFailureReasonSchema.nullable(),
    risk_level: guardianReviewRiskLevelSchema.nullable(),
    user_authorization: guardianReviewUserAuthorizationSchema.nullable(),
    outcome: guardianReviewOutcomeSchema.nullable(),
    rationale: optionalNullableString,
    guardian_thread_id: z.string().nullable(),
    guardian_session_kind: guardianReviewSessionKindSchema.nullable(),
    guardian_model: z.string().nullable(),
    guardian_reasoning_effort: z.string().nullable(),
    had_prior_review_context: z.boolean().nullable(),
    review_timeout_ms: unsignedIntegerSchema,
    tool_call_count: unsignedIntegerSchema.nullable(),
    time_to_first_token_ms: unsignedIntegerSchema.nullable(),
    completion_latency_ms: unsignedIntegerSchema.nullable(),
    started_at: unsignedIntegerSchema,
    completed_at: unsignedIntegerSchema.nullable(),
    input_tokens: signedIntegerSchema.nullable(),
    cached_input_tokens: signedIntegerSchema.nullable(),
    output_tokens: signedIntegerSchema.nullable(),
    reasoning_output_tokens: signedIntegerSchema.nullable(),
    total_tokens: signedIntegerSchema.nullable(),
  }),
}));
