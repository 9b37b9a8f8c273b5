import type {
  ApprovalPolicyName,
  ApprovalsReviewer,
  CollaborationModeName,
  PersonalityName,
  ReasoningEffort,
  ReasoningSummaryName,
  SandboxPolicyName,
  ServiceTierName,
} from '@codex-analytics/events';
import type {
  AskForApproval,
  ModeKind,
  Personality,
  ProtocolApprovalsReviewer,
  ProtocolReasoningEffort,
  ReasoningSummary,
  SandboxPolicy,
  ServiceTier,
} from '@codex-analytics/facts';

// How the turn event names the resolved configuration (upstream-behaviour.md §(c) 8).

export function sandboxPolicyName(policy: SandboxPolicy): SandboxPolicyName {
  switch (policy.type) {
    case 'dangerFullAccess':
      return 'full_access';
    case 'readOnly':
      return 'read_only';
    case 'workspaceWrite':
      return 'workspace_write';
    case 'externalSandbox':
      return 'external_sandbox';
  }
}

/** Kebab-case display form; a granular policy is `granular`. */
export function approvalPolicyName(policy: AskForApproval): ApprovalPolicyName {
  return typeof policy === 'string' ? policy : 'granular';
}

/** `null` when absent or `none`. */
export function reasoningSummaryName(summary: ReasoningSummary | null): ReasoningSummaryName | null {
  return summary === null || summary === 'none' ? null : summary;
}

// Today's protocol (Codex CLI 0.169.0) allows values the seed era did not know: any reasoning effort or service tier
// string, approvals reviewer `auto_review`. Upstream emits them as they are, and so do we: such an event is valid in
// the current wire era (`wireEraSchemas.current` of @codex-analytics/events), not in the strict seed era.

/** Never null: `default` when absent; any other tier as given. */
export function serviceTierName(tier: ServiceTier | null): ServiceTierName {
  return (tier ?? 'default') as ServiceTierName;
}

/** The reasoning effort as given (`null` when absent). */
export function reasoningEffortName(effort: ProtocolReasoningEffort | null): ReasoningEffort | null {
  return effort as ReasoningEffort | null;
}

/** The approvals reviewer as given. */
export function approvalsReviewerName(reviewer: ProtocolApprovalsReviewer): ApprovalsReviewer {
  return reviewer as ApprovalsReviewer;
}

/** `plan` for Plan mode, `default` for every other mode. */
export function collaborationModeName(mode: ModeKind): CollaborationModeName {
  return mode === 'plan' ? 'plan' : 'default';
}

/** `null` when absent or `none`. */
export function personalityName(personality: Personality | null): PersonalityName | null {
  return personality === null || personality === 'none' ? null : personality;
}
