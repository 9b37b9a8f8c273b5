import type { z } from 'zod';
import { lazySchema } from './lazy-schema.js';

// Enum strings of the guardian review event (upstream `Guardian*` types, snake_case on the wire).

export const guardianApprovalRequestSourceSchema = lazySchema((z) => z.enum(['main_turn', 'delegated_subagent']));
export type GuardianApprovalRequestSource = z.infer<typeof guardianApprovalRequestSourceSchema>;

export const guardianReviewDecisionSchema = lazySchema((z) => z.enum(['approved', 'denied', 'aborted']));
export type GuardianReviewDecision = z.infer<typeof guardianReviewDecisionSchema>;

export const guardianReviewTerminalStatusSchema = lazySchema((z) => z.enum(['approved', 'denied', 'aborted', 'timed_out', 'failed_closed']));
export type GuardianReviewTerminalStatus = z.infer<typeof guardianReviewTerminalStatusSchema>;

export const guardianReviewFailureReasonSchema = lazySchema((z) => z.enum([
  'timeout',
  'cancelled',
  'prompt_build_error',
  'session_error',
  'parse_error',
]));
export type GuardianReviewFailureReason = z.infer<typeof guardianReviewFailureReasonSchema>;

export const guardianReviewRiskLevelSchema = lazySchema((z) => z.enum(['low', 'medium', 'high', 'critical']));
export type GuardianReviewRiskLevel = z.infer<typeof guardianReviewRiskLevelSchema>;

export const guardianReviewUserAuthorizationSchema = lazySchema((z) => z.enum(['unknown', 'low', 'medium', 'high']));
export type GuardianReviewUserAuthorization = z.infer<typeof guardianReviewUserAuthorizationSchema>;

export const guardianReviewOutcomeSchema = lazySchema((z) => z.enum(['allow', 'deny']));
export type GuardianReviewOutcome = z.infer<typeof guardianReviewOutcomeSchema>;

export const guardianReviewSessionKindSchema = lazySchema((z) => z.enum(['trunk_new', 'trunk_reused', 'ephemeral_forked']));
export type GuardianReviewSessionKind = z.infer<typeof guardianReviewSessionKindSchema>;

export const guardianSandboxPermissionsSchema = lazySchema((z) => z.enum(['use_default', 'require_escalated', 'with_additional_permissions']));
export type GuardianSandboxPermissions = z.infer<typeof guardianSandboxPermissionsSchema>;

export const guardianCommandSourceSchema = lazySchema((z) => z.enum(['shell', 'unified_exec']));
export type GuardianCommandSource = z.infer<typeof guardianCommandSourceSchema>;

export const guardianNetworkProtocolSchema = lazySchema((z) => z.enum(['http', 'https', 'socks5_tcp', 'socks5_udp']));
export type GuardianNetworkProtocol = z.infer<typeof guardianNetworkProtocolSchema>;
