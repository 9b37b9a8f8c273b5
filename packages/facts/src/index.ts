export { FACT_TYPES } from './fact-types.js';
export type { FactType } from './fact-types.js';

export { analyticsFactSchema } from './analytics-fact.js';
export type { AnalyticsFact, AnalyticsFactOfType } from './analytics-fact.js';
export { describeFactError, formatIssuePath, safeParseFact } from './safe-parse-fact.js';
export type { FactIssue, SafeParseFactResult } from './safe-parse-fact.js';

// The tagged facts.
export {
  clientRequestFactSchema,
  clientResponseFactSchema,
  errorResponseFactSchema,
  initializeFactSchema,
  notificationFactSchema,
} from './protocol-facts.js';
export type {
  ClientRequestFact,
  ClientResponseFact,
  ClientResponseFactInput,
  ErrorResponseFact,
  InitializeFact,
  NotificationFact,
} from './protocol-facts.js';
export {
  appMentionedFactSchema,
  appUsedFactSchema,
  compactionFactSchema,
  guardianReviewFactSchema,
  hookRunAnalyticsFactSchema,
  pluginStateChangedFactSchema,
  pluginUsedFactSchema,
  skillInvokedFactSchema,
  subagentThreadStartedFactSchema,
  turnCodexErrorAnalyticsFactSchema,
  turnProfileAnalyticsFactSchema,
  turnResolvedConfigAnalyticsFactSchema,
  turnTokenUsageAnalyticsFactSchema,
} from './custom-facts.js';
export type {
  AppMentionedFact,
  AppUsedFact,
  CompactionFact,
  GuardianReviewFact,
  HookRunAnalyticsFact,
  PluginStateChangedFact,
  PluginUsedFact,
  SkillInvokedFact,
  SubagentThreadStartedFact,
  TurnCodexErrorAnalyticsFact,
  TurnProfileAnalyticsFact,
  TurnResolvedConfigAnalyticsFact,
  TurnTokenUsageAnalyticsFact,
} from './custom-facts.js';

// Custom fact payloads (upstream names).
export { buildTrackEventsContext, trackEventsContextSchema } from './track-events-context.js';
export type { TrackEventsContext } from './track-events-context.js';
export { skillInvocationSchema } from './skill-invocation.js';
export type { SkillInvocation } from './skill-invocation.js';
export { appInvocationSchema } from './app-invocation.js';
export type { AppInvocation } from './app-invocation.js';
export { hookRunFactSchema, hookRunFactStatusSchema } from './hook-run-fact.js';
export type { HookRunFact, HookRunFactStatus } from './hook-run-fact.js';
export {
  pluginCapabilitySummarySchema,
  pluginIdSchema,
  pluginIdSegmentSchema,
  pluginStateSchema,
  pluginTelemetryMetadataSchema,
} from './plugin-telemetry-metadata.js';
export type { PluginCapabilitySummary, PluginId, PluginState, PluginTelemetryMetadata } from './plugin-telemetry-metadata.js';
export { parsePluginIdKey, pluginIdKey } from './plugin-id-key.js';
export { codexCompactionEventFactSchema } from './codex-compaction-event.js';
export type { CodexCompactionEvent } from './codex-compaction-event.js';
export { guardianReviewEventParamsFactSchema } from './guardian-review-event-params.js';
export type { GuardianReviewEventParams } from './guardian-review-event-params.js';
export {
  guardianApplyPatchActionFactSchema,
  guardianExecveActionFactSchema,
  guardianMcpToolCallActionFactSchema,
  guardianNetworkAccessActionFactSchema,
  guardianReviewedActionFactSchema,
  guardianShellActionFactSchema,
  guardianUnifiedExecActionFactSchema,
} from './guardian-reviewed-action.js';
export type { GuardianReviewedActionFact } from './guardian-reviewed-action.js';
export { subAgentThreadStartedInputSchema } from './subagent-thread-started-input.js';
export type { SubAgentThreadStartedInput } from './subagent-thread-started-input.js';
export { turnResolvedConfigFactSchema } from './turn-resolved-config-fact.js';
export type { TurnResolvedConfigFact } from './turn-resolved-config-fact.js';
export { turnTokenUsageFactSchema } from './turn-token-usage-fact.js';
export type { TurnTokenUsageFact } from './turn-token-usage-fact.js';
export { turnProfileFactSchema, turnProfileSchema } from './turn-profile-fact.js';
export type { TurnProfile, TurnProfileFact } from './turn-profile-fact.js';
export { turnCodexErrorFactSchema } from './turn-codex-error-fact.js';
export type { TurnCodexErrorFact } from './turn-codex-error-fact.js';
export { analyticsJsonRpcErrorSchema, jsonRpcErrorErrorSchema } from './json-rpc-error.js';
export type { AnalyticsJsonRpcError, InputError, JSONRPCErrorError, TurnSteerRequestError } from './json-rpc-error.js';

// The app-server protocol subset the reducer reads (v2 TypeScript bindings spelling).
export { requestIdSchema } from './request-id.js';
export type { RequestId } from './request-id.js';
export { clientInfoSchema, initializeCapabilitiesSchema, initializeParamsSchema } from './initialize-params.js';
export type { ClientInfo, InitializeCapabilities, InitializeParams } from './initialize-params.js';
export { userInputSchema } from './user-input.js';
export type { UserInput } from './user-input.js';
export { turnStartParamsSchema } from './turn-start-params.js';
export type { TurnStartParams } from './turn-start-params.js';
export { turnSteerParamsSchema } from './turn-steer-params.js';
export type { TurnSteerParams } from './turn-steer-params.js';
export {
  clientRequestSchema,
  otherClientRequestSchema,
  turnStartClientRequestSchema,
  turnSteerClientRequestSchema,
} from './client-request.js';
export type {
  ClientRequest,
  OtherClientRequest,
  TurnStartClientRequest,
  TurnSteerClientRequest,
} from './client-request.js';
export { threadSchema } from './thread.js';
export type { Thread } from './thread.js';
export { threadForkResponseSchema, threadResumeResponseSchema, threadStartResponseSchema } from './thread-responses.js';
export type { ThreadForkResponse, ThreadResumeResponse, ThreadStartResponse } from './thread-responses.js';
export { protocolTurnStatusSchema, turnErrorSchema, turnSchema } from './turn.js';
export type { ProtocolTurnStatus, Turn, TurnError } from './turn.js';
export { turnStartResponseSchema, turnSteerResponseSchema } from './turn-responses.js';
export type { TurnStartResponse, TurnSteerResponse } from './turn-responses.js';
export {
  clientResponseSchema,
  otherClientResponseSchema,
  threadForkClientResponseSchema,
  threadResumeClientResponseSchema,
  threadStartClientResponseSchema,
  turnStartClientResponseSchema,
  turnSteerClientResponseSchema,
} from './client-response.js';
export type {
  ClientResponse,
  ClientResponseInput,
  OtherClientResponse,
  ThreadClientResponse,
  ThreadForkClientResponse,
  ThreadResumeClientResponse,
  ThreadStartClientResponse,
  TurnStartClientResponse,
  TurnSteerClientResponse,
} from './client-response.js';
export { turnCompletedNotificationSchema, turnStartedNotificationSchema } from './turn-notifications.js';
export type { TurnCompletedNotification, TurnStartedNotification } from './turn-notifications.js';
export {
  otherServerNotificationSchema,
  serverNotificationSchema,
  turnCompletedServerNotificationSchema,
  turnStartedServerNotificationSchema,
} from './server-notification.js';
export type {
  OtherServerNotification,
  ServerNotification,
  TurnCompletedServerNotification,
  TurnStartedServerNotification,
} from './server-notification.js';
export {
  isThreadClientResponse,
  isTurnCompletedServerNotification,
  isTurnStartClientRequest,
  isTurnStartClientResponse,
  isTurnStartedServerNotification,
  isTurnSteerClientRequest,
  isTurnSteerClientResponse,
} from './method-guards.js';
export { sessionSourceSchema } from './session-source.js';
export type { SessionSource } from './session-source.js';
export { subAgentSourceSchema } from './subagent-source.js';
export type { SubAgentSource } from './subagent-source.js';
export { sandboxPolicySchema } from './sandbox-policy.js';
export type { SandboxPolicy } from './sandbox-policy.js';
export { askForApprovalSchema } from './ask-for-approval.js';
export type { AskForApproval } from './ask-for-approval.js';
export {
  modeKindSchema,
  personalitySchema,
  protocolApprovalsReviewerSchema,
  protocolReasoningEffortSchema,
  reasoningSummarySchema,
  serviceTierSchema,
} from './model-settings.js';
export type { ModeKind, Personality, ProtocolApprovalsReviewer, ProtocolReasoningEffort, ReasoningSummary, ServiceTier } from './model-settings.js';
export { tokenUsageSchema } from './token-usage.js';
export type { TokenUsage } from './token-usage.js';
