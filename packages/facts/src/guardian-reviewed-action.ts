import {
  guardianCommandSourceSchema,
  guardianNetworkProtocolSchema,
  guardianSandboxPermissionsSchema,
} from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// The action a guardian reviewed (upstream `GuardianReviewedAction`, codex-rs/analytics/src/events.rs), as a caller
// reports it: camelCase fields like every other custom fact; the `type` tag and the enum values are the wire strings.
// The reducer renames the fields to the wire's snake_case when it flattens the review into `codex_guardian_review`.

/** A core permission profile, carried verbatim as an opaque JSON object (or `null`). */
const additionalPermissionsSchema = lazySchema((z) => z.record(z.string(), z.unknown()).nullable());

export const guardianShellActionFactSchema = lazySchema((z) => z.object({
  type: z.literal('shell'),
  command: z.array(z.string()),
  commandDisplay: z.string(),
  cwd: z.string(),
  sandboxPermissions: guardianSandboxPermissionsSchema,
  additionalPermissions: additionalPermissionsSchema,
  justification: z.string().nullable(),
}));

export const guardianUnifiedExecActionFactSchema = lazySchema((z) => z.object({
  type: z.literal('unified_exec'),
  command: z.array(z.string()),
  commandDisplay: z.string(),
  cwd: z.string(),
  sandboxPermissions: guardianSandboxPermissionsSchema,
  additionalPermissions: additionalPermissionsSchema,
  justification: z.string().nullable(),
  tty: z.boolean(),
}));

export const guardianExecveActionFactSchema = lazySchema((z) => z.object({
  type: z.literal('execve'),
  source: guardianCommandSourceSchema,
  program: z.string(),
  argv: z.array(z.string()),
  cwd: z.string(),
  additionalPermissions: additionalPermissionsSchema,
}));

export const guardianApplyPatchActionFactSchema = lazySchema((z) => z.object({
  type: z.literal('apply_patch'),
  cwd: z.string(),
  files: z.array(z.string()),
}));

export const guardianNetworkAccessActionFactSchema = lazySchema((z) => z.object({
  type: z.literal('network_access'),
  target: z.string(),
  host: z.string(),
  protocol: guardianNetworkProtocolSchema,
  port: z.number().int().min(0).max(65_535),
}));

export const guardianMcpToolCallActionFactSchema = lazySchema((z) => z.object({
  type: z.literal('mcp_tool_call'),
  server: z.string(),
  toolName: z.string(),
  connectorId: z.string().nullable(),
  connectorName: z.string().nullable(),
  toolTitle: z.string().nullable(),
}));

/**
 * The reviewed action of a guardian review fact, tagged by `type`. Named `...FactSchema` because
 * `@codex-analytics/events` exports the snake_case wire shape as `guardianReviewedActionSchema`.
 */
export const guardianReviewedActionFactSchema = lazySchema((z) => z.discriminatedUnion('type', [
  guardianShellActionFactSchema,
  guardianUnifiedExecActionFactSchema,
  guardianExecveActionFactSchema,
  guardianApplyPatchActionFactSchema,
  guardianNetworkAccessActionFactSchema,
  guardianMcpToolCallActionFactSchema,
]));
export type GuardianReviewedActionFact = z.infer<typeof guardianReviewedActionFactSchema>;
