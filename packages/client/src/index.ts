export { AnalyticsEventsClient } from './analytics-events-client.js';
export { createAppServerTap } from './app-server/app-server-tap.js';
export type { AppServerTap, AppServerTapOptions, AppServerTapStats } from './app-server/app-server-tap.js';
export { classifyJsonRpcError } from './app-server/classify-json-rpc-error.js';
export { parseFactRecording, replayFactRecording, sectionReducer } from './recording/fact-recording.js';
export type { ParsedFactRecording, RecordedFact, RecordingIssue, RecordingSection, ReplayResult } from './recording/fact-recording.js';
export type { FactRecordingHeader, FactRecordingLine, RecordFactsOptions } from './recording/fact-recorder.js';
export type { AnalyticsEventsClientOptions, DeliveryOptions, FactReducer } from './client-options.js';
export { DEFAULT_CLIENT_LIMITS } from './client-limits.js';
export type { ClientLimits } from './client-limits.js';
export { silentLogger } from './client-logger.js';
export type { ClientLogger } from './client-logger.js';
export type {
  AcceptedEvent,
  ClientEventMap,
  ClientEventName,
  ClientListener,
  DrainEvent,
  DroppedEvent,
  EmittedEvent,
  FailedEvent,
  RetryEvent,
  SentEvent,
} from './client-events.js';
export type { AuthSkipReason, ClientStats, DeliveryReport, DropReason, FailReason } from './delivery/delivery-report.js';
export type { Sleep } from '@codex-analytics/transport';

// Re-exported so that most callers install only this package.
export { createAuthManager, createStaticAuthManager } from '@codex-analytics/auth';
export type { AuthManager, AuthManagerOptions, CodexAuth, CodexAuthKind, StaticAuthOptions } from '@codex-analytics/auth';
export { TRACK_EVENTS_PATH } from '@codex-analytics/events';
export type {
  AppServerRpcTransport,
  CodexRuntimeMetadata,
  TrackEventRequest,
  TrackEventsRequest,
  WireEra,
  WireEvent,
} from '@codex-analytics/events';
export { buildTrackEventsContext, pluginIdKey } from '@codex-analytics/facts';
export type {
  AnalyticsFact,
  AnalyticsJsonRpcError,
  AppInvocation,
  ClientRequest,
  ClientResponse,
  ClientResponseInput,
  CodexCompactionEvent,
  GuardianReviewEventParams,
  HookRunFact,
  InitializeParams,
  InputError,
  JSONRPCErrorError,
  PluginId,
  PluginState,
  PluginTelemetryMetadata,
  RequestId,
  ServerNotification,
  SkillInvocation,
  SubAgentThreadStartedInput,
  TrackEventsContext,
  TurnCodexErrorFact,
  TurnProfile,
  TurnProfileFact,
  TurnResolvedConfigFact,
  TurnSteerRequestError,
  TurnTokenUsageFact,
} from '@codex-analytics/facts';
export { currentRuntimeMetadata } from '@codex-analytics/reducer';
export type {
  AnalyticsReducerOptions,
  AnalyticsReducerWaiting,
  TurnWaitingFor,
  WaitingRequest,
  WaitingTurn,
} from '@codex-analytics/reducer';
export type { HttpTransportOptions, Transport, TransportRequest, TransportResult } from '@codex-analytics/transport';
