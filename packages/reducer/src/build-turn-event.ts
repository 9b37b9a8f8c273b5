import type { CodexTurnEvent } from '@codex-analytics/events';
import type { TokenUsage, TurnResolvedConfigFact } from '@codex-analytics/facts';
import type { ConnectionState, ThreadMetadata, TurnCompletion } from './reducer-state.js';
import {
  approvalPolicyName,
  approvalsReviewerName,
  collaborationModeName,
  personalityName,
  reasoningEffortName,
  reasoningSummaryName,
  sandboxPolicyName,
  serviceTierName,
} from './turn-config-names.js';

export interface TurnEventInput {
  turnId: string;
  threadId: string;
  numInputImages: number;
  config: TurnResolvedConfigFact;
  completed: TurnCompletion;
  startedAt: number | null;
  tokenUsage: TokenUsage | undefined;
  steerCount: number;
  connection: ConnectionState;
  thread: ThreadMetadata;
}

/** `codex_turn_event`: all 42 parameters, in the wire's order; the tool-call counts are reserved (null). */
export function turnEvent(input: TurnEventInput): CodexTurnEvent {
  const { config, completed, tokenUsage } = input;
  return {
    event_type: 'codex_turn_event',
    event_params: {
      thread_id: input.threadId,
      turn_id: input.turnId,
      submission_type: config.submissionType,
      app_server_client: input.connection.appServerClient,
      runtime: input.connection.runtime,
      ephemeral: config.ephemeral,
      thread_source: input.thread.thread_source,
      initialization_mode: input.thread.initializationMode,
      subagent_source: input.thread.subagent_source,
      parent_thread_id: input.thread.parent_thread_id,
      model: config.model,
      model_provider: config.modelProvider,
      sandbox_policy: sandboxPolicyName(config.sandboxPolicy),
      reasoning_effort: reasoningEffortName(config.reasoningEffort),
      reasoning_summary: reasoningSummaryName(config.reasoningSummary),
      service_tier: serviceTierName(config.serviceTier),
      approval_policy: approvalPolicyName(config.approvalPolicy),
      approvals_reviewer: approvalsReviewerName(config.approvalsReviewer),
      sandbox_network_access: config.sandboxNetworkAccess,
      collaboration_mode: collaborationModeName(config.collaborationMode),
      personality: personalityName(config.personality),
      num_input_images: input.numInputImages,
      is_first_turn: config.isFirstTurn,
      status: completed.status,
      turn_error: completed.turnError,
      steer_count: input.steerCount,
      total_tool_call_count: null,
      shell_command_count: null,
      file_change_count: null,
      mcp_tool_call_count: null,
      dynamic_tool_call_count: null,
      subagent_tool_call_count: null,
      web_search_count: null,
      image_generation_count: null,
      input_tokens: tokenUsage?.inputTokens ?? null,
      cached_input_tokens: tokenUsage?.cachedInputTokens ?? null,
      output_tokens: tokenUsage?.outputTokens ?? null,
      reasoning_output_tokens: tokenUsage?.reasoningOutputTokens ?? null,
      total_tokens: tokenUsage?.totalTokens ?? null,
      duration_ms: completed.durationMs,
      started_at: input.startedAt,
      completed_at: completed.completedAt,
    },
  };
}
