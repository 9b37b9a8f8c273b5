export { EVENT_TYPES } from './event-types.js';
export type { EventType } from './event-types.js';
export { TRACK_EVENTS_PATH } from './track-events-path.js';
export { lazySchema, resolveSchema } from './lazy-schema.js';
export { canLoadZodSync, loadZod, loadZodAsync } from './load-zod.js';
export type { ZodNamespace } from './load-zod.js';

export { trackEventRequestSchema, trackEventsRequestSchema } from './track-event-request.js';
export type { TrackEventRequest, TrackEventsRequest } from './track-event-request.js';

export { codexAppServerClientMetadataSchema } from './app-server-client-metadata.js';
export type { CodexAppServerClientMetadata } from './app-server-client-metadata.js';
export { codexRuntimeMetadataSchema } from './runtime-metadata.js';
export type { CodexRuntimeMetadata } from './runtime-metadata.js';
export { codexErrorInfoSchema } from './codex-error-info.js';
export type { CodexErrorInfo } from './codex-error-info.js';

export { skillInvocationEventParamsSchema, skillInvocationEventSchema } from './skill-invocation-event.js';
export type { SkillInvocationEvent } from './skill-invocation-event.js';
export { codexThreadInitializedEventSchema, threadInitializedEventParamsSchema } from './thread-initialized-event.js';
export type { CodexThreadInitializedEvent } from './thread-initialized-event.js';
export {
  codexGuardianReviewEventSchema,
  guardianReviewEventFieldsSchema,
  guardianReviewEventParamsSchema,
} from './guardian-review-event.js';
export type { CodexGuardianReviewEvent, GuardianReviewEventFields } from './guardian-review-event.js';
export {
  guardianApplyPatchActionSchema,
  guardianExecveActionSchema,
  guardianMcpToolCallActionSchema,
  guardianNetworkAccessActionSchema,
  guardianReviewedActionSchema,
  guardianShellActionSchema,
  guardianUnifiedExecActionSchema,
} from './guardian-reviewed-action.js';
export type { GuardianReviewedAction } from './guardian-reviewed-action.js';
export { codexAppMentionedEventSchema, codexAppMetadataSchema, codexAppUsedEventSchema } from './app-events.js';
export type { CodexAppMentionedEvent, CodexAppMetadata, CodexAppUsedEvent } from './app-events.js';
export { codexHookRunEventSchema, hookRunEventParamsSchema } from './hook-run-event.js';
export type { CodexHookRunEvent } from './hook-run-event.js';
export { codexCompactionEventSchema, compactionEventParamsSchema } from './compaction-event.js';
export type { CodexCompactionEventRequest } from './compaction-event.js';
export { codexTurnEventSchema, turnEventParamsSchema } from './turn-event.js';
export type { CodexTurnEvent } from './turn-event.js';
export { codexTurnSteerEventSchema, turnSteerEventParamsSchema } from './turn-steer-event.js';
export type { CodexTurnSteerEvent } from './turn-steer-event.js';
export {
  codexPluginDisabledEventSchema,
  codexPluginEnabledEventSchema,
  codexPluginInstalledEventSchema,
  codexPluginMetadataSchema,
  codexPluginUninstalledEventSchema,
  codexPluginUsedEventSchema,
  codexPluginUsedMetadataSchema,
} from './plugin-events.js';
export type {
  CodexPluginDisabledEvent,
  CodexPluginEnabledEvent,
  CodexPluginInstalledEvent,
  CodexPluginMetadata,
  CodexPluginUninstalledEvent,
  CodexPluginUsedEvent,
  CodexPluginUsedMetadata,
} from './plugin-events.js';

export {
  approvalPolicyNameSchema,
  approvalsReviewerSchema,
  collaborationModeNameSchema,
  compactionImplementationSchema,
  compactionPhaseSchema,
  compactionReasonSchema,
  compactionStatusSchema,
  compactionStrategySchema,
  compactionTriggerSchema,
  hookEventNameSchema,
  hookRunStatusSchema,
  hookSourceSchema,
  invocationTypeSchema,
  personalityNameSchema,
  reasoningEffortSchema,
  reasoningSummaryNameSchema,
  rpcTransportSchema,
  sandboxPolicyNameSchema,
  serviceTierNameSchema,
  skillScopeSchema,
  threadInitializationModeSchema,
  threadSourceSchema,
  turnStatusSchema,
  turnSteerRejectionReasonSchema,
  turnSteerResultSchema,
  turnSubmissionTypeSchema,
} from './wire-enums.js';
export type {
  AppServerRpcTransport,
  ApprovalPolicyName,
  ApprovalsReviewer,
  CollaborationModeName,
  CompactionImplementation,
  CompactionPhase,
  CompactionReason,
  CompactionStatus,
  CompactionStrategy,
  CompactionTrigger,
  HookEventName,
  HookRunStatus,
  HookSource,
  InvocationType,
  PersonalityName,
  ReasoningEffort,
  ReasoningSummaryName,
  SandboxPolicyName,
  ServiceTierName,
  SkillScope,
  ThreadInitializationMode,
  ThreadSource,
  TurnStatus,
  TurnSteerRejectionReason,
  TurnSteerResult,
  TurnSubmissionType,
} from './wire-enums.js';
export {
  guardianApprovalRequestSourceSchema,
  guardianCommandSourceSchema,
  guardianNetworkProtocolSchema,
  guardianReviewDecisionSchema,
  guardianReviewFailureReasonSchema,
  guardianReviewOutcomeSchema,
  guardianReviewRiskLevelSchema,
  guardianReviewSessionKindSchema,
  guardianReviewTerminalStatusSchema,
  guardianReviewUserAuthorizationSchema,
  guardianSandboxPermissionsSchema,
} from './guardian-enums.js';
export type {
  GuardianApprovalRequestSource,
  GuardianCommandSource,
  GuardianNetworkProtocol,
  GuardianReviewDecision,
  GuardianReviewFailureReason,
  GuardianReviewOutcome,
  GuardianReviewRiskLevel,
  GuardianReviewSessionKind,
  GuardianReviewTerminalStatus,
  GuardianReviewUserAuthorization,
  GuardianSandboxPermissions,
} from './guardian-enums.js';
export { signedIntegerSchema, unsignedIntegerSchema } from './wire-numbers.js';

export { WIRE_ERAS, findUnknownWireKeys, wireEraSchemas, wireEventSchema } from './wire-eras.js';
export type { WireEra } from './wire-eras.js';
export {
  currentAppMentionedEventSchema,
  currentAppServerClientMetadataSchema,
  currentAppUsedEventSchema,
  currentCompactionEventSchema,
  currentGuardianReviewEventSchema,
  currentHookRunEventSchema,
  currentPluginDisabledEventSchema,
  currentPluginEnabledEventSchema,
  currentPluginInstalledEventSchema,
  currentPluginUninstalledEventSchema,
  currentPluginUsedEventSchema,
  currentRuntimeMetadataSchema,
  currentSkillInvocationEventSchema,
  currentThreadInitializedEventSchema,
  currentTrackEventRequestSchema,
  currentTrackEventsRequestSchema,
  currentTurnEventSchema,
  currentTurnSteerEventSchema,
} from './current-era-events.js';
export type { CurrentTrackEventRequest, CurrentTrackEventsRequest } from './current-era-events.js';
export type { WireEvent } from './wire-event.js';
export {
  CURRENT_ONLY_EVENT_TYPES,
  currentAcceptedLineFingerprintsEventSchema,
  currentCollabAgentToolCallEventSchema,
  currentCommandExecutionEventSchema,
  currentDynamicToolCallEventSchema,
  currentFileChangeEventSchema,
  currentImageGenerationEventSchema,
  currentMcpToolCallEventSchema,
  currentWebSearchEventSchema,
} from './current-tool-item-events.js';
export type { CurrentOnlyEventType } from './current-tool-item-events.js';
export { EVENT_FIELD_DESCRIPTIONS } from './event-field-descriptions.js';
export { schemaTypeText, walkSchemaFields } from './walk-schema-fields.js';
