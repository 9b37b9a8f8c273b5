import type { z } from 'zod';
import { codexAppServerClientMetadataSchema } from './app-server-client-metadata.js';
import { codexErrorInfoSchema } from './codex-error-info.js';
import { codexRuntimeMetadataSchema } from './runtime-metadata.js';
import {
  approvalPolicyNameSchema,
  approvalsReviewerSchema,
  collaborationModeNameSchema,
  personalityNameSchema,
  reasoningEffortSchema,
  reasoningSummaryNameSchema,
  sandboxPolicyNameSchema,
  serviceTierNameSchema,
  threadInitializationModeSchema,
  threadSourceSchema,
  turnStatusSchema,
  turnSubmissionTypeSchema,
} from './wire-enums.js';
import { signedIntegerSchema, unsignedIntegerSchema } from './wire-numbers.js';
import { lazySchema } from './lazy-schema.js';

const reservedCountSchema = lazySchema(() => unsignedIntegerSchema.nullable());

export const turnEventParamsSchema = lazySchema((z) => z.strictObject({
  thread_id: z.string(),
  turn_id: z.string(),
  submission_type: turnSubmissionTypeSchema.nullable(),
  app_server_client: codexAppServerClientMetadataSchema,
  runtime: codexRuntimeMetadataSchema,
  ephemeral: z.boolean(),
  thread_source: threadSourceSchema.nullable(),
  initialization_mode: threadInitializationModeSchema,
  subagent_source: z.string().nullable(),
  parent_thread_id: z.string().nullable(),
  model: z.string().nullable(),
  model_provider: z.string(),
  sandbox_policy: sandboxPolicyNameSchema,
  reasoning_effort: reasoningEffortSchema.nullable(),
  reasoning_summary: reasoningSummaryNameSchema.nullable(),
  service_tier: serviceTierNameSchema,
  approval_policy: approvalPolicyNameSchema,
  approvals_reviewer: approvalsReviewerSchema,
  sandbox_network_access: z.boolean(),
  collaboration_mode: collaborationModeNameSchema,
  personality: personalityNameSchema.nullable(),
  num_input_images: unsignedIntegerSchema,
  is_first_turn: z.boolean(),
  status: turnStatusSchema.nullable(),
  turn_error: codexErrorInfoSchema.nullable(),
  steer_count: unsignedIntegerSchema.nullable(),
  total_tool_call_count: reservedCountSchema,
  shell_command_count: reservedCountSchema,
  file_change_count: reservedCountSchema,
  mcp_tool_call_count: reservedCountSchema,
  dynamic_tool_call_count: reservedCountSchema,
  subagent_tool_call_count: reservedCountSchema,
  web_search_count: reservedCountSchema,
  image_generation_count: reservedCountSchema,
  input_tokens: signedIntegerSchema.nullable(),
  cached_input_tokens: signedIntegerSchema.nullable(),
  output_tokens: signedIntegerSchema.nullable(),
  reasoning_output_tokens: signedIntegerSchema.nullable(),
  total_tokens: signedIntegerSchema.nullable(),
  duration_ms: unsignedIntegerSchema.nullable(),
  started_at: unsignedIntegerSchema.nullable(),
  completed_at: unsignedIntegerSchema,
}));

/** `codex_turn_event`: one per completed turn, joined from the turn's request, config, usage and completion. */
export const codexTurnEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_turn_event'),
  event_params: turnEventParamsSchema,
}));
export type CodexTurnEvent = z.infer<typeof codexTurnEventSchema>;
