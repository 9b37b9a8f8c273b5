import type {
  CodexCompactionEventRequest,
  CodexGuardianReviewEvent,
  CodexTurnSteerEvent,
  TurnSteerRejectionReason,
} from '@codex-analytics/events';
import type { AnalyticsJsonRpcError, CodexCompactionEvent, GuardianReviewEventParams } from '@codex-analytics/facts';
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

/** The review's fields are flattened after the connection's blocks, in the wire's order. */
export function guardianReviewEvent(review: GuardianReviewEventParams, connection: ConnectionState): CodexGuardianReviewEvent {
  return {
    event_type: 'codex_guardian_review',
    event_params: {
      app_server_client: connection.appServerClient,
      runtime: connection.runtime,
      thread_id: review.thread_id,
      turn_id: review.turn_id,
      review_id: review.review_id,
      target_item_id: review.target_item_id,
      retry_reason: review.retry_reason,
      approval_request_source: review.approval_request_source,
      reviewed_action: review.reviewed_action,
      reviewed_action_truncated: review.reviewed_action_truncated,
      decision: review.decision,
      terminal_status: review.terminal_status,
      failure_reason: review.failure_reason,
      risk_level: review.risk_level,
      user_authorization: review.user_authorization,
      outcome: review.outcome,
      rationale: review.rationale,
      guardian_thread_id: review.guardian_thread_id,
      guardian_session_kind: review.guardian_session_kind,
      guardian_model: review.guardian_model,
      guardian_reasoning_effort: review.guardian_reasoning_effort,
      had_prior_review_context: review.had_prior_review_context,
      review_timeout_ms: review.review_timeout_ms,
      tool_call_count: review.tool_call_count,
      time_to_first_token_ms: review.time_to_first_token_ms,
      completion_latency_ms: review.completion_latency_ms,
      started_at: review.started_at,
      completed_at: review.completed_at,
      input_tokens: review.input_tokens,
      cached_input_tokens: review.cached_input_tokens,
      output_tokens: review.output_tokens,
      reasoning_output_tokens: review.reasoning_output_tokens,
      total_tokens: review.total_tokens,
    },
  };
}
