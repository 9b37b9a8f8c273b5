import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/SandboxPolicy.ts: tagged by `type`. Only the tag is read
// (the event reports it as `full_access`, `read_only`, `workspace_write` or `external_sandbox`); the variants'
// other fields (`access`, `networkAccess`, `writableRoots`, ...) are kept as given.
export const sandboxPolicySchema = lazySchema((z) => z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('dangerFullAccess') }),
  z.looseObject({ type: z.literal('readOnly') }),
  z.looseObject({ type: z.literal('externalSandbox') }),
  z.looseObject({ type: z.literal('workspaceWrite') }),
]));
export type SandboxPolicy = z.infer<typeof sandboxPolicySchema>;
