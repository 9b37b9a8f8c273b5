import type { z } from 'zod';
import {
  guardianCommandSourceSchema,
  guardianNetworkProtocolSchema,
  guardianSandboxPermissionsSchema,
} from './guardian-enums.js';
import { lazySchema } from './lazy-schema.js';

/** A core permission profile, carried as an opaque JSON object (or `null`). */
const additionalPermissionsSchema = lazySchema((z) => z.record(z.string(), z.unknown()).nullable());

export const guardianShellActionSchema = lazySchema((z) => z.strictObject({
  type: z.literal('shell'),
  command: z.array(z.string()),
  command_display: z.string(),
  cwd: z.string(),
  sandbox_permissions: guardianSandboxPermissionsSchema,
  additional_permissions: additionalPermissionsSchema,
  justification: z.string().nullable(),
}));

export const guardianUnifiedExecActionSchema = lazySchema((z) => z.strictObject({
  type: z.literal('unified_exec'),
  command: z.array(z.string()),
  command_display: z.string(),
  cwd: z.string(),
  sandbox_permissions: guardianSandboxPermissionsSchema,
  additional_permissions: additionalPermissionsSchema,
  justification: z.string().nullable(),
  tty: z.boolean(),
}));

export const guardianExecveActionSchema = lazySchema((z) => z.strictObject({
  type: z.literal('execve'),
  source: guardianCommandSourceSchema,
  program: z.string(),
  argv: z.array(z.string()),
  cwd: z.string(),
  additional_permissions: additionalPermissionsSchema,
}));

export const guardianApplyPatchActionSchema = lazySchema((z) => z.strictObject({
  type: z.literal('apply_patch'),
  cwd: z.string(),
  files: z.array(z.string()),
}));

export const guardianNetworkAccessActionSchema = lazySchema((z) => z.strictObject({
  type: z.literal('network_access'),
  target: z.string(),
  host: z.string(),
  protocol: guardianNetworkProtocolSchema,
  port: z.number().int().min(0).max(65_535),
}));

export const guardianMcpToolCallActionSchema = lazySchema((z) => z.strictObject({
  type: z.literal('mcp_tool_call'),
  server: z.string(),
  tool_name: z.string(),
  connector_id: z.string().nullable(),
  connector_name: z.string().nullable(),
  tool_title: z.string().nullable(),
}));

/** The action a guardian reviewed, tagged by `type`. */
export const guardianReviewedActionSchema = lazySchema((z) => z.discriminatedUnion('type', [
  guardianShellActionSchema,
  guardianUnifiedExecActionSchema,
  guardianExecveActionSchema,
  guardianApplyPatchActionSchema,
  guardianNetworkAccessActionSchema,
  guardianMcpToolCallActionSchema,
]));
export type GuardianReviewedAction = z.infer<typeof guardianReviewedActionSchema>;
