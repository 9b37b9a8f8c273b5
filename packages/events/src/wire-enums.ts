import type { z } from 'zod';
import { lazySchema } from './lazy-schema.js';

// Enum strings that facts carry and events emit verbatim (upstream `facts.rs` and the hook/guardian types).

export const rpcTransportSchema = lazySchema((z) => z.enum(['stdio', 'websocket', 'in_process']));
export type AppServerRpcTransport = z.infer<typeof rpcTransportSchema>;

export const invocationTypeSchema = lazySchema((z) => z.enum(['explicit', 'implicit']));
export type InvocationType = z.infer<typeof invocationTypeSchema>;

export const skillScopeSchema = lazySchema((z) => z.enum(['user', 'repo', 'system', 'admin']));
export type SkillScope = z.infer<typeof skillScopeSchema>;

export const threadSourceSchema = lazySchema((z) => z.enum(['user', 'subagent']));
export type ThreadSource = z.infer<typeof threadSourceSchema>;

export const threadInitializationModeSchema = lazySchema((z) => z.enum(['new', 'forked', 'resumed']));
export type ThreadInitializationMode = z.infer<typeof threadInitializationModeSchema>;

export const turnSubmissionTypeSchema = lazySchema((z) => z.enum(['default', 'queued']));
export type TurnSubmissionType = z.infer<typeof turnSubmissionTypeSchema>;

export const turnStatusSchema = lazySchema((z) => z.enum(['completed', 'failed', 'interrupted']));
export type TurnStatus = z.infer<typeof turnStatusSchema>;

export const turnSteerResultSchema = lazySchema((z) => z.enum(['accepted', 'rejected']));
export type TurnSteerResult = z.infer<typeof turnSteerResultSchema>;

export const turnSteerRejectionReasonSchema = lazySchema((z) => z.enum([
  'no_active_turn',
  'expected_turn_mismatch',
  'non_steerable_review',
  'non_steerable_compact',
  'empty_input',
  'input_too_large',
]));
export type TurnSteerRejectionReason = z.infer<typeof turnSteerRejectionReasonSchema>;

export const compactionTriggerSchema = lazySchema((z) => z.enum(['manual', 'auto']));
export type CompactionTrigger = z.infer<typeof compactionTriggerSchema>;

export const compactionReasonSchema = lazySchema((z) => z.enum(['user_requested', 'context_limit', 'model_downshift']));
export type CompactionReason = z.infer<typeof compactionReasonSchema>;

export const compactionImplementationSchema = lazySchema((z) => z.enum(['responses', 'responses_compact']));
export type CompactionImplementation = z.infer<typeof compactionImplementationSchema>;

export const compactionPhaseSchema = lazySchema((z) => z.enum(['standalone_turn', 'pre_turn', 'mid_turn']));
export type CompactionPhase = z.infer<typeof compactionPhaseSchema>;

export const compactionStrategySchema = lazySchema((z) => z.enum(['memento', 'prefix_compaction']));
export type CompactionStrategy = z.infer<typeof compactionStrategySchema>;

export const compactionStatusSchema = lazySchema((z) => z.enum(['completed', 'failed', 'interrupted']));
export type CompactionStatus = z.infer<typeof compactionStatusSchema>;

export const hookEventNameSchema = lazySchema((z) => z.enum([
  'PreToolUse',
  'PermissionRequest',
  'PostToolUse',
  'SessionStart',
  'UserPromptSubmit',
  'Stop',
]));
export type HookEventName = z.infer<typeof hookEventNameSchema>;

export const hookSourceSchema = lazySchema((z) => z.enum([
  'system',
  'user',
  'project',
  'mdm',
  'session_flags',
  'legacy_managed_config_file',
  'legacy_managed_config_mdm',
  'unknown',
]));
export type HookSource = z.infer<typeof hookSourceSchema>;

/** Statuses a hook run is reported with; `running` never reaches the wire (it is reported as `failed`). */
export const hookRunStatusSchema = lazySchema((z) => z.enum(['completed', 'blocked', 'failed', 'stopped']));
export type HookRunStatus = z.infer<typeof hookRunStatusSchema>;

export const sandboxPolicyNameSchema = lazySchema((z) => z.enum(['full_access', 'read_only', 'workspace_write', 'external_sandbox']));
export type SandboxPolicyName = z.infer<typeof sandboxPolicyNameSchema>;

export const reasoningEffortSchema = lazySchema((z) => z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']));
export type ReasoningEffort = z.infer<typeof reasoningEffortSchema>;

/** Reasoning summaries as the turn event reports them (`none` is reported as `null`). */
export const reasoningSummaryNameSchema = lazySchema((z) => z.enum(['auto', 'concise', 'detailed']));
export type ReasoningSummaryName = z.infer<typeof reasoningSummaryNameSchema>;

export const serviceTierNameSchema = lazySchema((z) => z.enum(['default', 'fast', 'flex']));
export type ServiceTierName = z.infer<typeof serviceTierNameSchema>;

/** Approval policies in their kebab-case display form. */
export const approvalPolicyNameSchema = lazySchema((z) => z.enum(['untrusted', 'on-failure', 'on-request', 'never', 'granular']));
export type ApprovalPolicyName = z.infer<typeof approvalPolicyNameSchema>;

export const approvalsReviewerSchema = lazySchema((z) => z.enum(['user', 'guardian_subagent']));
export type ApprovalsReviewer = z.infer<typeof approvalsReviewerSchema>;

export const collaborationModeNameSchema = lazySchema((z) => z.enum(['plan', 'default']));
export type CollaborationModeName = z.infer<typeof collaborationModeNameSchema>;

/** Personalities as the turn event reports them (`none` is reported as `null`). */
export const personalityNameSchema = lazySchema((z) => z.enum(['friendly', 'pragmatic']));
export type PersonalityName = z.infer<typeof personalityNameSchema>;
