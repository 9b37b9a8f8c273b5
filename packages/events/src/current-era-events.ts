import type { z } from 'zod';
import { codexErrorInfoSchema } from './codex-error-info.js';
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
import {
  compactionImplementationSchema,
  compactionPhaseSchema,
  compactionReasonSchema,
  compactionStatusSchema,
  compactionStrategySchema,
  compactionTriggerSchema,
  invocationTypeSchema,
  threadInitializationModeSchema,
  turnStatusSchema,
  turnSteerRejectionReasonSchema,
  turnSteerResultSchema,
} from './wire-enums.js';
import { signedIntegerSchema, unsignedIntegerSchema } from './wire-numbers.js';
import { currentAppServerClientMetadataSchema, currentRuntimeMetadataSchema } from './current-client-metadata.js';
import {
  currentAcceptedLineFingerprintsEventSchema,
  currentCollabAgentToolCallEventSchema,
  currentCommandExecutionEventSchema,
  currentDynamicToolCallEventSchema,
  currentFileChangeEventSchema,
  currentImageGenerationEventSchema,
  currentMcpToolCallEventSchema,
  currentWebSearchEventSchema,
} from './current-tool-item-events.js';
import { lazySchema } from './lazy-schema.js';

// The wire format of today's Codex (the "current" era), beside the seed era's strict schemas.
// Learned from the requests Codex CLI 0.169.0 and 0.171.0 sent (tooling/conformance/recordings/) and from
// openai/codex codex-rs/analytics/src/events.rs (the revision with `codex_error_subreason`, before the
// `critical_path_*` keys). Differences from the seed era:
// - every object is loose: a key this era does not know is kept, and reported as drift by `findUnknownWireKeys`;
// - keys added since the seed are typed here, and optional (releases add and drop them);
// - seed keys upstream has since dropped are optional;
// - values upstream serializes from a Rust `String` (reasoning effort, service tier, approval policy, approvals
//   reviewer, personality, collaboration mode, sandbox policy, thread source, hook and skill names) are any string.

const optionalNullableString = lazySchema((z) => z.string().nullable().optional());
const optionalNullableUnsigned = lazySchema(() => unsignedIntegerSchema.nullable().optional());
const optionalNullableSigned = lazySchema(() => signedIntegerSchema.nullable().optional());

export { currentAppServerClientMetadataSchema, currentRuntimeMetadataSchema } from './current-client-metadata.js';

/** Where a thread came from, as today's `ThreadSource` serializes (the seed knew only `user` and `subagent`). */
const threadSourceNameSchema = lazySchema((z) => z.string().nullable());

const threadLineage = lazySchema((z) => ({
  thread_source: threadSourceNameSchema,
  subagent_source: z.string().nullable(),
  parent_thread_id: z.string().nullable(),
}));

export const currentThreadInitializedEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_thread_initialized'),
  event_params: z.looseObject({
    thread_id: z.string(),
    session_id: z.string().optional(),
    app_server_client: currentAppServerClientMetadataSchema,
    runtime: currentRuntimeMetadataSchema,
    model: z.string(),
    ephemeral: z.boolean(),
    is_worktree: z.boolean().nullable().optional(),
    ...threadLineage,
    initialization_mode: threadInitializationModeSchema,
    forked_from_thread_id: optionalNullableString,
    created_at: unsignedIntegerSchema,
  }),
}));

/** Per-phase timing of a turn's critical path (0.169.0: `critical_path_status` is `disabled` and the rest `null`). */
const criticalPath = lazySchema((z) => ({
  critical_path_status: z.string().nullable().optional(),
  critical_path_duration_ms: optionalNullableUnsigned,
  critical_path_inference_ms: optionalNullableUnsigned,
  critical_path_sampling_ms: optionalNullableUnsigned,
  critical_path_compaction_ms: optionalNullableUnsigned,
  critical_path_auto_review_ms: optionalNullableUnsigned,
  critical_path_auto_review_overhead_ms: optionalNullableUnsigned,
  critical_path_user_wait_ms: optionalNullableUnsigned,
  critical_path_tools_ms: optionalNullableUnsigned,
  critical_path_overhead_ms: optionalNullableUnsigned,
  critical_path_unknown_ms: optionalNullableUnsigned,
}));

/** Where a turn's time went between samplings. */
const samplingTimings = {
  before_first_sampling_ms: optionalNullableUnsigned,
  sampling_ms: optionalNullableUnsigned,
  compaction_ms: optionalNullableUnsigned,
  between_sampling_overhead_ms: optionalNullableUnsigned,
  tool_blocking_ms: optionalNullableUnsigned,
  after_last_sampling_ms: optionalNullableUnsigned,
  sampling_request_count: optionalNullableUnsigned,
  sampling_retry_count: optionalNullableUnsigned,
  tools_change_count: optionalNullableUnsigned,
};

export const currentTurnEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_turn_event'),
  event_params: z.looseObject({
    ...criticalPath,
    thread_id: z.string(),
    session_id: z.string().optional(),
    turn_id: z.string(),
    active_plugin_ids_at_turn_start: z.array(z.string()).nullable().optional(),
    voice_session_id: optionalNullableString,
    root_turn_id: optionalNullableString,
    turn_trigger: optionalNullableString,
    codex_turn_source: optionalNullableString,
    submission_type: z.string().nullable(),
    app_server_client: currentAppServerClientMetadataSchema,
    runtime: currentRuntimeMetadataSchema,
    ephemeral: z.boolean(),
    ...threadLineage,
    initialization_mode: threadInitializationModeSchema,
    model: z.string().nullable(),
    model_provider: z.string(),
    sandbox_policy: z.string().nullable(),
    reasoning_effort: z.string().nullable(),
    reasoning_summary: z.string().nullable(),
    service_tier: z.string().nullable(),
    approval_policy: z.string(),
    approvals_reviewer: z.string(),
    guardian_v2_enabled: z.boolean().nullable().optional(),
    multi_agent_version: optionalNullableString,
    sandbox_network_access: z.boolean(),
    collaboration_mode: z.string().nullable(),
    personality: z.string().nullable(),
    workspace_kind: optionalNullableString,
    num_input_images: unsignedIntegerSchema,
    image_preparations: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
    is_first_turn: z.boolean(),
    status: turnStatusSchema.nullable(),
    explicit_client_interrupt_requested_at_ms: optionalNullableUnsigned,
    turn_error: codexErrorInfoSchema.nullable(),
    codex_error_kind: optionalNullableString,
    codex_error_subreason: optionalNullableString,
    codex_error_http_status_code: optionalNullableUnsigned,
    usage_limit_window_minutes: optionalNullableUnsigned,
    steer_count: unsignedIntegerSchema.nullable(),
    total_tool_call_count: unsignedIntegerSchema.nullable(),
    shell_command_count: unsignedIntegerSchema.nullable(),
    file_change_count: unsignedIntegerSchema.nullable(),
    mcp_tool_call_count: unsignedIntegerSchema.nullable(),
    dynamic_tool_call_count: unsignedIntegerSchema.nullable(),
    subagent_tool_call_count: unsignedIntegerSchema.nullable(),
    web_search_count: unsignedIntegerSchema.nullable(),
    image_generation_count: unsignedIntegerSchema.nullable(),
    input_tokens: signedIntegerSchema.nullable(),
    cached_input_tokens: signedIntegerSchema.nullable(),
    cache_write_input_tokens: optionalNullableSigned,
    output_tokens: signedIntegerSchema.nullable(),
    reasoning_output_tokens: signedIntegerSchema.nullable(),
    total_tokens: signedIntegerSchema.nullable(),
    ...samplingTimings,
    duration_ms: unsignedIntegerSchema.nullable(),
    started_at: unsignedIntegerSchema.nullable(),
    completed_at: unsignedIntegerSchema.nullable(),
  }),
}));

export const currentTurnSteerEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_turn_steer_event'),
  event_params: z.looseObject({
    thread_id: z.string(),
    session_id: z.string().optional(),
    expected_turn_id: z.string().nullable(),
    accepted_turn_id: z.string().nullable(),
    app_server_client: currentAppServerClientMetadataSchema,
    runtime: currentRuntimeMetadataSchema,
    ...threadLineage,
    num_input_images: unsignedIntegerSchema,
    result: turnSteerResultSchema,
    rejection_reason: turnSteerRejectionReasonSchema.nullable(),
    created_at: unsignedIntegerSchema,
  }),
}));

export const currentCompactionEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_compaction_event'),
  event_params: z.looseObject({
    thread_id: z.string(),
    session_id: z.string().optional(),
    turn_id: z.string(),
    app_server_client: currentAppServerClientMetadataSchema,
    runtime: currentRuntimeMetadataSchema,
    ...threadLineage,
    trigger: compactionTriggerSchema,
    reason: compactionReasonSchema,
    implementation: compactionImplementationSchema,
    phase: compactionPhaseSchema,
    strategy: compactionStrategySchema,
    status: compactionStatusSchema,
    error: optionalNullableString,
    codex_error_kind: optionalNullableString,
    codex_error_http_status_code: optionalNullableUnsigned,
    active_context_tokens_before: signedIntegerSchema,
    active_context_tokens_after: signedIntegerSchema,
    retained_image_count: optionalNullableUnsigned,
    compaction_summary_tokens: optionalNullableSigned,
    cached_input_tokens: optionalNullableSigned,
    cache_write_input_tokens: optionalNullableSigned,
    started_at: unsignedIntegerSchema,
    completed_at: unsignedIntegerSchema,
    duration_ms: unsignedIntegerSchema.nullable(),
    voice_session_id: optionalNullableString,
    usage_limit_window_minutes: optionalNullableUnsigned,
  }),
}));

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

export const currentSkillInvocationEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('skill_invocation'),
  skill_id: z.string(),
  skill_name: z.string(),
  event_params: z.looseObject({
    product_client_id: z.string().nullable(),
    skill_scope: z.string().nullable(),
    plugin_id: optionalNullableString,
    repo_url: z.string().nullable(),
    thread_id: z.string().nullable(),
    turn_id: optionalNullableString,
    invoke_type: invocationTypeSchema.nullable(),
    model_slug: z.string().nullable(),
  }),
}));

const currentAppMetadataSchema = lazySchema((z) => z.looseObject({
  connector_id: z.string().nullable(),
  thread_id: z.string().nullable(),
  turn_id: z.string().nullable(),
  app_name: z.string().nullable(),
  product_client_id: z.string().nullable(),
  invoke_type: invocationTypeSchema.nullable(),
  model_slug: z.string().nullable(),
}));

export const currentAppMentionedEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_app_mentioned'), event_params: currentAppMetadataSchema }));
export const currentAppUsedEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_app_used'), event_params: currentAppMetadataSchema }));

export const currentHookRunEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_hook_run'),
  event_params: z.looseObject({
    thread_id: z.string().nullable(),
    turn_id: z.string().nullable(),
    model_slug: z.string().nullable(),
    hook_name: z.string().nullable(),
    hook_source: z.string().nullable(),
    status: z.string().nullable(),
  }),
}));

const pluginMetadataShape = lazySchema((z) => ({
  plugin_id: z.string().nullable(),
  plugin_name: z.string().nullable(),
  marketplace_name: z.string().nullable(),
  has_skills: z.boolean().nullable(),
  mcp_server_count: unsignedIntegerSchema.nullable(),
  connector_ids: z.array(z.string()).nullable(),
  product_client_id: z.string().nullable(),
}));
const currentPluginMetadataSchema = lazySchema((z) => z.looseObject(pluginMetadataShape));

export const currentPluginUsedEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_plugin_used'),
  event_params: z.looseObject({
    ...pluginMetadataShape,
    mcp_server_names: z.array(z.string()).nullable().optional(),
    thread_id: z.string().nullable(),
    turn_id: z.string().nullable(),
    model_slug: z.string().nullable(),
  }),
}));
export const currentPluginInstalledEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_plugin_installed'), event_params: currentPluginMetadataSchema }));
export const currentPluginUninstalledEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_plugin_uninstalled'), event_params: currentPluginMetadataSchema }));
export const currentPluginEnabledEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_plugin_enabled'), event_params: currentPluginMetadataSchema }));
export const currentPluginDisabledEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_plugin_disabled'), event_params: currentPluginMetadataSchema }));

/**
 * One event of today's wire format: a union discriminated by `event_type` over the 14 event types of the seed and the
 * 8 only today's Codex sends (`CURRENT_ONLY_EVENT_TYPES`), loose objects.
 */
export const currentTrackEventRequestSchema = lazySchema((z) => z.discriminatedUnion('event_type', [
  currentSkillInvocationEventSchema,
  currentThreadInitializedEventSchema,
  currentGuardianReviewEventSchema,
  currentAppMentionedEventSchema,
  currentAppUsedEventSchema,
  currentHookRunEventSchema,
  currentCompactionEventSchema,
  currentTurnEventSchema,
  currentTurnSteerEventSchema,
  currentPluginUsedEventSchema,
  currentPluginInstalledEventSchema,
  currentPluginUninstalledEventSchema,
  currentPluginEnabledEventSchema,
  currentPluginDisabledEventSchema,
  currentCommandExecutionEventSchema,
  currentFileChangeEventSchema,
  currentMcpToolCallEventSchema,
  currentDynamicToolCallEventSchema,
  currentCollabAgentToolCallEventSchema,
  currentWebSearchEventSchema,
  currentImageGenerationEventSchema,
  currentAcceptedLineFingerprintsEventSchema,
]));
export type CurrentTrackEventRequest = z.infer<typeof currentTrackEventRequestSchema>;

/** Today's request body: `{ "events": [...] }` (a key beside `events` is kept, and reported as drift). */
export const currentTrackEventsRequestSchema = lazySchema((z) => z.looseObject({
  events: z.array(currentTrackEventRequestSchema),
}));
export type CurrentTrackEventsRequest = z.infer<typeof currentTrackEventsRequestSchema>;
