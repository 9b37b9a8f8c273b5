import type { z } from 'zod';
import { currentAppServerClientMetadataSchema, currentRuntimeMetadataSchema } from './current-client-metadata.js';
import { lazySchema } from './lazy-schema.js';
import type { ZodNamespace } from './load-zod.js';
import { signedIntegerSchema, unsignedIntegerSchema } from './wire-numbers.js';

// Today's per-item events: one event per tool call an app-server turn ran (a command, a file change, an MCP or a
// dynamic tool call, a sub-agent call, a web search, an image generation), and the accepted-lines summary of a file
// change. Learned from the requests Codex CLI 0.171.0 sent (tooling/conformance/recordings/codex-0.171.0: the
// exec-command and file-change scenarios) and from openai/codex codex-rs/analytics/src/events.rs
// (`CodexToolItemEventBase` and the `Codex*EventParams` that flatten it). As the rest of the current era: loose
// objects, keys newer than the recordings optional, and values upstream serializes from an enum typed as strings,
// so that a release adding a variant is drift, not a refusal. The known values are documented beside each key.

/** The event types only today's wire format has: none of them existed at the seed. */
export const CURRENT_ONLY_EVENT_TYPES = [
  'codex_command_execution_event',
  'codex_file_change_event',
  'codex_mcp_tool_call_event',
  'codex_dynamic_tool_call_event',
  'codex_collab_agent_tool_call_event',
  'codex_web_search_event',
  'codex_image_generation_event',
  'codex_accepted_line_fingerprints',
] as const;
export type CurrentOnlyEventType = (typeof CURRENT_ONLY_EVENT_TYPES)[number];

const optionalNullableString = lazySchema((z) => z.string().nullable().optional());
const optionalNullableUnsigned = lazySchema(() => unsignedIntegerSchema.nullable().optional());

/**
 * The keys every tool item event carries (upstream `CodexToolItemEventBase`): where it ran, which item and model
 * responses it belongs to, how long it took, its reviews and how it ended.
 */
const toolItemBase = lazySchema((z) => ({
  thread_id: z.string(),
  session_id: z.string().optional(),
  turn_id: z.string(),
  root_turn_id: optionalNullableString,
  /** The app-server `ThreadItem.id`: for a tool call, the model's `call_id`. */
  item_id: z.string(),
  cell_id: optionalNullableString,
  parent_call_id: optionalNullableString,
  originating_response_id: optionalNullableString,
  subsequent_response_id: optionalNullableString,
  app_server_client: currentAppServerClientMetadataSchema,
  runtime: currentRuntimeMetadataSchema,
  thread_source: z.string().nullable(),
  subagent_source: z.string().nullable(),
  parent_thread_id: z.string().nullable(),
  /** `unified_exec`, `shell`, `apply_patch`, an MCP or dynamic tool's name, ... */
  tool_name: z.string(),
  /** `model_tool_call` (0.171.0), ... */
  tool_event_type: optionalNullableString,
  started_at_ms: unsignedIntegerSchema,
  completed_at_ms: unsignedIntegerSchema,
  duration_ms: optionalNullableUnsigned,
  execution_duration_ms: optionalNullableUnsigned,
  review_count: unsignedIntegerSchema,
  guardian_review_count: unsignedIntegerSchema,
  user_review_count: unsignedIntegerSchema,
  /** `unknown`, `not_needed`, `config_allowed`, `policy_forbidden`, `guardian_approved|denied|aborted`, `user_approved`, `user_approved_for_session`, `user_denied`, `user_aborted`. */
  final_approval_outcome: z.string(),
  /** `completed`, `failed`, `rejected`, `interrupted`. */
  terminal_status: z.string(),
  /** `tool_error`, `approval_denied`, `approval_aborted`, `sandbox_denied`, `policy_forbidden`, or null. */
  failure_kind: z.string().nullable(),
  requested_additional_permissions: z.boolean(),
  requested_network_access: z.boolean(),
}));

function toolItemEvent<T extends string, S extends Record<string, z.ZodType>>(z: ZodNamespace, eventType: T, shape: S) {
  return z.looseObject({ event_type: z.literal(eventType), event_params: z.looseObject({ ...toolItemBase, ...shape }) });
}

export const currentCommandExecutionEventSchema = lazySchema((z) =>
  toolItemEvent(z, 'codex_command_execution_event', {
    model_slug: optionalNullableString,
    reasoning_effort: optionalNullableString,
    /** `none` when commands run unsandboxed, otherwise the sandbox's name. */
    sandbox_backend: optionalNullableString,
    plugin_id: optionalNullableString,
    script_path: optionalNullableString,
    /** The item's `source`: `agent`, `userShell`, `unifiedExecStartup`, `unifiedExecInteraction`. */
    command_execution_source: z.string(),
    exit_code: signedIntegerSchema.nullable(),
    command_total_action_count: unsignedIntegerSchema,
    command_read_action_count: unsignedIntegerSchema,
    command_list_files_action_count: unsignedIntegerSchema,
    command_search_action_count: unsignedIntegerSchema,
    command_unknown_action_count: unsignedIntegerSchema,
  }),
);

export const currentFileChangeEventSchema = lazySchema((z) =>
  toolItemEvent(z, 'codex_file_change_event', {
    file_change_count: unsignedIntegerSchema,
    file_add_count: unsignedIntegerSchema,
    file_update_count: unsignedIntegerSchema,
    file_delete_count: unsignedIntegerSchema,
    file_move_count: unsignedIntegerSchema,
  }),
);

export const currentMcpToolCallEventSchema = lazySchema((z) =>
  toolItemEvent(z, 'codex_mcp_tool_call_event', {
    mcp_server_name: z.string(),
    mcp_tool_name: z.string(),
    mcp_error_present: z.boolean(),
    plugin_id: optionalNullableString,
    connector_id: optionalNullableString,
  }),
);

export const currentDynamicToolCallEventSchema = lazySchema((z) =>
  toolItemEvent(z, 'codex_dynamic_tool_call_event', {
    dynamic_tool_name: z.string(),
    success: z.boolean().nullable(),
    output_content_item_count: optionalNullableUnsigned,
    output_text_item_count: optionalNullableUnsigned,
    output_image_item_count: optionalNullableUnsigned,
    output_audio_item_count: optionalNullableUnsigned,
  }),
);

export const currentCollabAgentToolCallEventSchema = lazySchema((z) =>
  toolItemEvent(z, 'codex_collab_agent_tool_call_event', {
    sender_thread_id: z.string(),
    receiver_thread_count: unsignedIntegerSchema,
    receiver_thread_ids: z.array(z.string()).nullable().optional(),
    requested_model: optionalNullableString,
    requested_reasoning_effort: optionalNullableString,
    agent_state_count: optionalNullableUnsigned,
    completed_agent_count: optionalNullableUnsigned,
    failed_agent_count: optionalNullableUnsigned,
  }),
);

export const currentWebSearchEventSchema = lazySchema((z) =>
  toolItemEvent(z, 'codex_web_search_event', {
    /** `search`, `open_page`, `find_in_page`, `other`, or null. */
    web_search_action: optionalNullableString,
    query_present: z.boolean(),
    query_count: optionalNullableUnsigned,
  }),
);

export const currentImageGenerationEventSchema = lazySchema((z) =>
  toolItemEvent(z, 'codex_image_generation_event', {
    revised_prompt_present: z.boolean(),
    saved_path_present: z.boolean(),
    transparent_background: z.boolean().nullable().optional(),
    imagegen_request_id: optionalNullableString,
  }),
);

/**
 * Lines of a turn's file changes the user kept. Its params repeat the type, dotted (`codex.accepted_line_fingerprints`);
 * the fingerprints are opaque.
 */
export const currentAcceptedLineFingerprintsEventSchema = lazySchema((z) =>
  z.looseObject({
    event_type: z.literal('codex_accepted_line_fingerprints'),
    event_params: z.looseObject({
      event_type: z.string(),
      turn_id: z.string(),
      thread_id: z.string(),
      product_surface: z.string(),
      model_slug: z.string().nullable(),
      completed_at: unsignedIntegerSchema,
      repo_hash: z.string().nullable(),
      accepted_added_lines: unsignedIntegerSchema,
      accepted_deleted_lines: unsignedIntegerSchema,
      line_fingerprints: z.array(z.unknown()),
    }),
  }),
);
