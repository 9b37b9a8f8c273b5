// Builders of valid facts for the reducer's tests. Each returns a plain JSON fact as a caller would record it;
// `ingestAll` checks every fact against the facts schema first, so a builder that drifts from it fails loudly.
import { trackEventRequestSchema } from '@codex-analytics/events';
import type { CodexRuntimeMetadata, TrackEventRequest } from '@codex-analytics/events';
import { analyticsFactSchema } from '@codex-analytics/facts';
import type {
  AnalyticsFact,
  AnalyticsJsonRpcError,
  CodexCompactionEvent,
  GuardianReviewEventParams,
  PluginTelemetryMetadata,
  RequestId,
  SessionSource,
  SubAgentThreadStartedInput,
  TrackEventsContext,
  TurnResolvedConfigFact,
} from '@codex-analytics/facts';
import type { AnalyticsReducer } from '../analytics-reducer.js';
import { exampleFacts } from '@codex-analytics/facts/testing';

export const RUNTIME: CodexRuntimeMetadata = {
  codex_rs_version: '0.99.0',
  runtime_os: 'macos',
  runtime_os_version: '15.3.1',
  runtime_arch: 'aarch64',
};

export const TRACKING: TrackEventsContext = { modelSlug: 'gpt-5', threadId: 'thread-1', turnId: 'turn-1' };

export function initialize(
  connectionId: number,
  options: { transport?: 'stdio' | 'websocket' | 'in_process'; experimental?: boolean | null; productClientId?: string } = {},
): AnalyticsFact {
  const experimental = options.experimental === undefined ? false : options.experimental;
  return {
    type: 'initialize',
    connectionId,
    params: {
      clientInfo: { name: 'codex-vscode', title: 'Codex', version: '1.2.3' },
      capabilities: experimental === null ? null : { experimentalApi: experimental },
    },
    productClientId: options.productClientId ?? 'codex_vscode',
    runtime: RUNTIME,
    rpcTransport: options.transport ?? 'websocket',
  };
}

export function threadResponse(
  connectionId: number,
  threadId: string,
  options: { method?: 'thread/start' | 'thread/resume' | 'thread/fork'; source?: SessionSource; createdAt?: number; requestId?: RequestId } = {},
): AnalyticsFact {
  return {
    type: 'client_response',
    connectionId,
    response: {
      method: options.method ?? 'thread/start',
      requestId: options.requestId ?? 100,
      response: {
        thread: {
          id: threadId,
          preview: '',
          ephemeral: false,
          modelProvider: 'openai',
          createdAt: options.createdAt ?? 1_716_000_000,
          updatedAt: 1_716_000_000,
          source: options.source ?? 'vscode',
          turns: [],
        },
        model: 'gpt-5',
        modelProvider: 'openai',
      },
    },
  };
}

export function turnStartRequest(connectionId: number, requestId: RequestId, threadId: string, images = 0): AnalyticsFact {
  const input = [{ type: 'text', text: 'hello', text_elements: [] }];
  for (let index = 0; index < images; index += 1) input.push({ type: index % 2 === 0 ? 'image' : 'localImage', text: '', text_elements: [] });
  return { type: 'client_request', connectionId, requestId, request: { method: 'turn/start', id: requestId, params: { threadId, input } } };
}

export function turnSteerRequest(
  connectionId: number,
  requestId: RequestId,
  threadId: string,
  expectedTurnId: string,
  images = 0,
): AnalyticsFact {
  const input: Array<Record<string, unknown>> = [{ type: 'text', text: 'steer', text_elements: [] }];
  for (let index = 0; index < images; index += 1) input.push({ type: 'image', url: 'https://example.com/a.png' });
  return {
    type: 'client_request',
    connectionId,
    requestId,
    request: { method: 'turn/steer', id: requestId, params: { threadId, expectedTurnId, input } },
  };
}

function protocolTurn(turnId: string, overrides: Record<string, unknown> = {}) {
  return { id: turnId, items: [], status: 'inProgress', error: null, startedAt: null, completedAt: null, durationMs: null, ...overrides };
}

export function turnStartResponse(connectionId: number, requestId: RequestId, turnId: string): AnalyticsFact {
  return {
    type: 'client_response',
    connectionId,
    response: { method: 'turn/start', requestId, response: { turn: protocolTurn(turnId) } },
  };
}

export function turnSteerResponse(connectionId: number, requestId: RequestId, turnId: string): AnalyticsFact {
  return { type: 'client_response', connectionId, response: { method: 'turn/steer', requestId, response: { turnId } } };
}

export function errorResponse(connectionId: number, requestId: RequestId, errorType: AnalyticsJsonRpcError | null): AnalyticsFact {
  return { type: 'error_response', connectionId, requestId, error: { code: -32600, message: 'rejected' }, errorType };
}

export function turnStarted(turnId: string, startedAt: number | null = 1_716_000_010): AnalyticsFact {
  return {
    type: 'notification',
    notification: { method: 'turn/started', params: { threadId: 'thread-1', turn: protocolTurn(turnId, { startedAt }) } },
  };
}

export function turnCompleted(
  turnId: string,
  overrides: { status?: string; error?: unknown; completedAt?: number | null; durationMs?: number | null } = {},
): AnalyticsFact {
  return {
    type: 'notification',
    notification: {
      method: 'turn/completed',
      params: {
        threadId: 'thread-1',
        turn: protocolTurn(turnId, {
          status: overrides.status ?? 'completed',
          error: overrides.error ?? null,
          startedAt: 1_716_000_010,
          completedAt: overrides.completedAt === undefined ? 1_716_000_025 : overrides.completedAt,
          durationMs: overrides.durationMs === undefined ? 15_400 : overrides.durationMs,
        }),
      },
    },
  };
}

export function resolvedConfig(turnId: string, threadId: string, overrides: Partial<TurnResolvedConfigFact> = {}): AnalyticsFact {
  return {
    type: 'turn_resolved_config',
    config: {
      turnId,
      threadId,
      numInputImages: 1,
      submissionType: null,
      ephemeral: false,
      sessionSource: 'vscode',
      model: 'gpt-5',
      modelProvider: 'openai',
      sandboxPolicy: { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false },
      reasoningEffort: 'high',
      reasoningSummary: 'auto',
      serviceTier: 'flex',
      approvalPolicy: 'on-request',
      approvalsReviewer: 'user',
      sandboxNetworkAccess: false,
      collaborationMode: 'default',
      personality: 'pragmatic',
      isFirstTurn: true,
      ...overrides,
    },
  };
}

export function tokenUsage(turnId: string, threadId: string): AnalyticsFact {
  return {
    type: 'turn_token_usage',
    usage: {
      turnId,
      threadId,
      tokenUsage: { inputTokens: 12_000, cachedInputTokens: 8_000, outputTokens: 900, reasoningOutputTokens: 300, totalTokens: 12_900 },
    },
  };
}

export function compaction(threadId: string, overrides: Partial<CodexCompactionEvent> = {}): AnalyticsFact {
  return {
    type: 'compaction',
    // The facts package's example compaction (the one the events package's example event is built from).
    event: { ...exampleFacts.compaction.event, threadId, ...overrides },
  };
}

export const GUARDIAN_REVIEW: GuardianReviewEventParams = {
  threadId: 'thread-1',
  turnId: 'turn-1',
  reviewId: 'review-1',
  targetItemId: 'item-1',
  retryReason: null,
  approvalRequestSource: 'main_turn',
  reviewedAction: {
    type: 'network_access',
    target: 'https://example.com:443',
    host: 'example.com',
    protocol: 'https',
    port: 443,
  },
  reviewedActionTruncated: false,
  decision: 'denied',
  terminalStatus: 'denied',
  failureReason: null,
  riskLevel: 'high',
  userAuthorization: 'low',
  outcome: 'deny',
  rationale: 'Unexpected network access.',
  guardianThreadId: 'guardian-1',
  guardianSessionKind: 'trunk_reused',
  guardianModel: 'gpt-5-mini',
  guardianReasoningEffort: 'low',
  hadPriorReviewContext: true,
  reviewTimeoutMs: 30_000,
  toolCallCount: 2,
  timeToFirstTokenMs: null,
  completionLatencyMs: 2_500,
  startedAt: 1_716_000_300,
  completedAt: null,
  inputTokens: 900,
  cachedInputTokens: null,
  outputTokens: 50,
  reasoningOutputTokens: null,
  totalTokens: 950,
};

/** `GUARDIAN_REVIEW` as the wire spells it, in the wire's order. */
export const GUARDIAN_REVIEW_WIRE = {
  thread_id: 'thread-1',
  turn_id: 'turn-1',
  review_id: 'review-1',
  target_item_id: 'item-1',
  retry_reason: null,
  approval_request_source: 'main_turn',
  reviewed_action: {
    type: 'network_access',
    target: 'https://example.com:443',
    host: 'example.com',
    protocol: 'https',
    port: 443,
  },
  reviewed_action_truncated: false,
  decision: 'denied',
  terminal_status: 'denied',
  failure_reason: null,
  risk_level: 'high',
  user_authorization: 'low',
  outcome: 'deny',
  rationale: 'Unexpected network access.',
  guardian_thread_id: 'guardian-1',
  guardian_session_kind: 'trunk_reused',
  guardian_model: 'gpt-5-mini',
  guardian_reasoning_effort: 'low',
  had_prior_review_context: true,
  review_timeout_ms: 30_000,
  tool_call_count: 2,
  time_to_first_token_ms: null,
  completion_latency_ms: 2_500,
  started_at: 1_716_000_300,
  completed_at: null,
  input_tokens: 900,
  cached_input_tokens: null,
  output_tokens: 50,
  reasoning_output_tokens: null,
  total_tokens: 950,
};

export function guardianReview(overrides: Partial<GuardianReviewEventParams> = {}): AnalyticsFact {
  return { type: 'guardian_review', review: { ...GUARDIAN_REVIEW, ...overrides } };
}

export function subagentThreadStarted(overrides: Partial<SubAgentThreadStartedInput> = {}): AnalyticsFact {
  return {
    type: 'subagent_thread_started',
    input: {
      threadId: 'sub-thread-1',
      parentThreadId: null,
      productClientId: 'codex_cli_rs',
      clientName: 'codex-tui',
      clientVersion: '0.99.0',
      model: 'gpt-5',
      ephemeral: true,
      subagentSource: 'review',
      createdAt: 1_716_000_400,
      ...overrides,
    },
  };
}

export const SAMPLE_PLUGIN: PluginTelemetryMetadata = {
  pluginId: { pluginName: 'sample', marketplaceName: 'test' },
  capabilitySummary: {
    configName: 'sample',
    displayName: 'Sample',
    description: null,
    hasSkills: true,
    mcpServerNames: ['docs', 'search'],
    appConnectorIds: ['calendar', 'drive'],
  },
};

/** Validates each fact against the facts schema, ingests them in order, validates and returns every event. */
export async function ingestAll(reducer: AnalyticsReducer<'seed'>, facts: readonly AnalyticsFact[]): Promise<TrackEventRequest[]> {
  const events: TrackEventRequest[] = [];
  for (const fact of facts) {
    const parsed = analyticsFactSchema.parse(fact);
    for (const event of await reducer.ingest(parsed)) {
      trackEventRequestSchema.parse(event);
      events.push(event);
    }
  }
  return events;
}
