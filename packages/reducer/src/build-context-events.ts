import type {
  CodexCompactionEventRequest,
  CodexGuardianReviewEvent,
  CodexTurnSteerEvent,
  GuardianReviewedAction,
  TurnSteerRejectionReason,
} from '@codex-analytics/events';
import type {
  AnalyticsJsonRpcError,
  CodexCompactionEvent,
  GuardianReviewedActionFact,
  GuardianReviewEventParams,
} from '@codex-analytics/facts';
import type { ConnectionState, ThreadMetadata } from './reducer-state.js';

// Events that need what the reducer learned about the connection and the thread.

interface TurnSteerEventInput {
  threadId: string;
  expectedTurnId: string | null;
  acceptedTurnId: string | null;
  numInputImages: number;
  rejectionReason: TurnSteerRejectionReason | null;
  createdAt: number;
  connection: ConnectionState;
  thread: ThreadMetadata;
}

export function turnSteerEvent(input: TurnSteerEventInput): CodexTurnSteerEvent {
  return {
    event_type: 'codex_turn_steer_event',
    event_params: {
      thread_id: input.threadId,
      expected_turn_id: input.expectedTurnId,
      accepted_turn_id: input.acceptedTurnId,
      app_server_client: input.connection.appServerClient,
      runtime: input.connection.runtime,
      thread_source: input.thread.thread_source,
      subagent_source: input.thread.subagent_source,
      parent_thread_id: input.thread.parent_thread_id,
      num_input_images: input.numInputImages,
      result: input.acceptedTurnId === null ? 'rejected' : 'accepted',
      rejection_reason: input.rejectionReason,
      created_at: input.createdAt,
    },
  };
}

/** The rejection reason a classified JSON-RPC error maps to. */
export function steerRejectionReason(error: AnalyticsJsonRpcError | null): TurnSteerRejectionReason | null {
  if (error === null) return null;
  if (error.kind === 'turn_steer') return error.error;
  return error.error === 'empty' ? 'empty_input' : 'input_too_large';
}

export function compactionEvent(
  event: CodexCompactionEvent,
  connection: ConnectionState,
  thread: ThreadMetadata,
): CodexCompactionEventRequest {
  return {
    event_type: 'codex_compaction_event',
    event_params: {
      thread_id: event.threadId,
      turn_id: event.turnId,
      app_server_client: connection.appServerClient,
      runtime: connection.runtime,
      thread_source: thread.thread_source,
      subagent_source: thread.subagent_source,
      parent_thread_id: thread.parent_thread_id,
      trigger: event.trigger,
      reason: event.reason,
      implementation: event.implementation,
      phase: event.phase,
      strategy: event.strategy,
      status: event.status,
      error: event.error,
      active_context_tokens_before: event.activeContextTokensBefore,
      active_context_tokens_after: event.activeContextTokensAfter,
      started_at: event.startedAt,
      completed_at: event.completedAt,
      duration_ms: event.durationMs,
    },
  };
}

/** The wire's snake_case `reviewed_action`, from the fact's camelCase one (same `type` tag, same values). */
function reviewedActionOnWire(action: GuardianReviewedActionFact): GuardianReviewedAction {
  switch (action.type) {
    case 'shell':
      return {
        type: 'shell',
        command: action.command,
        command_display: action.commandDisplay,
        cwd: action.cwd,
        sandbox_permissions: action.sandboxPermissions,
        additional_permissions: action.additionalPermissions,
        justification: action.justification,
      };
    case 'unified_exec':
      return {
        type: 'unified_exec',
        command: action.command,
        command_display: action.commandDisplay,
        cwd: action.cwd,
        sandbox_permissions: action.sandboxPermissions,
        additional_permissions: action.additionalPermissions,
        justification: action.justification,
        tty: action.tty,
      };
    case 'execve':
      return {
        type: 'execve',
        source: action.source,
        program: action.program,
        argv: action.argv,
        cwd: action.cwd,
        additional_permissions: action.additionalPermissions,
      };
    case 'apply_patch':
      return { type: 'apply_patch', cwd: action.cwd, files: action.files };
    case 'network_access':
      return { type: 'network_access', target: action.target, host: action.host, protocol: action.protocol, port: action.port };
    case 'mcp_tool_call':
      return {
        type: 'mcp_tool_call',
        server: action.server,
        tool_name: action.toolName,
        connector_id: action.connectorId,
        connector_name: action.connectorName,
        tool_title: action.toolTitle,
      };
  }
}

/** The review's fields are flattened after the connection's blocks, in the wire's order and spelling. */
export function guardianReviewEvent(review: GuardianReviewEventParams, connection: ConnectionState): CodexGuardianReviewEvent {
  return {
    event_type: 'codex_guardian_review',
    event_params: {
      app_server_client: connection.appServerClient,
      runtime: connection.runtime,
      thread_id: review.threadId,
      turn_id: review.turnId,
      review_id: review.reviewId,
      target_item_id: review.targetItemId,
      retry_reason: review.retryReason,
      approval_request_source: review.approvalRequestSource,
      reviewed_action: reviewedActionOnWire(review.reviewedAction),
      reviewed_action_truncated: review.reviewedActionTruncated,
      decision: review.decision,
      terminal_status: review.terminalStatus,
      failure_reason: review.failureReason,
      risk_level: review.riskLevel,
      user_authorization: review.userAuthorization,
      outcome: review.outcome,
      rationale: review.rationale,
      guardian_thread_id: review.guardianThreadId,
      guardian_session_kind: review.guardianSessionKind,
      guardian_model: review.guardianModel,
      guardian_reasoning_effort: review.guardianReasoningEffort,
      had_prior_review_context: review.hadPriorReviewContext,
      review_timeout_ms: review.reviewTimeoutMs,
      tool_call_count: review.toolCallCount,
      time_to_first_token_ms: review.timeToFirstTokenMs,
      completion_latency_ms: review.completionLatencyMs,
      started_at: review.startedAt,
      completed_at: review.completedAt,
      input_tokens: review.inputTokens,
      cached_input_tokens: review.cachedInputTokens,
      output_tokens: review.outputTokens,
      reasoning_output_tokens: review.reasoningOutputTokens,
      total_tokens: review.totalTokens,
    },
  };
}
