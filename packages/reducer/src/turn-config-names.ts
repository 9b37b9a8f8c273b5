import type {
  ApprovalPolicyName,
  CollaborationModeName,
  PersonalityName,
  ReasoningSummaryName,
  SandboxPolicyName,
  ServiceTierName,
} from '@codex-analytics/events';
import type { AskForApproval, ModeKind, Personality, ReasoningSummary, SandboxPolicy, ServiceTier } from '@codex-analytics/facts';

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

/** Never null: `default` when absent. */
export function serviceTierName(tier: ServiceTier | null): ServiceTierName {
  return tier ?? 'default';
}

/** `plan` for Plan mode, `default` for every other mode. */
export function collaborationModeName(mode: ModeKind): CollaborationModeName {
  return mode === 'plan' ? 'plan' : 'default';
}

/** `null` when absent or `none`. */
export function personalityName(personality: Personality | null): PersonalityName | null {
  return personality === null || personality === 'none' ? null : personality;
}
